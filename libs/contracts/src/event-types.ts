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
