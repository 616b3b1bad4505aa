import { SCHEMA_REGISTRY, type PseudonymisedEvent, type RecordedEvent } from '@rung/contracts';
import type { AppendRequest, EventStore, StreamAppendResult } from '../event-store.port';
import { newDataKey } from '../sealing/envelope';
import type { SubjectKeyStore } from '../subject-keys/subject-key-store.port';
import { SealedEventStore } from './sealed-event-store';
import { isSealed, keyedBodyHash, sealEvent } from './sealed-event';

/** An event as a store keeps it: the recorded event and its body digest. */
export type StoredEvent = RecordedEvent & { hash: string };

export interface MigrationCounts {
  /** Plaintext events sealed by this run. */
  sealed: number;
  alreadySealed: number;
  /** Streams this run sealed events of. */
  subjects: number;
  /** Of `sealed`, events of erased subjects, sealed under a key that was thrown away at once. */
  shredded: number;
}

export interface MigrationOptions {
  keys: SubjectKeyStore;
  master: Buffer;
  batchSize?: number;
  /** Called once each batch is durable, with the events written so far (by this run and any it resumed; tests stop a run here). */
  onProgress?: (written: number) => void;
}

/**
 * Only takes what SealedEventStore hands to its inner store, so that migrated events are sealed and
 * keyed exactly as SealedEventStore.append would store them, with the keys it would create.
 */
class CapturingStore implements EventStore {
  captured: AppendRequest[] = [];

  async append(requests: readonly AppendRequest[]): Promise<StreamAppendResult[]> {
    this.captured.push(...requests);
    return requests.map((r) => ({ streamId: r.streamId, results: [], stored: [], version: 0 }));
  }

  readStream(): never {
    throw new Error('not used');
  }
  streamVersion(): never {
    throw new Error('not used');
  }
  locateEvent(): never {
    throw new Error('not used');
  }
  readAll(): never {
    throw new Error('not used');
  }
  streamHeads(): never {
    throw new Error('not used');
  }
  isReady(): boolean {
    return true;
  }
  async close(): Promise<void> {}
}

/** Seals stored plaintext events in place of where they are, keeping their stream position and arrival time. */
export class MigrationSealer {
  readonly counts: MigrationCounts = { sealed: 0, alreadySealed: 0, subjects: 0, shredded: 0 };
  private readonly capture = new CapturingStore();
  private readonly sealer: SealedEventStore;
  private readonly subjects = new Set<string>();

  constructor(private readonly keys: SubjectKeyStore, master: Buffer) {
    this.sealer = new SealedEventStore(this.capture, keys, master, SCHEMA_REGISTRY);
  }

  /** The batch with each plaintext event sealed, in the same order; sealed events are given back as they are. */
  async seal(batch: readonly StoredEvent[]): Promise<StoredEvent[]> {
    const plain = batch.filter((e) => !isSealed(e));
    this.counts.alreadySealed += batch.length - plain.length;
    if (!plain.length) return [...batch];
    const erased = await this.keys.isErased([...new Set(plain.map((e) => e.streamId))]);
    const sealed = new Map<string, StoredEvent>();
    for (const e of await this.sealKept(plain.filter((e) => !erased.has(e.streamId)))) sealed.set(e.eventId, e);
    for (const e of plain.filter((e) => erased.has(e.streamId))) sealed.set(e.eventId, shredded(e));
    this.count(plain, erased);
    return batch.map((e) => sealed.get(e.eventId) ?? e);
  }

  private async sealKept(events: StoredEvent[]): Promise<StoredEvent[]> {
    if (!events.length) return [];
    this.capture.captured = [];
    await this.sealer.append(events.map((e) => ({ streamId: e.streamId, events: [e], bodyHashes: [e.hash] })));
    return this.capture.captured.map((r) => ({ ...(r.events[0] as RecordedEvent), hash: r.bodyHashes![0] }));
  }

  private count(plain: readonly StoredEvent[], erased: ReadonlySet<string>): void {
    for (const e of plain) this.subjects.add(e.streamId);
    this.counts.sealed += plain.length;
    this.counts.shredded += plain.filter((e) => erased.has(e.streamId)).length;
    this.counts.subjects = this.subjects.size;
  }
}

/** An erased subject has no key to seal under: a new one, never stored, makes the event unreadable as erasure would. */
function shredded(e: StoredEvent): StoredEvent {
  const key = newDataKey();
  return { ...sealEvent<PseudonymisedEvent & StoredEvent>(e, key), hash: keyedBodyHash(key, e.hash) };
}
