import type { CohortDefinition } from '../cohorts/cohort-definition';
import { firstOfMonth, lastMonthEndBy, lastOfMonth, wholeMonths, withWholeMonthEntry } from './snapping';

describe('snapping protected answers to whole months', () => {
  it('finds the first and last days of a month, leap years included', () => {
    expect(firstOfMonth('2024-02-17')).toBe('2024-02-01');
    expect(lastOfMonth('2024-02-17')).toBe('2024-02-29');
    expect(lastOfMonth('2023-12-31')).toBe('2023-12-31');
  });

  it('takes an as-of date back to the last month end that has passed', () => {
    expect(lastMonthEndBy('2024-03-31')).toBe('2024-03-31');
    expect(lastMonthEndBy('2024-03-30')).toBe('2024-02-29');
    expect(lastMonthEndBy('2024-01-01')).toBe('2023-12-31');
  });

  it('widens a one-day period to its whole month', () => {
    expect(wholeMonths('2022-05-10', '2022-05-10')).toEqual({ from: '2022-05-01', to: '2022-05-31' });
  });

  it('widens a cohort entry window to whole months and moves an employed date to its month end', () => {
    const base = { name: 'c', orgIds: ['o'], where: {} };
    const enrolled: CohortDefinition = { ...base, entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', between: ['2021-01-15', '2021-06-02'] } };
    expect(withWholeMonthEntry(enrolled).entry).toEqual({ on: 'ProgrammeEnrolled', programmeKind: 'mentoring', between: ['2021-01-01', '2021-06-30'] });
    expect(withWholeMonthEntry({ ...base, entry: { on: 'employed', at: '2022-07-15' } }).entry).toEqual({ on: 'employed', at: '2022-07-31' });
  });
});
