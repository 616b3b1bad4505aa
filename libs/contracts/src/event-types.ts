export const EVENT_TYPES = [
  'EmployeeHired',
  'EmployeeLeft',
  'DemographicsRecorded',
  'PromotionGranted',
  'GradeChanged',
  'ApplicationSubmitted',
  'ApplicationShortlisted',
  'ApplicationOutcome',
  'ProgrammeEnrolled',
  'ProgrammeCompleted',
  'ProgrammeWithdrawn',
  'TrainingAccessed',
  'DisciplinaryCaseOpened',
  'AssessmentRecorded',
  'EventRetracted',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

const TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && TYPE_SET.has(value);
}

/** What each event type records, in one line (documentation only: docs/events.md is generated from it). */
export const EVENT_TYPE_DESCRIPTIONS: Readonly<Record<EventType, string>> = {
  EmployeeHired: 'The subject started a spell of employment with the organisation, at a grade.',
  EmployeeLeft: 'The subject left the organisation, ending the current spell of employment.',
  DemographicsRecorded: 'The subject\'s self-reported equality data (ethnicity, migrant generation, sex, age band, disability).',
  PromotionGranted: 'The subject moved up from one grade to another.',
  GradeChanged: 'The subject\'s grade changed other than by promotion: a lateral move, a demotion, the end of an acting-up or a regrade.',
  ApplicationSubmitted: 'The subject applied for a vacancy at a target grade.',
  ApplicationShortlisted: 'An application of the subject was shortlisted.',
  ApplicationOutcome: 'An application of the subject ended: appointed, rejected or withdrawn, and at which stage.',
  ProgrammeEnrolled: 'The subject joined a development programme (mentoring, coaching, a network…) as a participant, mentor or coach.',
  ProgrammeCompleted: 'The subject completed a programme.',
  ProgrammeWithdrawn: 'The subject left a programme before completing it.',
  TrainingAccessed: 'The subject asked for non-mandatory training or CPD, and whether it was granted.',
  DisciplinaryCaseOpened: 'A disciplinary or capability case was opened about the subject.',
  AssessmentRecorded: 'A score of the subject on an assessment instrument, at a phase of a programme.',
  EventRetracted: 'An earlier event of the same subject is withdrawn: timelines and analyses then leave it out.',
};
