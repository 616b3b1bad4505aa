import { join } from 'node:path';
import { SCHEMA_REGISTRY, type RecordedEvent, type SchemaRegistry } from '@rung/contracts';
import type { AppendRequest, EventLocation, EventStore, StreamAppendResult, StreamHead } from '../event-store.port';
import { planAppend, type PlannedEvent, type PlanState } from './append-plan';
import { encodeRecord } from './journal-format';
import { JournalFile, type JournalRecord, type Recovery } from './journal-file';
import { StreamIndex } from './stream-index';

export interface EmbeddedStoreOptions {
  dataDir: string;
  now: () => Date;
  registry?: SchemaRegistry;
  /** The most bytes start-up will cut off as a torn tail before it calls the journal corrupt. */
  maxTornTailBytes?: number;
}

interface Pending {
  requests: readonly AppendRequest[];
  resolve(results: StreamAppendResult[]): void;
  reject(error: unknown): void;
}

type StoredRecord = RecordedEvent & { hash: string };

/**
 * The embedded event store: an append-only journal, fsync'd before an append resolves, with in-memory
 * indexes rebuilt from it at start. Concurrent appends share one write and one fdatasync (group commit).
 */
export class EmbeddedEventStore implements EventStore {
  private readonly index = new StreamIndex();
  private journal!: JournalFile;
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  recovery: Recovery = { validEnd: 0, cutBytes: 0 };

  private constructor(private readonly options: EmbeddedStoreOptions) {}

  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedEventStore> {
    const store = new EmbeddedEventStore(options);
    const path = join(options.dataDir, 'journal.log');
    const opened = await JournalFile.open(path, (r) => store.indexRecord(r), options.maxTornTailBytes);
    store.journal = opened.journal;
    store.recovery = opened.recovery;
    return store;
  }

  append(requests: readonly AppendRequest[]): Promise<StreamAppendResult[]> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ requests, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.index.locations(streamId).map(({ offset, length }) => this.decode(this.journal.readRecord(offset, length)));
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.index.versionOf(streamId);
  }

  /** The index knows every id but not its stream, so only an id stored somewhere costs a read of the one stream. */
  async locateEvent(eventId: string, streamId: string): Promise<EventLocation> {
    if (this.index.hashOf(eventId) === undefined) return 'nowhere';
    const stream = await this.readStream(streamId);
    return stream.some((e) => e.eventId === eventId) ? 'this-stream' : 'another-stream';
  }

  async *readAll(batchSize = 5000): AsyncIterable<RecordedEvent[]> {
    let batch: RecordedEvent[] = [];
    for (const record of this.journal.scan()) {
      batch.push(this.decode(record.payload));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  async *streamHeads(batchSize = 5000): AsyncIterable<StreamHead[]> {
    let batch: StreamHead[] = [];
    for (const head of this.index.heads()) {
      batch.push(head);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  get eventCount(): number {
    return this.index.size;
  }

  isReady(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.journal.close();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length) await this.commitGroup(this.queue.splice(0));
    } finally {
      this.flushing = null;
    }
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    const staging = new Staging(this.index);
    const recordedAt = this.options.now().toISOString();
    const outcomes = group.map((p) => p.requests.map((request) => {
      const plan = planAppend(request, staging);
      const stored = plan.toStore.map((planned) => staging.stage(planned, recordedAt));
      return { streamId: request.streamId, results: plan.results, version: plan.version, stored };
    }));
    try {
      await this.writeStaged(staging);
    } catch (error) {
      group.forEach((p) => p.reject(error));
      return;
    }
    group.forEach((p, i) => p.resolve(outcomes[i].map(({ stored, ...rest }) => ({ ...rest, stored: stored.map(stripHash) }))));
  }

  private async writeStaged(staging: Staging): Promise<void> {
    if (!staging.records.length) return;
    const encoded = staging.records.map((r) => encodeRecord(JSON.stringify(r)));
    const start = await this.journal.append(Buffer.concat(encoded));
    let offset = start;
    staging.records.forEach((r, i) => {
      this.index.add(r.eventId, r.hash, r.streamId, offset, encoded[i].length - 8);
      offset += encoded[i].length;
    });
  }

  private indexRecord(record: JournalRecord): void {
    const stored = JSON.parse(record.payload.toString('utf8')) as StoredRecord;
    this.index.add(stored.eventId, stored.hash, stored.streamId, record.offset, record.length);
  }

  private decode(payload: Buffer): RecordedEvent {
    const registry = this.options.registry ?? SCHEMA_REGISTRY;
    const record = JSON.parse(payload.toString('utf8')) as Partial<StoredRecord>;
    // The digest is written last, and V8 deletes a last-added property cheaply; copying every event to drop it cost a tenth of a rebuild.
    delete record.hash;
    return registry.upcast(record as RecordedEvent);
  }
}

/** The index as a group commit sees it: what is durable, plus what this group has staged so far. */
class Staging implements PlanState {
  readonly records: StoredRecord[] = [];
  private readonly hashes = new Map<string, string>();
  private readonly versions = new Map<string, number>();

  constructor(private readonly index: StreamIndex) {}

  hashOf(eventId: string): string | undefined {
    return this.hashes.get(eventId) ?? this.index.hashOf(eventId);
  }

  versionOf(streamId: string): number {
    return this.versions.get(streamId) ?? this.index.versionOf(streamId);
  }

  stage(planned: PlannedEvent, recordedAt: string): StoredRecord {
    const record: StoredRecord = {
      ...planned.event,
      streamId: planned.streamId,
      version: planned.version,
      position: this.index.size + this.records.length + 1,
      recordedAt,
      hash: planned.hash,
    };
    this.records.push(record);
    this.hashes.set(record.eventId, planned.hash);
    this.versions.set(planned.streamId, planned.version);
    return record;
  }
}

function stripHash({ hash: _hash, ...event }: StoredRecord): RecordedEvent {
  return event as RecordedEvent;
}
