import type { Cohort } from '../cohorts/cohort-definition';
import { checkpointDueOn, checkpointState, recruitmentEnd } from './checkpoints';

const cohort = (entry: Cohort['definition']['entry']): Cohort => ({ id: 'c', definedAt: '2024-01-01T00:00:00Z', definition: { name: 'c', orgIds: ['o'], entry, where: {} } });

describe('checkpoints', () => {
  it('given arms recruiting until different dates, then recruitment ends with the last of them', () => {
    expect(recruitmentEnd([
      cohort({ on: 'ProgrammeEnrolled', between: ['2024-01-01', '2024-06-30'] }),
      cohort({ on: 'employed', at: '2024-09-01' }),
      cohort({ on: 'EmployeeHired', between: ['2023-01-01', '2024-03-31'] }),
    ])).toBe('2024-09-01');
  });

  it('given the end of recruitment, then month M is due M × 30.4375 days later, rounded up to a whole day', () => {
    expect(checkpointDueOn('2024-06-30', 6)).toBe('2024-12-30');
    expect(checkpointDueOn('2024-06-30', 12)).toBe('2025-07-01');
    expect(checkpointDueOn('2024-06-30', 36)).toBe('2027-07-01');
  });

  it('given a due date, then a checkpoint is pending before it, due from it, and frozen once stored', () => {
    expect(checkpointState('2024-12-30', '2024-12-29', undefined)).toBe('pending');
    expect(checkpointState('2024-12-30', '2024-12-30', undefined)).toBe('due');
    expect(checkpointState('2024-12-30', '2024-12-29', {} as never)).toBe('frozen');
  });
});
