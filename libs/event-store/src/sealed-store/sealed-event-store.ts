import type { PseudonymisedEvent, RecordedEvent, SchemaRegistry } from '@rung/contracts';
import { eventBodyHash } from '@rung/domain';
import type { AppendRequest, EventLocation, EventStore, StreamAppendResult, StreamHead } from '../event-store.port';
import { newDataKey, unwrapKey, wrapKey } from '../sealing/envelope';
import type { SubjectKeyStore } from '../subject-keys/subject-key-store.port';
import { keyedBodyHash, openEvent, sealEvent } from './sealed-event';

/** A stored event with the body it was sent with, instead of opening what was sealed a moment ago. */
function unsealedAs(stored: RecordedEvent, sent: PseudonymisedEvent | undefined): RecordedEvent {
  return sent ? ({ ...stored, occurredAt: sent.occurredAt, data: sent.data } as RecordedEvent) : stored;
}

/** Unwrapped data keys kept in memory, up to this many subjects (then the cache starts again). */
const KEY_CACHE_LIMIT = 500_000;

/**
 * Crypto-shredding over any event store: every event is sealed under its subject's data key on the
 * way in and opened on the way out. A subject whose key is destroyed has no readable events: their
 * stream reads as empty, is left out of rebuilds and heads, and counts as version 0.
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
    const key = (await this.keysFor([streamId], false)).get(streamId);
    if (!key) return [];
    return (await this.inner.readStream(streamId)).map((e) => this.opened(e, key));
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.keysFor([streamId], false)).has(streamId) ? this.inner.streamVersion(streamId) : 0;
  }

  locateEvent(eventId: string, streamId: string): Promise<EventLocation> {
    return this.inner.locateEvent(eventId, streamId);
  }

  async *readAll(batchSize?: number): AsyncIterable<RecordedEvent[]> {
    for await (const batch of this.inner.readAll(batchSize)) {
      const keys = await this.keysFor([...new Set(batch.map((e) => e.streamId))], false);
      const opened: RecordedEvent[] = [];
      for (const e of batch) {
        const key = keys.get(e.streamId);
        if (key) opened.push(this.opened(e, key));
      }
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

  private opened(e: RecordedEvent, key: Buffer): RecordedEvent {
    return this.registry.upcast(openEvent(e, key));
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
