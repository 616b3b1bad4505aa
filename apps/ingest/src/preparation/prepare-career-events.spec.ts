import { eventBodyHash, keyedPseudonyms, pseudonymiseReference, pseudonymiseSubject, type Pseudonyms } from '@rung/domain';
import { rawEvent } from '@rung/testing';
import { prepareCareerEvents } from './prepare-career-events';

const KEY = Buffer.alloc(32, 7);
const KEYED = keyedPseudonyms(KEY);

function counting(): Pseudonyms & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    subject: (orgId, ref) => (calls.push(ref), KEYED.subject(orgId, ref)),
    reference: (orgId, field, ref) => (calls.push(`${field}:${ref}`), KEYED.reference(orgId, field, ref)),
  };
}

describe('prepareCareerEvents', () => {
  it('validates, pseudonymises and digests each event, in batch order', () => {
    const good = rawEvent('EmployeeHired', { subjectRef: 'E1' });
    const bad = rawEvent('EmployeeLeft', { subjectRef: 'E1', occurredAt: 'soon' });
    const pseudonyms = counting();
    const [first, second, third] = prepareCareerEvents([good, bad, { ...good, eventId: rawEvent('EmployeeHired').eventId }], pseudonyms);

    expect(first).toMatchObject({ ok: true, event: { eventId: good.eventId, subjectId: pseudonymiseSubject(KEY, 'rx1-trust', 'E1') } });
    expect(first.ok && 'subjectRef' in first.event).toBe(false);
    expect(first.ok && first.bodyHash).toBe(first.ok && eventBodyHash(first.event));
    expect(second).toEqual({ ok: false, eventId: bad.eventId, errors: [{ path: 'occurredAt', message: expect.stringMatching(/ISO 8601/) }] });
    expect(third.ok).toBe(true);
    expect(pseudonyms.calls).toEqual(['E1']);
  });

  it('keeps no applicationId or vacancyRef as sent: each becomes its keyed pseudonym, computed once per batch', () => {
    const submitted = rawEvent('ApplicationSubmitted', { subjectRef: 'E1' }, { applicationId: 'A-77', vacancyRef: 'V-9' });
    const shortlisted = rawEvent('ApplicationShortlisted', { subjectRef: 'E1' }, { applicationId: 'A-77' });
    const outcome = rawEvent('ApplicationOutcome', { subjectRef: 'E1' }, { applicationId: 'A-77' });
    const pseudonyms = counting();

    const prepared = prepareCareerEvents([submitted, shortlisted, outcome], pseudonyms);

    const applicationId = pseudonymiseReference(KEY, 'rx1-trust', 'applicationId', 'A-77');
    expect(prepared.map((p) => p.ok && p.event.data)).toEqual([
      { ...submitted.data, applicationId, vacancyRef: pseudonymiseReference(KEY, 'rx1-trust', 'vacancyRef', 'V-9') },
      { applicationId },
      { ...outcome.data, applicationId },
    ]);
    expect(JSON.stringify(prepared)).not.toMatch(/A-77|V-9/);
    expect(pseudonyms.calls).toEqual(['E1', 'applicationId:A-77', 'vacancyRef:V-9']);
    expect(submitted.data.applicationId).toBe('A-77');
  });

  it('given a v2 enrolment naming a mentor and a coach, then each is replaced by the pseudonym the mentor or coach has as a subject', () => {
    const enrolled = rawEvent('ProgrammeEnrolled', { subjectRef: 'E1', schemaVersion: 2 }, { mentorRef: 'E2', coachRef: 'E3' });
    const mentorsOwn = rawEvent('EmployeeHired', { subjectRef: 'E2' });
    const pseudonyms = counting();

    const [prepared, mentor] = prepareCareerEvents([enrolled, mentorsOwn], pseudonyms);

    expect(prepared.ok && prepared.event.data).toEqual({
      ...enrolled.data, mentorRef: pseudonymiseSubject(KEY, 'rx1-trust', 'E2'), coachRef: pseudonymiseSubject(KEY, 'rx1-trust', 'E3'),
    });
    expect(prepared.ok && prepared.event.type === 'ProgrammeEnrolled' && prepared.event.data.mentorRef).toBe(mentor.ok && mentor.event.subjectId);
    expect(JSON.stringify(prepared)).not.toMatch(/"E[123]"/);
    expect(pseudonyms.calls).toEqual(['E1', 'E2', 'E3']);
  });

  it('given an enrolment with no mentor or coach, then neither field appears', () => {
    const enrolled = rawEvent('ProgrammeEnrolled', { subjectRef: 'E1', schemaVersion: 2 }, { mentorRef: undefined });
    delete enrolled.data.mentorRef;

    const [prepared] = prepareCareerEvents([enrolled], KEYED);

    expect(prepared.ok && prepared.event.data).toEqual(enrolled.data);
    expect(prepared.ok && Object.keys(prepared.event.data)).not.toContain('mentorRef');
  });

  it('digests the pseudonymised event, so a resend of the same event has the same digest', () => {
    const submitted = rawEvent('ApplicationSubmitted', { subjectRef: 'E1' }, { applicationId: 'A-77', vacancyRef: 'V-9' });
    const [first] = prepareCareerEvents([submitted], KEYED);
    const [again] = prepareCareerEvents([structuredClone(submitted)], KEYED);
    const [otherVacancy] = prepareCareerEvents([{ ...submitted, data: { ...submitted.data, vacancyRef: 'V-10' } }], KEYED);

    expect(first.ok && first.bodyHash).toBe(again.ok && again.bodyHash);
    expect(first.ok && first.bodyHash).toBe(first.ok && eventBodyHash(first.event));
    expect(first.ok && first.bodyHash).not.toBe(otherVacancy.ok && otherVacancy.bodyHash);
  });

  it('names no eventId for a rejected event without a usable one', () => {
    expect(prepareCareerEvents([42], KEYED)).toEqual([{ ok: false, eventId: null, errors: [{ path: '', message: 'an event must be a JSON object' }] }]);
  });

  it('rejects an event nested too deep for the stack, one event at a time', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i += 1) deep = { a: deep };
    const good = rawEvent('EmployeeLeft');
    const bad = rawEvent('EmployeeLeft', {}, { note: deep } as object);

    const [first, second] = prepareCareerEvents([good, bad], KEYED);

    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: false, eventId: bad.eventId, errors: [{ path: '', message: 'an event must not nest deeper than 64 levels' }] });
  });
});
