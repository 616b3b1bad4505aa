import type { Representation } from './representation';

/**
 * A materialised view: its JSON ready to send, its CSV once asked for, and the data it saw. The
 * cache keeps the bytes only; the value is read back from them when a CSV or a checkpoint needs it.
 */
export class Materialised<T> {
  /** Its CSV renderings, made once each: a report has one per part. */
  readonly csv = new Map<string, Representation>();
  /** Set when the cache drops the view: the data it saw has changed, or it was evicted. */
  retired = false;

  constructor(
    readonly json: Representation,
    /** The data fingerprint of each organisation when it was computed, for reconciliation. */
    readonly fingerprints: ReadonlyMap<string, string>,
  ) {}

  get value(): T {
    return JSON.parse(this.json.body.toString('utf8')) as T;
  }
}

/** A view that was serialised where it was computed (an estimation worker): its JSON, ready to send. */
export class Serialised<T> {
  declare readonly valueType?: T;

  constructor(readonly json: Representation) {}
}
