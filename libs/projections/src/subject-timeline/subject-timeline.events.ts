import { EVENT_TYPES, type EventType } from '@rung/contracts';

/** The event types the subject timeline folds: all of them, since it is the subject's whole record. */
export const SUBJECT_TIMELINE_EVENT_TYPES: readonly EventType[] = EVENT_TYPES;
