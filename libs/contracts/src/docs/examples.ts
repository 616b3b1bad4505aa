import type { EventDataByType } from '../career-event';
import type { EventType } from '../event-types';
import { CURRENT_SCHEMA_VERSIONS } from '../upcasting';

/** One valid `data` of each type, shown in docs/events.md and the JSON Schemas (checked by events-docs.spec.ts). */
export const EXAMPLE_DATA: { readonly [T in EventType]: EventDataByType[T] } = {
  EmployeeHired: { grade: '5', gradeScheme: 'afc', jobFamily: 'nursing', contractType: 'permanent', fte: 1 },
  EmployeeLeft: { reason: 'voluntary' },
  DemographicsRecorded: { ethnicity: 'black-african', migrantGeneration: 'first', sex: 'female', ageBand: '25-34', disability: 'no' },
  PromotionGranted: { fromGrade: '5', toGrade: '6', gradeScheme: 'afc', basis: 'competitive' },
  GradeChanged: { fromGrade: 'HEO', toGrade: 'HEO', gradeScheme: 'civil-service', reason: 'lateral' },
  ApplicationSubmitted: { applicationId: 'app-1', vacancyRef: 'vac-9', targetGrade: '7', gradeScheme: 'afc', internal: true },
  ApplicationShortlisted: { applicationId: 'app-1' },
  ApplicationOutcome: { applicationId: 'app-1', outcome: 'appointed', stage: 'interview' },
  ProgrammeEnrolled: { programmeId: 'mentor-24', programmeKind: 'mentoring', role: 'participant', protectedTime: true, mentorRef: 'E654321' },
  ProgrammeCompleted: { programmeId: 'mentor-24' },
  ProgrammeWithdrawn: { programmeId: 'mentor-24', reason: 'workload' },
  TrainingAccessed: { kind: 'non-mandatory', outcome: 'granted' },
  DisciplinaryCaseOpened: { caseKind: 'conduct' },
  AssessmentRecorded: { instrument: 'confidence-self', phase: 'baseline', score: 3, scaleMin: 1, scaleMax: 5 },
  EventRetracted: { retractedEventId: '0b8f6a8e-4f3e-4a53-9a7f-2b0c1d2e3f40', reason: 'keyed-in-error' },
};

/** The envelope of every example: `type`, `schemaVersion` (the current one) and `data` are the example's own. */
export const EXAMPLE_ENVELOPE = {
  eventId: '0b8f6a8e-4f3e-4a53-9a7f-2b0c1d2e3f41',
  orgId: 'rx1-trust',
  subjectRef: 'E123456',
  occurredAt: '2024-03-01',
  source: 'esr',
} as const;

export function exampleEvent(type: EventType, data: Record<string, unknown> = EXAMPLE_DATA[type] as Record<string, unknown>): Record<string, unknown> {
  const { eventId, ...rest } = EXAMPLE_ENVELOPE;
  return { eventId, type, schemaVersion: CURRENT_SCHEMA_VERSIONS[type], ...rest, data };
}
