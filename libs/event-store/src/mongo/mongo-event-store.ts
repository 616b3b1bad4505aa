import { SCHEMA_REGISTRY, type RecordedEvent, type SchemaRegistry } from '@rung/contracts';
import type { Connection } from 'mongoose';
import type { AppendRequest, EventLocation, EventStore, StreamAppendResult, StreamHead } from '../event-store.port';
import { eventModel, RECORDED_FIELDS, type EventModel } from './event-documents';
import { MongoAppender } from './mongo-append';
import { asStoreError, withStoreErrors } from './mongo-errors';

export interface MongoStoreOptions {
  /** The connection is the caller's: the store never closes it. */
  connection: Connection;
  now: () => Date;
  registry?: SchemaRegistry;
}

const DEFAULT_BATCH = 5000;

/**
 * The event store on MongoDB: one document per event in `events`, with unique indexes on eventId and
 * on (streamId, version). See README.md beside this file for the ordering guarantees.
 */
export class MongoEventStore implements EventStore {
  private readonly appender: MongoAppender;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(
    private readonly model: EventModel,
    private readonly options: MongoStoreOptions,
  ) {
    this.appender = new MongoAppender(model, options.now);
  }

  /** Opens the store and creates its indexes (autoIndex is off). */
  static async open(options: MongoStoreOptions): Promise<MongoEventStore> {
    const model = eventModel(options.connection);
    await withStoreErrors(() => model.createIndexes());
    return new MongoEventStore(model, options);
  }

  get contentionRetries(): number {
    return this.appender.contentionRetries;
  }

  append(requests: readonly AppendRequest[]): Promise<StreamAppendResult[]> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    const appending = this.appender.append(requests);
    this.inFlight.add(appending);
    void appending.catch(() => undefined).finally(() => this.inFlight.delete(appending));
    return appending;
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const docs = await withStoreErrors(() => this.model.find({ streamId }, RECORDED_FIELDS).sort({ version: 1 }).lean<RecordedEvent[]>());
    return docs.map((e) => this.upcast(e));
  }

  async streamVersion(streamId: string): Promise<number> {
    const head = await withStoreErrors(() => this.model.findOne({ streamId }, { _id: 0, version: 1 }).sort({ version: -1 }).lean<{ version: number }>());
    return head?.version ?? 0;
  }

  async locateEvent(eventId: string, streamId: string): Promise<EventLocation> {
    const found = await withStoreErrors(() => this.model.findOne({ eventId }, { _id: 0, streamId: 1 }).lean<{ streamId: string }>());
    if (!found) return 'nowhere';
    return found.streamId === streamId ? 'this-stream' : 'another-stream';
  }

  /** Every event in (streamId, version) order, paged by that key: no cursor is held between batches. */
  async *readAll(batchSize = DEFAULT_BATCH): AsyncIterable<RecordedEvent[]> {
    let after: { streamId: string; version: number } | undefined;
    for (;;) {
      const filter = after ? { $or: [{ streamId: { $gt: after.streamId } }, { streamId: after.streamId, version: { $gt: after.version } }] } : {};
      const docs = await withStoreErrors(() => this.model.find(filter, RECORDED_FIELDS).sort({ streamId: 1, version: 1 }).limit(batchSize).lean<RecordedEvent[]>());
      if (docs.length) yield docs.map((e) => this.upcast(e));
      if (docs.length < batchSize) return;
      const last = docs[docs.length - 1];
      after = { streamId: last.streamId, version: last.version };
    }
  }

  /** The head of every stream, derived from the events themselves; a DISTINCT_SCAN shape on MongoDB (see README). */
  async *streamHeads(batchSize = DEFAULT_BATCH): AsyncIterable<StreamHead[]> {
    const cursor = this.model
      .aggregate<{ _id: string; version: number }>([
        { $sort: { streamId: -1, version: -1 } },
        { $group: { _id: '$streamId', version: { $first: '$version' } } },
      ])
      .allowDiskUse(true)
      .cursor({ batchSize });
    let batch: StreamHead[] = [];
    try {
      for await (const row of cursor) {
        batch.push({ streamId: row._id, version: row.version });
        if (batch.length < batchSize) continue;
        yield batch;
        batch = [];
      }
    } catch (error) {
      throw asStoreError(error);
    } finally {
      await cursor.close().catch(() => undefined);
    }
    if (batch.length) yield batch;
  }

  isReady(): boolean {
    return !this.closed && this.options.connection.readyState === 1;
  }

  /** Stops new appends and waits for those under way. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private upcast(event: RecordedEvent): RecordedEvent {
    return (this.options.registry ?? SCHEMA_REGISTRY).upcast(event);
  }
}
