import type { AnyBulkWriteOperation, Collection, Connection } from 'mongoose';
import { duplicateKeyWriteErrors, withStoreErrors } from '../mongo/mongo-errors';
import { SubjectErasedError, type SubjectKeyStore, type Tombstone } from './subject-key-store.port';

export const SUBJECT_KEYS_COLLECTION = 'subject_keys';
export const TOMBSTONES_COLLECTION = 'tombstones';

interface KeyDocument {
  _id: string;
  wrapped: string;
}
type TombstoneDocument = Omit<Tombstone, 'streamId'> & { _id: string };

/** A lost key loses a subject's events, and a lost tombstone could let them back in: both wait for the journal of a majority. */
const DURABLE = { writeConcern: { w: 'majority', j: true } } as const;

/**
 * Subject keys in MongoDB, `subject_keys` { _id: streamId, wrapped } and `tombstones` { _id: streamId, … }.
 * Several instances share the database, so nothing is cached: every question is asked of MongoDB.
 * A destroyed key is deleted from the collection; copies in the oplog, in freed storage pages and in backups
 * age out on the server's own schedule, which is why the keys are wrapped by a master key kept elsewhere.
 */
export class MongoSubjectKeyStore implements SubjectKeyStore {
  private constructor(
    private readonly keys: Collection<KeyDocument>,
    private readonly graves: Collection<TombstoneDocument>,
  ) {}

  /** The connection is the caller's: the store never closes it. */
  static open(connection: Connection): MongoSubjectKeyStore {
    return new MongoSubjectKeyStore(connection.collection<KeyDocument>(SUBJECT_KEYS_COLLECTION), connection.collection<TombstoneDocument>(TOMBSTONES_COLLECTION));
  }

  async getWrapped(streamIds: readonly string[]): Promise<Map<string, string>> {
    if (!streamIds.length) return new Map();
    const docs = await withStoreErrors(() => this.keys.find({ _id: { $in: [...streamIds] } }).toArray());
    return new Map(docs.map((d) => [d._id, d.wrapped]));
  }

  /**
   * Refuses erased streams before writing, and again after: a tombstone recorded meanwhile, whose destroyKeys
   * may already have run, would otherwise leave this key behind, so it is deleted here.
   */
  async putIfAbsent(keys: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    const streamIds = [...keys.keys()];
    if (!streamIds.length) return new Map();
    await this.refuseErased(streamIds);
    await this.upsertAll([...keys].map(([_id, wrapped]) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: { wrapped } }, upsert: true } })), this.keys);
    const erased = await this.isErased(streamIds);
    if (erased.size) {
      await this.destroyKeys([...erased]);
      throw new SubjectErasedError([...erased]);
    }
    return this.getWrapped(streamIds);
  }

  async recordTombstones(tombstones: readonly Tombstone[]): Promise<void> {
    await this.upsertAll(tombstones.map(({ streamId: _id, ...fields }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true } })), this.graves);
  }

  async destroyKeys(streamIds: readonly string[]): Promise<void> {
    if (streamIds.length) await withStoreErrors(() => this.keys.deleteMany({ _id: { $in: [...streamIds] } }, DURABLE));
  }

  async finishTombstones(streamIds: readonly string[], finishedAt: string): Promise<void> {
    if (!streamIds.length) return;
    await withStoreErrors(() => this.graves.updateMany({ _id: { $in: [...streamIds] }, finishedAt: null }, { $set: { finishedAt } }, DURABLE));
  }

  async tombstones(): Promise<Tombstone[]> {
    const docs = await withStoreErrors(() => this.graves.find({}).toArray());
    return docs.map(({ _id, orgId, erasureId, requestedAt, finishedAt }) => ({ streamId: _id, orgId, erasureId, requestedAt, finishedAt }));
  }

  async isErased(streamIds: readonly string[]): Promise<Set<string>> {
    if (!streamIds.length) return new Set();
    const docs = await withStoreErrors(() => this.graves.find({ _id: { $in: [...streamIds] } }, { projection: { _id: 1 } }).toArray());
    return new Set(docs.map((d) => d._id));
  }

  async close(): Promise<void> {
    // the connection belongs to whoever opened it
  }

  private async refuseErased(streamIds: readonly string[]): Promise<void> {
    const erased = await this.isErased(streamIds);
    if (erased.size) throw new SubjectErasedError([...erased]);
  }

  /** First writer wins: $setOnInsert upserts, where a duplicate key means another writer's upsert won the race. */
  private async upsertAll<D extends { _id: string }>(operations: AnyBulkWriteOperation<D>[], collection: Collection<D>): Promise<void> {
    if (!operations.length) return;
    try {
      await withStoreErrors(() => collection.bulkWrite(operations, { ordered: false, ...DURABLE }));
    } catch (error) {
      if (!duplicateKeyWriteErrors(error)) throw error;
    }
  }
}
