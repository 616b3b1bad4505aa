import { rawEvent } from '@rung/testing';
import { READABLE_CODE_MESSAGE, readableCodeProblem } from './direct-identifiers';
import { EVENT_TYPES } from './event-types';
import { validateCareerEvent } from './validate-career-event';

function errorsOf(raw: unknown): Record<string, string> {
  const result = validateCareerEvent(raw);
  if (result.ok) throw new Error('expected the event to be rejected');
  return Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
}

describe('validateCareerEvent', () => {
  it.each(EVENT_TYPES)('accepts a well-formed %s', (type) => {
    const result = validateCareerEvent(rawEvent(type));
    expect(result).toMatchObject({ ok: true, event: { type } });
  });

  it('keeps a date as sent and turns a date-time into UTC', () => {
    const dated = validateCareerEvent(rawEvent('EmployeeLeft', { occurredAt: '2024-03-01' }));
    const timed = validateCareerEvent(rawEvent('EmployeeLeft', { occurredAt: '2024-03-01T09:30:00+01:00' }));
    expect(dated.ok && dated.event.occurredAt).toBe('2024-03-01');
    expect(timed.ok && timed.event.occurredAt).toBe('2024-03-01T08:30:00.000Z');
  });

  it('accepts optional data fields left out', () => {
    expect(validateCareerEvent(rawEvent('EmployeeHired', {}, { jobFamily: undefined, contractType: undefined, fte: undefined })).ok).toBe(true);
  });

  it('rejects an event nested deeper than 64 levels with one error, wherever the depth is, without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i += 1) deep = { a: deep };
    const expected = { '': 'an event must not nest deeper than 64 levels' };
    expect(errorsOf(rawEvent('EmployeeLeft', {}, { note: deep } as object))).toEqual(expected);
    expect(errorsOf(rawEvent('EmployeeHired', {}, { jobFamily: deep } as object))).toEqual(expected);
    expect(errorsOf({ ...rawEvent('EmployeeLeft'), source: deep })).toEqual(expected);
  });

  it('reads a value nested as deep as allowed field by field', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 60; i += 1) deep = [deep];
    expect(errorsOf(rawEvent('EmployeeLeft', {}, { note: deep } as object))).toEqual({ 'data.note': 'is not a field of this event' });
  });

  it('names a "__proto__" or "constructor" key as a field it does not know, in the event and in its data (found by fuzzing)', () => {
    const event = JSON.parse('{"__proto__":[{"constructor":null}],"constructor":{"prototype":{}}}') as object;
    expect(errorsOf({ ...rawEvent('DemographicsRecorded'), ...event })).toEqual(JSON.parse('{"__proto__":"is not a field of this event","constructor":"is not a field of this event"}'));
    const data = JSON.parse('{"__proto__":{"polluted":true},"reason":"voluntary"}') as object;
    expect(errorsOf(rawEvent('EmployeeLeft', {}, data))).toEqual({ 'data.__proto__': 'is not a field of this event' });
    expect(errorsOf(rawEvent('EmployeeLeft', {}, { toString: 'x' } as object))).toEqual({ 'data.toString': 'is not a field of this event' });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('rejects what is not an object', () => {
    expect(errorsOf([])).toEqual({ '': 'an event must be a JSON object' });
    expect(errorsOf('x')).toEqual({ '': 'an event must be a JSON object' });
    expect(errorsOf(null)).toEqual({ '': 'an event must be a JSON object' });
  });

  describe('the envelope', () => {
    it('rejects an unknown type by name', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', { type: 'EmployeeFired' })).type).toMatch(/^must be one of: EmployeeHired, /);
    });
    it('rejects a bad eventId', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', { eventId: 'not-a-uuid' }))).toEqual({ eventId: 'must be a UUID' });
    });
    it('rejects a missing field as required', () => {
      const { source: _omitted, ...raw } = rawEvent('EmployeeLeft');
      expect(errorsOf(raw)).toEqual({ source: 'is required' });
    });
    it('rejects unknown envelope fields', () => {
      expect(errorsOf({ ...rawEvent('EmployeeLeft'), priority: 'high' })).toEqual({ priority: 'is not a field of this event' });
    });
    it('rejects an orgId that is not a slug', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', { orgId: 'RX1 Trust' })).orgId).toBeDefined();
      expect(errorsOf(rawEvent('EmployeeLeft', { orgId: 'RX1' })).orgId).toMatch(/lower-case slug/);
    });
    it.each(['2024-13-01', '01/03/2024', '2024-02-30', 'yesterday', '1899-12-31', '2101-01-01'])('rejects occurredAt %s', (occurredAt) => {
      expect(errorsOf(rawEvent('EmployeeLeft', { occurredAt })).occurredAt).toBeDefined();
    });
    it('rejects a schema version below 1 or above the current one', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', { schemaVersion: 0 }))).toEqual({ schemaVersion: 'must be 1 or more' });
      expect(errorsOf(rawEvent('EmployeeLeft', { schemaVersion: 2 }))).toEqual({
        schemaVersion: 'EmployeeLeft is at schema version 1; 2 is not known',
      });
      expect(errorsOf(rawEvent('EmployeeLeft', { schemaVersion: 1.5 as number })).schemaVersion).toBe('must be an integer');
    });
    it('rejects data that is not an object', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', { data: [] as unknown as Record<string, unknown> }))).toEqual({ data: 'must be an object' });
    });
    it('names every bad field once', () => {
      const errors = errorsOf({ ...rawEvent('EmployeeLeft'), eventId: 5, orgId: '', source: 'a b c' });
      expect(Object.keys(errors).sort()).toEqual(['eventId', 'orgId', 'source']);
    });
  });

  describe('the data of each type', () => {
    it('rejects unknown data fields', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', {}, { mood: 'sad' } as object))).toEqual({ 'data.mood': 'is not a field of this event' });
    });
    it('rejects missing required data', () => {
      expect(errorsOf(rawEvent('PromotionGranted', { data: { fromGrade: '5', gradeScheme: 'afc', basis: 'acting' } }))).toEqual({
        'data.toGrade': 'is required',
      });
    });
    it.each([
      ['EmployeeLeft', { reason: 'fired' }, 'data.reason'],
      ['EmployeeHired', { contractType: 'zero-hours' }, 'data.contractType'],
      ['EmployeeHired', { fte: 0 }, 'data.fte'],
      ['DemographicsRecorded', { ethnicity: 'british' }, 'data.ethnicity'],
      ['DemographicsRecorded', { ageBand: '30-40' }, 'data.ageBand'],
      ['DemographicsRecorded', { sex: 'f' }, 'data.sex'],
      ['DemographicsRecorded', { migrantGeneration: 'fourth' }, 'data.migrantGeneration'],
      ['DemographicsRecorded', { disability: 'maybe' }, 'data.disability'],
      ['PromotionGranted', { basis: 'merit' }, 'data.basis'],
      ['GradeChanged', { reason: 'moved' }, 'data.reason'],
      ['ApplicationSubmitted', { internal: 'yes' }, 'data.internal'],
      ['ApplicationOutcome', { outcome: 'hired' }, 'data.outcome'],
      ['ApplicationOutcome', { stage: 'assessment' }, 'data.stage'],
      ['ProgrammeEnrolled', { programmeKind: 'buddying' }, 'data.programmeKind'],
      ['ProgrammeEnrolled', { role: 'mentee' }, 'data.role'],
      ['ProgrammeEnrolled', { protectedTime: 1 }, 'data.protectedTime'],
      ['TrainingAccessed', { kind: 'mandatory' }, 'data.kind'],
      ['TrainingAccessed', { outcome: 'ok' }, 'data.outcome'],
      ['AssessmentRecorded', { score: '3' }, 'data.score'],
      ['AssessmentRecorded', { phase: 'mid' }, 'data.phase'],
      ['AssessmentRecorded', { instrument: 'survey' }, 'data.instrument'],
      ['ProgrammeWithdrawn', { reason: 'x'.repeat(70) }, 'data.reason'],
    ] as const)('%s rejects %j at %s', (type, data, path) => {
      expect(errorsOf(rawEvent(type, {}, data as object))[path]).toBeDefined();
    });
    it('rejects a grade that is not in its scheme, and an unknown scheme', () => {
      expect(errorsOf(rawEvent('PromotionGranted', {}, { toGrade: '10' }))).toEqual({ 'data.toGrade': "'10' is not a grade of scheme 'afc'" });
      expect(errorsOf(rawEvent('EmployeeHired', {}, { gradeScheme: 'nhs' }))['data.gradeScheme']).toMatch(/not a known grade scheme/);
      expect(errorsOf(rawEvent('ApplicationSubmitted', {}, { gradeScheme: 'civil-service', targetGrade: 'G9' }))).toEqual({
        'data.targetGrade': "'G9' is not a grade of scheme 'civil-service'",
      });
    });
    it('rejects an assessment score outside its scale', () => {
      expect(errorsOf(rawEvent('AssessmentRecorded', {}, { score: 6 }))['data.score']).toMatch(/between scaleMin and scaleMax/);
      expect(errorsOf(rawEvent('AssessmentRecorded', {}, { scaleMin: 5, scaleMax: 5 }))['data.scaleMax']).toBe('must be greater than scaleMin');
    });
    it('rejects a retraction of something that is not an event id', () => {
      expect(errorsOf(rawEvent('EventRetracted', {}, { retractedEventId: 'abc' }))['data.retractedEventId']).toMatch(/UUID/);
    });
  });

  describe('direct identifiers', () => {
    it.each(['name', 'firstName', 'surname', 'email', 'dateOfBirth', 'dob', 'nino', 'nationalInsuranceNumber', 'postcode'])(
      'rejects a field called %s as a direct identifier',
      (key) => {
        expect(errorsOf(rawEvent('EmployeeLeft', {}, { [key]: 'x' } as object))[`data.${key}`]).toBe(`'${key}' is a direct identifier and is not accepted`);
      },
    );
    it('rejects identifier fields in the envelope too', () => {
      expect(errorsOf({ ...rawEvent('EmployeeLeft'), fullName: 'Jo' }).fullName).toMatch(/direct identifier/);
    });
    it('rejects a value that looks like an e-mail address, wherever it is', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', { subjectRef: 'jo.bloggs@nhs.net' })).subjectRef).toMatch(/e-mail address/);
      expect(errorsOf(rawEvent('ApplicationShortlisted', {}, { applicationId: 'jo@trust.org' }))['data.applicationId']).toMatch(/e-mail/);
    });
    it('rejects a value that looks like a National Insurance number', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', { subjectRef: 'QQ123456C' })).subjectRef).toMatch(/National Insurance number/);
      expect(errorsOf(rawEvent('EmployeeLeft', { source: 'AB 12 34 56 D' })).source).toMatch(/National Insurance|free text/);
    });
    it('rejects free text that could hold a name, naming what it looks like when it can', () => {
      expect(errorsOf(rawEvent('DisciplinaryCaseOpened', {}, { caseKind: 'Jo Bloggs shouted' }))['data.caseKind']).toMatch(/^looks like a name/);
      expect(errorsOf(rawEvent('DisciplinaryCaseOpened', {}, { caseKind: 'shouted at a colleague' }))['data.caseKind']).toMatch(/^free text/);
      expect(errorsOf(rawEvent('EmployeeLeft', { source: 'x'.repeat(80) })).source).toMatch(/free text/);
      expect(errorsOf(rawEvent('EmployeeLeft', { subjectRef: 'call 07700 900123' })).subjectRef).toMatch(/^looks like a phone number/);
    });

    it('refuses a very long string by its length, without matching patterns over it', () => {
      expect(errorsOf(rawEvent('EmployeeLeft', { source: 'a@b.'.repeat(100_000) })).source).toMatch(/^free text/);
      expect(errorsOf(rawEvent('EmployeeHired', {}, { jobFamily: '1'.repeat(300) }))['data.jobFamily']).toMatch(/^free text/);
      expect(readableCodeProblem('1'.repeat(300))).toBe(READABLE_CODE_MESSAGE);
      expect(readableCodeProblem('1'.repeat(200))).toMatch(/^looks like a personal number/);
    });

    it('checks references that Rung pseudonymises by the wider rule only, since what was sent is never kept', () => {
      const sent = rawEvent('ApplicationSubmitted', { subjectRef: '19850312' }, { applicationId: 'APP-0123456789', vacancyRef: 'VAC/2024/17' });
      expect(validateCareerEvent(sent).ok).toBe(true);
    });
    it('accepts ordinary codes that are not identifiers', () => {
      expect(validateCareerEvent(rawEvent('EmployeeLeft', { subjectRef: 'E123456', source: 'esr-v2' })).ok).toBe(true);
    });
  });
});
