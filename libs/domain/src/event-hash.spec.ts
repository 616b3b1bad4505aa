import type { PseudonymisedEvent } from '@rung/contracts';
import { eventBodyHash } from './event-hash';

const event = {
  eventId: '0b8f6a8e-4f3e-4a53-9a7f-2b0c1d2e3f40', type: 'EmployeeLeft', schemaVersion: 1, orgId: 'o', subjectId: 's',
  occurredAt: '2024-01-01', source: 'esr', data: { reason: 'voluntary' },
} as PseudonymisedEvent;

describe('eventBodyHash', () => {
  it('ignores the order of data fields', () => {
    const a = { ...event, type: 'ProgrammeEnrolled', data: { programmeId: 'p', programmeKind: 'mentoring', role: 'participant' } } as PseudonymisedEvent;
    const b = { ...a, data: { role: 'participant', programmeKind: 'mentoring', programmeId: 'p' } } as PseudonymisedEvent;
    expect(eventBodyHash(a)).toBe(eventBodyHash(b));
  });

  it.each([
    ['type', { type: 'EmployeeHired' }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['orgId', { orgId: 'p' }],
    ['subjectId', { subjectId: 't' }],
    ['occurredAt', { occurredAt: '2024-01-02' }],
    ['source', { source: 'trac' }],
    ['data', { data: { reason: 'other' } }],
  ])('changes when %s changes', (_field, change) => {
    expect(eventBodyHash({ ...event, ...change } as PseudonymisedEvent)).not.toBe(eventBodyHash(event));
  });

  it('does not depend on the eventId, which is the key it is stored under', () => {
    expect(eventBodyHash({ ...event, eventId: 'other' })).toBe(eventBodyHash(event));
  });
});
