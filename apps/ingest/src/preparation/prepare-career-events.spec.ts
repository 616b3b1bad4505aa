import { eventBodyHash, pseudonymiseSubject } from '@rung/domain';
import { rawEvent } from '@rung/testing';
import { prepareCareerEvents } from './prepare-career-events';

const KEY = Buffer.alloc(32, 7);

describe('prepareCareerEvents', () => {
  it('validates, pseudonymises and digests each event, in batch order', () => {
    const good = rawEvent('EmployeeHired', { subjectRef: 'E1' });
    const bad = rawEvent('EmployeeLeft', { subjectRef: 'E1', occurredAt: 'soon' });
    const calls: string[] = [];
    const [first, second, third] = prepareCareerEvents([good, bad, { ...good, eventId: rawEvent('EmployeeHired').eventId }], (orgId, ref) => {
      calls.push(ref);
      return pseudonymiseSubject(KEY, orgId, ref);
    });

    expect(first).toMatchObject({ ok: true, event: { eventId: good.eventId, subjectId: pseudonymiseSubject(KEY, 'rx1-trust', 'E1') } });
    expect(first.ok && 'subjectRef' in first.event).toBe(false);
    expect(first.ok && first.bodyHash).toBe(first.ok && eventBodyHash(first.event));
    expect(second).toEqual({ ok: false, eventId: bad.eventId, errors: [{ path: 'occurredAt', message: expect.stringMatching(/ISO 8601/) }] });
    expect(third.ok).toBe(true);
    expect(calls).toEqual(['E1']);
  });

  it('names no eventId for a rejected event without a usable one', () => {
    expect(prepareCareerEvents([42], () => 'x')).toEqual([{ ok: false, eventId: null, errors: [{ path: '', message: 'an event must be a JSON object' }] }]);
  });
});
