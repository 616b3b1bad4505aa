import type { PreparedEvent } from './prepare-career-events';

export const EVENT_PREPARER = Symbol('EVENT_PREPARER');

/** Validates, pseudonymises and digests a raw batch, on this thread or on worker threads. */
export interface EventPreparer {
  prepare(raw: readonly unknown[]): Promise<PreparedEvent[]>;
}
