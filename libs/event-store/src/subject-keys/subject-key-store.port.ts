export const SUBJECT_KEY_STORE = Symbol('SUBJECT_KEY_STORE');

/** The record of a subject's erasure: written before their key is destroyed, finished once it is. */
export interface Tombstone {
  streamId: string;
  orgId: string;
  erasureId: string;
  requestedAt: string;
  finishedAt: string | null;
}

/** The data keys of subjects' streams, wrapped by the master key, and the tombstones of erased streams. */
export interface SubjectKeyStore {
  /** Wrapped keys of the streams that have one (erased streams have none). */
  getWrapped(streamIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * Stores wrapped keys for streams that have none yet, durably before resolving; an existing key is kept (first
   * writer wins) and the stored one returned for every stream asked. Refuses with SubjectErasedError (code
   * 'subject-erased') when any of the streams is tombstoned: storing nothing when the tombstone was there before
   * the call, and leaving no key of an erased stream when it is recorded during the call.
   */
  putIfAbsent(keys: ReadonlyMap<string, string>): Promise<Map<string, string>>;
  /** Records tombstones (durably): step 1 of an erasure; idempotent per streamId (the first one recorded is kept). */
  recordTombstones(tombstones: readonly Tombstone[]): Promise<void>;
  /** Destroys the keys of these streams so that no copy remains in the store (step 2); idempotent. */
  destroyKeys(streamIds: readonly string[]): Promise<void>;
  /** Marks tombstones finished (step 3); a finished tombstone keeps its first finishedAt. */
  finishTombstones(streamIds: readonly string[], finishedAt: string): Promise<void>;
  /** All tombstones: for resuming unfinished erasures at start and for refusing events. */
  tombstones(): Promise<Tombstone[]>;
  isErased(streamIds: readonly string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** A key was asked for a stream whose subject has been erased: their events must not be stored again. */
export class SubjectErasedError extends Error {
  readonly code = 'subject-erased';

  constructor(readonly streamIds: readonly string[]) {
    super(`${streamIds.length === 1 ? 'the subject of this stream has' : `the subjects of ${streamIds.length} streams have`} been erased`);
    this.name = 'SubjectErasedError';
  }
}
