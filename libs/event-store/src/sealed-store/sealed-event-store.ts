import type { PseudonymisedEvent, RecordedEvent, SchemaRegistry } from '@rung/contracts';
import { eventBodyHash } from '@rung/domain';
import type { AppendRequest, EventLocation, EventStore, StreamAppendResult, StreamHead } from '../event-store.port';
import { newDataKey, unwrapKey, wrapKey } from '../sealing/envelope';
import type { SubjectKeyStore } from '../subject-keys/subject-key-store.port';
import { isSealed, keyedBodyHash, openEvent, sealEvent } from './sealed-event';

/** A stored event with the body it was sent with, instead of opening what was sealed a moment ago. */
function unsealedAs(stored: RecordedEvent, sent: PseudonymisedEvent | undefined): RecordedEvent {
  return sent ? ({ ...stored, occurredAt: sent.occurredAt, data: sent.data } as RecordedEvent) : stored;
}

/** Unwrapped data keys kept in memory, up to this many subjects (then the cache starts again). */
const KEY_CACHE_LIMIT = 500_000;

/**
 * Crypto-shredding over any event store: every event is sealed under its subject's data key on the
 * way in and opened on the way out. An erased subject (tombstone, key destroyed) has no readable
 * events: their stream reads as empty, is left out of rebuilds and heads, and counts as version 0.
 */
export class SealedEventStore implements EventStore {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly inner: EventStore,
    private readonly keys: SubjectKeyStore,
    private readonly master: Buffer,
    private readonly registry: SchemaRegistry,
  ) {}

  async append(requests: readonly AppendRequest[]): Promise<StreamAppendResult[]> {
    const keys = await this.keysFor(requests.map((r) => r.streamId), true);
    const sealed = requests.map((r) => this.sealRequest(r, keys.get(r.streamId)!));
    const results = await this.inner.append(sealed);
    const plain = new Map(requests.flatMap((r) => r.events.map((e) => [e.eventId, e] as const)));
    return results.map((s) => ({ ...s, stored: s.stored.map((e) => unsealedAs(e, plain.get(e.eventId))) }));
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const readable = await this.readableKeys([streamId]);
    if (!readable.has(streamId)) return [];
    return this.openAll(await this.inner.readStream(streamId), readable);
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.readableKeys([streamId])).has(streamId) ? this.inner.streamVersion(streamId) : 0;
  }

  locateEvent(eventId: string, streamId: string): Promise<EventLocation> {
    return this.inner.locateEvent(eventId, streamId);
  }

  async *readAll(batchSize?: number): AsyncIterable<RecordedEvent[]> {
    for await (const batch of this.inner.readAll(batchSize)) {
      const opened = this.openAll(batch, await this.readableKeys([...new Set(batch.map((e) => e.streamId))]));
      if (opened.length) yield opened;
    }
  }

  async *streamHeads(batchSize?: number): AsyncIterable<StreamHead[]> {
    for await (const heads of this.inner.streamHeads(batchSize)) {
      const erased = await this.keys.isErased(heads.map((h) => h.streamId));
      const kept = erased.size ? heads.filter((h) => !erased.has(h.streamId)) : heads;
      if (kept.length) yield kept;
    }
  }

  /** Drops these streams' keys from memory (after an erasure destroyed them in the key store). */
  forget(streamIds: readonly string[]): void {
    for (const id of streamIds) this.cache.delete(id);
  }

  isReady(): boolean {
    return this.inner.isReady();
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.keys.close();
  }

  private sealRequest(r: AppendRequest, key: Buffer): AppendRequest {
    const hashes = r.bodyHashes ?? r.events.map(eventBodyHash);
    return {
      ...r,
      events: r.events.map((e) => sealEvent<PseudonymisedEvent>(e, key)),
      bodyHashes: hashes.map((h) => keyedBodyHash(key, h)),
    };
  }

  /**
   * Events opened with their streams' keys. A stream with no key and no tombstone was written before
   * encryption (`rung migrate encrypt` seals it): its plaintext events are read as they are.
   */
  private openAll(events: readonly RecordedEvent[], readable: ReadonlyMap<string, Buffer | null>): RecordedEvent[] {
    const out: RecordedEvent[] = [];
    for (const e of events) {
      const key = readable.get(e.streamId);
      if (key) out.push(this.registry.upcast(openEvent(e, key)));
      else if (key === null && !isSealed(e)) out.push(this.registry.upcast(e));
    }
    return out;
  }

  /**
   * The keys of the streams that can be read: a key, or null for a stream stored before encryption.
   * Erased streams are left out, and their keys dropped from memory, whichever instance erased them.
   */
  private async readableKeys(streamIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const erased = await this.keys.isErased(streamIds);
    if (erased.size) this.forget([...erased]);
    const live = erased.size ? streamIds.filter((id) => !erased.has(id)) : streamIds;
    const readable = new Map<string, Buffer | null>(await this.keysFor(live, false));
    for (const id of live) if (!readable.has(id)) readable.set(id, null);
    return readable;
  }

  /** The data keys of these streams: from memory, the key store, or (when `create`) new ones stored first. */
  private async keysFor(streamIds: readonly string[], create: boolean): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const id of streamIds) {
      const key = this.cache.get(id);
      if (key) found.set(id, key);
      else missing.push(id);
    }
    if (!missing.length) return found;
    let wrapped = await this.keys.getWrapped(missing);
    const absent = missing.filter((id) => !wrapped.has(id));
    if (create && absent.length) {
      const created = await this.keys.putIfAbsent(new Map(absent.map((id) => [id, wrapKey(this.master, newDataKey(), id)])));
      wrapped = new Map([...wrapped, ...created]);
    }
    if (this.cache.size + wrapped.size > KEY_CACHE_LIMIT) this.cache.clear();
    for (const [id, w] of wrapped) {
      const key = unwrapKey(this.master, w, id);
      this.cache.set(id, key);
      found.set(id, key);
    }
    return found;
  }
}
