import type { PseudonymisedEvent, RecordedEvent } from '@rung/contracts';

export const EVENT_STORE = Symbol('EVENT_STORE');

export interface AppendRequest {
  streamId: string;
  events: readonly PseudonymisedEvent[];
  /** The body digests of `events`, when the caller has already computed them (see eventBodyHash). */
  bodyHashes?: readonly string[];
  /** The stream's version before this append; the append of new events fails when it differs. */
  expectedVersion?: number;
}

export type EventAppendStatus = 'stored' | 'duplicate' | 'conflict' | 'wrong-expected-version';

export interface EventAppendResult {
  eventId: string;
  status: EventAppendStatus;
}

export interface StreamAppendResult {
  streamId: string;
  results: EventAppendResult[];
  /** The events this append stored, in stream order. */
  stored: RecordedEvent[];
  /** The stream's version after the append. */
  version: number;
}

export interface StreamHead {
  streamId: string;
  version: number;
}

/** Where an event id is stored, seen from one stream: in that stream, in another one, or nowhere. */
export type EventLocation = 'this-stream' | 'another-stream' | 'nowhere';

/**
 * The event store (§6): one stream per subject, immutable, idempotent by eventId. An append resolves
 * only once its events are durable.
 */
export interface EventStore {
  append(requests: readonly AppendRequest[]): Promise<StreamAppendResult[]>;
  readStream(streamId: string): Promise<RecordedEvent[]>;
  streamVersion(streamId: string): Promise<number>;
  /** Whether `eventId` is stored in `streamId`, in another stream, or not at all; for checking retractions (§8). */
  locateEvent(eventId: string, streamId: string): Promise<EventLocation>;
  /** Every event in the store's read-all order, in batches, for rebuilds. */
  readAll(batchSize?: number): AsyncIterable<RecordedEvent[]>;
  /** The current version of every stream, in batches, so that projectors can find what lags. */
  streamHeads(batchSize?: number): AsyncIterable<StreamHead[]>;
  isReady(): boolean;
  close(): Promise<void>;
}
