import { rawEvent, type RawEvent } from '@rung/testing';
import type { EventType } from './event-types';
import { validateCareerEvent } from './validate-career-event';
import { CASE_KINDS, RETRACTION_REASONS, WITHDRAWAL_REASONS } from './vocabulary';

/**
 * SPEC §8: direct identifiers never get in. Each probe puts something that identifies a person into a
 * field that is stored as sent, in an otherwise valid event, and must be rejected at that field with
 * the reason. The 26th probe, a retraction naming another subject's event, needs the store: it is in
 * apps/ingest/src/record-career-events.handler.int-spec.ts.
 */
const NAME = /^looks like a name; direct identifiers are not accepted$/;
const DATE = /^looks like a date; /;
const PHONE = /^looks like a phone number; /;
const POSTCODE = /^looks like a postcode; /;
const NHS = /^looks like an NHS number; /;
const NINO = /^looks like a National Insurance number; /;
const EMAIL = /^looks like an e-mail address; /;
const NOT_A_CODE = /^must be a short code: lowercase letters and digits in up to 4 parts joined by - or _, at most 32 characters$/;
const NOT_LISTED = /^must be one of: /;

const PROBES: ReadonlyArray<readonly [EventType, string, string, RegExp]> = [
  ['EmployeeHired', 'data.jobFamily', 'JohnSmith', NAME],
  ['ProgrammeEnrolled', 'data.programmeId', 'Priya.Patel', NAME],
  ['DisciplinaryCaseOpened', 'data.caseKind', 'sexual-harassment-by-JSmith', NOT_LISTED],
  ['EmployeeLeft', 'source', 'JaneDoe', NAME],
  ['EmployeeHired', 'data.jobFamily', '1985-03-12', DATE],
  ['ProgrammeCompleted', 'data.programmeId', '1985-03-12', DATE],
  ['PromotionGranted', 'source', '1985-03-12', DATE],
  ['EmployeeHired', 'data.jobFamily', '07700900123', PHONE],
  ['TrainingAccessed', 'source', 'tel:+44-20-7946-0958', PHONE],
  ['ProgrammeWithdrawn', 'data.programmeId', 'SW1A1AA', POSTCODE],
  ['EmployeeHired', 'data.jobFamily', '9434765919', NHS],
  ['ProgrammeEnrolled', 'data.programmeId', '943-476-5919', NHS],
  ['EmployeeLeft', 'source', 'QQ.12.34.56.C', NINO],
  ['EmployeeHired', 'data.jobFamily', 'QQ-12-34-56-C', NINO],
  ['ProgrammeCompleted', 'data.programmeId', 'the_employee_said_she_left_because_her_manager_kept_bullying_her', NOT_A_CODE],
  ['ProgrammeWithdrawn', 'data.reason', 'felt_unsupported_by_her_line_manager', NOT_LISTED],
  ['EventRetracted', 'data.reason', 'entered_against_jo_bloggs_by_mistake', NOT_LISTED],
  ['GradeChanged', 'source', '12/03/1985', DATE],
  ['ProgrammeEnrolled', 'data.programmeId', '19850312', DATE],
  ['EmployeeHired', 'data.jobFamily', 'sw1a 1aa', POSTCODE],
  ['DemographicsRecorded', 'source', '943 476 5919', NHS],
  ['EmployeeHired', 'data.jobFamily', '+447700900123', PHONE],
  ['ProgrammeWithdrawn', 'data.reason', 'JohnSmith', NOT_LISTED],
  ['DisciplinaryCaseOpened', 'data.caseKind', 'QQ123456C', NINO],
  ['ProgrammeCompleted', 'data.programmeId', 'jo.bloggs@nhs.net', EMAIL],
];

const LEGITIMATE_CODES = [
  'esr', 'nursing', 'allied-health', 'mentoring-2024', 'prog_07', 'admin-clerical', 'hr-core', 'esr-v2', 'trac',
  'learning', 'recruit', 'mentor-24', 'career-progression-2021', 'collaboration-space-2022', 'leadership-2024-q3',
];

function withField(type: EventType, path: string, value: string): RawEvent {
  if (!path.startsWith('data.')) return rawEvent(type, { [path]: value });
  return rawEvent(type, {}, { [path.slice('data.'.length)]: value } as object);
}

function errorsOf(raw: RawEvent): Record<string, string> {
  const result = validateCareerEvent(raw);
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
}

describe('identifying probes (SPEC §8)', () => {
  it('has 25 distinct probes here, spread over every field that is stored as sent', () => {
    expect(new Set(PROBES.map(([type, path, value]) => `${type} ${path} ${value}`)).size).toBe(25);
    expect(new Set(PROBES.map(([, path]) => path))).toEqual(new Set(['data.jobFamily', 'data.programmeId', 'source', 'data.caseKind', 'data.reason']));
  });

  it.each(PROBES)('%s rejects %s = %j, naming the field and the reason', (type, path, value, reason) => {
    expect(validateCareerEvent(withField(type, path, 'other')).ok).toBe(true);
    const errors = errorsOf(withField(type, path, value));
    expect(Object.keys(errors)).toEqual([path]);
    expect(errors[path]).toMatch(reason);
  });

  it.each(LEGITIMATE_CODES)('accepts the code %j as jobFamily, programmeId and source', (code) => {
    expect(errorsOf(withField('EmployeeHired', 'data.jobFamily', code))).toEqual({});
    expect(errorsOf(withField('ProgrammeEnrolled', 'data.programmeId', code))).toEqual({});
    expect(errorsOf(withField('EmployeeLeft', 'source', code))).toEqual({});
  });

  it('accepts every code of the closed lists', () => {
    for (const reason of WITHDRAWAL_REASONS) expect(errorsOf(withField('ProgrammeWithdrawn', 'data.reason', reason))).toEqual({});
    for (const caseKind of CASE_KINDS) expect(errorsOf(withField('DisciplinaryCaseOpened', 'data.caseKind', caseKind))).toEqual({});
    for (const reason of RETRACTION_REASONS) expect(errorsOf(withField('EventRetracted', 'data.reason', reason))).toEqual({});
  });
});
