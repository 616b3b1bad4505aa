import type { EventDataByType } from './career-event';
import type { EventType } from './event-types';

/**
 * What each field of an event means, in a phrase (documentation only: docs/events.md and
 * docs/schemas/ are generated from these, beside the rules the DTOs enforce).
 */
export const ENVELOPE_FIELD_DESCRIPTIONS = {
  eventId: 'The event\'s own id, chosen by the sender; the idempotency key: a resend with the same body is a duplicate, a different body under the same id a conflict.',
  type: 'The event type, which fixes the shape of `data`.',
  schemaVersion: 'The version of the shape of `data` for this type; older versions are upcast when read.',
  orgId: 'The organisation (employer) the subject works for.',
  subjectRef: 'The organisation\'s own reference for the person (e.g. an ESR staff number); pseudonymised at the boundary, never stored.',
  occurredAt: 'When it happened (not when it was sent): a real date or date-time in the years 1900–2100; date-times are kept in UTC.',
  source: 'The system the event came from (e.g. `esr`); stored as sent.',
  data: 'The fields of the event type: see the type\'s own table or schema.',
} as const;

export type EnvelopeField = keyof typeof ENVELOPE_FIELD_DESCRIPTIONS;

export const DATA_FIELD_DESCRIPTIONS: { readonly [T in EventType]: { readonly [F in keyof EventDataByType[T]]-?: string } } = {
  EmployeeHired: {
    grade: 'The grade at hire, a grade of `gradeScheme`.',
    gradeScheme: 'The grade scheme of `grade`.',
    jobFamily: 'The job family (e.g. `nursing`); stored as sent.',
    contractType: 'The type of contract.',
    fte: 'Whole-time equivalent (1 is full time).',
  },
  EmployeeLeft: {
    reason: 'Why the subject left.',
  },
  DemographicsRecorded: {
    ethnicity: 'Ethnic group as the subject stated it (ONS 2021 categories).',
    migrantGeneration: 'Migrant generation as the subject stated it.',
    sex: 'Sex as the subject stated it.',
    ageBand: 'Age band (never a date of birth).',
    disability: 'Whether the subject declared a disability.',
  },
  PromotionGranted: {
    fromGrade: 'The grade before, a grade of `gradeScheme`.',
    toGrade: 'The grade after, a grade of `gradeScheme`.',
    gradeScheme: 'The grade scheme of both grades.',
    basis: 'How the promotion came about.',
  },
  GradeChanged: {
    fromGrade: 'The grade before, a grade of `gradeScheme`.',
    toGrade: 'The grade after, a grade of `gradeScheme`.',
    gradeScheme: 'The grade scheme of both grades.',
    reason: 'Why the grade changed.',
  },
  ApplicationSubmitted: {
    applicationId: 'The sender\'s reference for the application; later events of the application repeat it. Pseudonymised at the boundary.',
    vacancyRef: 'The sender\'s reference for the vacancy. Pseudonymised at the boundary.',
    targetGrade: 'The grade of the vacancy, a grade of `gradeScheme`.',
    gradeScheme: 'The grade scheme of `targetGrade`.',
    internal: 'Whether the subject applied as an existing employee of the organisation.',
  },
  ApplicationShortlisted: {
    applicationId: 'The application, as in its `ApplicationSubmitted`. Pseudonymised at the boundary.',
  },
  ApplicationOutcome: {
    applicationId: 'The application, as in its `ApplicationSubmitted`. Pseudonymised at the boundary.',
    outcome: 'How the application ended.',
    stage: 'The stage it ended at.',
  },
  ProgrammeEnrolled: {
    programmeId: 'The organisation\'s code for the programme (e.g. `mentor-24`); stored as sent.',
    programmeKind: 'The kind of programme.',
    role: 'The subject\'s role in it.',
    protectedTime: 'Whether the subject is given protected time for it.',
    mentorRef: 'The subjectRef of the subject\'s mentor on the programme, a person of the same organisation (schema version 2). Pseudonymised at the boundary exactly as subjectRef is, so it equals the mentor\'s own subject pseudonym.',
    coachRef: 'The subjectRef of the subject\'s coach on the programme, a person of the same organisation (schema version 2). Pseudonymised at the boundary exactly as subjectRef is, so it equals the coach\'s own subject pseudonym.',
  },
  ProgrammeCompleted: {
    programmeId: 'The programme, as in its `ProgrammeEnrolled`.',
  },
  ProgrammeWithdrawn: {
    programmeId: 'The programme, as in its `ProgrammeEnrolled`.',
    reason: 'Why the subject withdrew.',
  },
  TrainingAccessed: {
    kind: 'The kind of training.',
    outcome: 'Whether the request was granted.',
  },
  DisciplinaryCaseOpened: {
    caseKind: 'The kind of case.',
  },
  AssessmentRecorded: {
    instrument: 'The assessment instrument.',
    phase: 'When, relative to the programme, it was taken.',
    score: 'The score, between `scaleMin` and `scaleMax` inclusive.',
    scaleMin: 'The lowest score of the instrument\'s scale.',
    scaleMax: 'The highest score of the instrument\'s scale; greater than `scaleMin`.',
  },
  EventRetracted: {
    retractedEventId: 'The `eventId` (a UUID) of the event withdrawn: an event of the same subject already stored, or earlier in the same batch.',
    reason: 'Why it is withdrawn.',
  },
};
