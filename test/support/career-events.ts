import { randomUUID } from 'node:crypto';
import type { EventDataByType, EventType } from '@rung/contracts';

export const SAMPLE_DATA: { [T in EventType]: EventDataByType[T] } = {
  EmployeeHired: { grade: '5', gradeScheme: 'afc', jobFamily: 'nursing', contractType: 'permanent', fte: 1 },
  EmployeeLeft: { reason: 'voluntary' },
  DemographicsRecorded: { ethnicity: 'black-african', migrantGeneration: 'first', sex: 'female', ageBand: '25-34', disability: 'no' },
  PromotionGranted: { fromGrade: '5', toGrade: '6', gradeScheme: 'afc', basis: 'competitive' },
  GradeChanged: { fromGrade: '6', toGrade: '6', gradeScheme: 'afc', reason: 'lateral' },
  ApplicationSubmitted: { applicationId: 'app-1', vacancyRef: 'vac-9', targetGrade: '7', gradeScheme: 'afc', internal: true },
  ApplicationShortlisted: { applicationId: 'app-1' },
  ApplicationOutcome: { applicationId: 'app-1', outcome: 'appointed', stage: 'interview' },
  ProgrammeEnrolled: { programmeId: 'mentor-24', programmeKind: 'mentoring', role: 'participant', protectedTime: true },
  ProgrammeCompleted: { programmeId: 'mentor-24' },
  ProgrammeWithdrawn: { programmeId: 'mentor-24', reason: 'workload' },
  TrainingAccessed: { kind: 'non-mandatory', outcome: 'granted' },
  DisciplinaryCaseOpened: { caseKind: 'conduct' },
  AssessmentRecorded: { instrument: 'confidence-self', phase: 'baseline', score: 3, scaleMin: 1, scaleMax: 5 },
  EventRetracted: { retractedEventId: '0b8f6a8e-4f3e-4a53-9a7f-2b0c1d2e3f40', reason: 'keyed-in-error' },
};

export interface RawEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  orgId: string;
  subjectRef: string;
  occurredAt: string;
  source: string;
  data: Record<string, unknown>;
  [extra: string]: unknown;
}

/** A valid raw event of §4, as HR would send it, with any field overridden. */
export function rawEvent<T extends EventType>(type: T, overrides: Partial<RawEvent> = {}, data: Partial<EventDataByType[T]> = {}): RawEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    orgId: 'rx1-trust',
    subjectRef: 'E123456',
    occurredAt: '2024-03-01',
    source: 'esr',
    data: { ...SAMPLE_DATA[type], ...data } as Record<string, unknown>,
    ...overrides,
  };
}

/** A plausible career: hire, demographics, then a few promotions and applications, in business order. */
export function careerOf(subjectRef: string, orgId = 'rx1-trust', events = 5): RawEvent[] {
  const base = { subjectRef, orgId };
  const list: RawEvent[] = [
    rawEvent('EmployeeHired', { ...base, occurredAt: '2019-04-01' }, { grade: '3' }),
    rawEvent('DemographicsRecorded', { ...base, occurredAt: '2019-04-01' }),
  ];
  for (let i = 2; i < events; i += 1) {
    const year = 2019 + i;
    list.push(rawEvent('TrainingAccessed', { ...base, occurredAt: `${year}-06-0${1 + (i % 9)}` }));
  }
  return list.slice(0, events);
}
