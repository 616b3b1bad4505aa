import type { EventDataByType } from './career-event';
import type { EventType } from './event-types';

/**
 * References that analyses only compare for equality (§8). Like subjectRef, each is replaced at the
 * boundary by a keyed pseudonym, so Rung never keeps what HR sent; timelines still join an
 * application's events by its (pseudonymised) applicationId.
 */
export const PSEUDONYMISED_FIELDS: { readonly [T in EventType]?: readonly (keyof EventDataByType[T] & string)[] } = {
  ApplicationSubmitted: ['applicationId', 'vacancyRef'],
  ApplicationShortlisted: ['applicationId'],
  ApplicationOutcome: ['applicationId'],
};
