import type { EventDataByType } from './career-event';
import type { EventType } from './event-types';

/**
 * References that analyses only compare for equality (§8). Like subjectRef, each is replaced at the
 * boundary by a keyed pseudonym, so Rung never keeps what HR sent; timelines still join an
 * application's events by its (pseudonymised) applicationId. The field's name is part of the
 * pseudonym, so an applicationId never shares one with an equal vacancyRef or subjectRef.
 */
export const PSEUDONYMISED_FIELDS: { readonly [T in EventType]?: readonly (keyof EventDataByType[T] & string)[] } = {
  ApplicationSubmitted: ['applicationId', 'vacancyRef'],
  ApplicationShortlisted: ['applicationId'],
  ApplicationOutcome: ['applicationId'],
};

/**
 * References to another subject of the same organisation, sent as that subject's own subjectRef
 * (a mentor's or coach's staff number). Each is pseudonymised exactly as subjectRef is, with the
 * organisation's key and without the field's name, so its pseudonym is the referenced subject's
 * subjectId and analyses can read the referenced subject's timeline (the mentor's own ethnicity).
 * Optional: a field that is not sent stays absent.
 */
export const SUBJECT_REFERENCE_FIELDS: { readonly [T in EventType]?: readonly (keyof EventDataByType[T] & string)[] } = {
  ProgrammeEnrolled: ['mentorRef', 'coachRef'],
};
