import type { EventType } from './event-types';

/** SPEC §5: each topic carries one family of event types, keyed `orgId:subjectRef`. */
export const TOPIC_FAMILIES = {
  'career.application.v1': ['ApplicationSubmitted', 'ApplicationShortlisted', 'ApplicationOutcome'],
  'career.promotion.v1': ['PromotionGranted', 'GradeChanged'],
  'career.retention.v1': ['EmployeeHired', 'EmployeeLeft'],
  'career.programme.v1': ['ProgrammeEnrolled', 'ProgrammeCompleted', 'ProgrammeWithdrawn'],
  'career.people.v1': ['DemographicsRecorded', 'TrainingAccessed', 'DisciplinaryCaseOpened', 'AssessmentRecorded', 'EventRetracted'],
} as const satisfies Record<string, readonly EventType[]>;

export type CareerTopic = keyof typeof TOPIC_FAMILIES;

export const CAREER_TOPICS = Object.keys(TOPIC_FAMILIES) as CareerTopic[];

export const DEAD_LETTER_TOPIC = 'career.deadletter.v1';

const TOPIC_OF_TYPE = new Map<string, CareerTopic>(
  CAREER_TOPICS.flatMap((topic) => TOPIC_FAMILIES[topic].map((type) => [type, topic] as const)),
);

/** The topic an event of this type belongs on. */
export function topicForType(type: EventType): CareerTopic {
  const topic = TOPIC_OF_TYPE.get(type);
  if (!topic) throw new Error(`no topic carries ${type}`);
  return topic;
}

/** The topic a known event type belongs on, or undefined for a string that is no event type. */
export function familyTopicOf(type: unknown): CareerTopic | undefined {
  return typeof type === 'string' ? TOPIC_OF_TYPE.get(type) : undefined;
}

export function messageKey(event: { orgId: string; subjectRef: string }): string {
  return `${event.orgId}:${event.subjectRef}`;
}
