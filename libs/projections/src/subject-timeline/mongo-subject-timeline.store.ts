import { duplicateKeyWriteErrors, isDuplicateKeyError, withStoreErrors } from '@rung/event-store';
import { Schema, type Connection, type Model } from 'mongoose';
import type { SubjectTimeline } from './subject-timeline';
import type { SubjectTimelineStore } from './subject-timeline.store';

export const SUBJECT_TIMELINES_COLLECTION = 'subject_timelines';

type TimelineDocument = SubjectTimeline & { _id: string };

// Only _id is declared: declared paths would be cast first and reorder the fields of every timeline.
const timelineSchema = new Schema(
  { _id: String },
  { collection: SUBJECT_TIMELINES_COLLECTION, strict: false, versionKey: false, autoIndex: false, autoCreate: false, minimize: false },
);
timelineSchema.index({ orgId: 1, _id: 1 }, { name: 'orgId_id' });

const FIELDS = { _id: 0 } as const;

function collectionOf(generation: number | undefined): string {
  return generation === undefined ? SUBJECT_TIMELINES_COLLECTION : `${SUBJECT_TIMELINES_COLLECTION}_generation_${generation}`;
}

/**
 * Subject timelines in MongoDB, one document per subject keyed by its id. A put replaces the document
 * only when it is older, so projectors racing on one subject can never move it backwards.
 */
export class MongoSubjectTimelineStore implements SubjectTimelineStore {
  readonly durable = true;

  private constructor(
    private readonly model: Model<TimelineDocument>,
    private readonly connection: Connection,
  ) {}

  /** Opens the live timelines (or a rebuild generation's) and creates their indexes (autoIndex is off). */
  static async open(connection: Connection, generation?: number): Promise<MongoSubjectTimelineStore> {
    const name = generation === undefined ? 'RungSubjectTimeline' : `RungSubjectTimelineGeneration${generation}`;
    const model = (connection.models[name] as Model<TimelineDocument> | undefined)
      ?? connection.model<TimelineDocument>(name, timelineSchema, collectionOf(generation));
    await withStoreErrors(() => model.createIndexes());
    return new MongoSubjectTimelineStore(model, connection);
  }

  generation(n: number): Promise<SubjectTimelineStore> {
    return MongoSubjectTimelineStore.open(this.connection, n);
  }

  /** One renameCollection with dropTarget: atomic on a replica set, so readers never see a half-built generation. */
  async promote(n: number): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new Error('the MongoDB connection is not open');
    await withStoreErrors(() => db.renameCollection(collectionOf(n), SUBJECT_TIMELINES_COLLECTION, { dropTarget: true }));
  }

  async putMany(timelines: readonly SubjectTimeline[]): Promise<void> {
    if (!timelines.length) return;
    const ops = timelines.map((t) => ({
      replaceOne: { filter: { _id: t.subjectId, version: { $lt: t.version } }, replacement: { _id: t.subjectId, ...t }, upsert: true },
    }));
    try {
      await withStoreErrors(() => this.model.bulkWrite(ops, { ordered: false }));
    } catch (error) {
      // Duplicate keys are the timelines someone at least as new got to first; anything else is a failure.
      if (!duplicateKeyWriteErrors(error)) throw error;
    }
  }

  get(subjectId: string): Promise<SubjectTimeline | undefined> {
    return withStoreErrors(async () => (await this.model.findById(subjectId, FIELDS).lean<SubjectTimeline>()) ?? undefined);
  }

  /**
   * Replaces an older document, or inserts one. When a document at this version or newer exists the
   * filter misses and the upsert's insert hits the _id index: someone at least as new got there first.
   */
  async put(timeline: SubjectTimeline): Promise<void> {
    const doc = { _id: timeline.subjectId, ...timeline };
    try {
      await withStoreErrors(() => this.model.replaceOne({ _id: timeline.subjectId, version: { $lt: timeline.version } }, doc, { upsert: true }));
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async versionOf(subjectId: string): Promise<number> {
    const found = await withStoreErrors(() => this.model.findById(subjectId, { _id: 0, version: 1 }).lean<{ version: number }>());
    return found?.version ?? 0;
  }

  async clear(): Promise<void> {
    await withStoreErrors(() => this.model.deleteMany({}));
  }

  async delete(subjectIds: readonly string[]): Promise<void> {
    await withStoreErrors(() => this.model.deleteMany({ _id: { $in: [...subjectIds] } }));
  }

  count(): Promise<number> {
    return withStoreErrors(() => this.model.countDocuments({}));
  }

  /** Pages by subject id, so no cursor is held while the caller works on a batch. */
  async *scan(filter: { orgIds?: readonly string[] } = {}, batchSize = 5000): AsyncIterable<SubjectTimeline[]> {
    const orgs = filter.orgIds ? { orgId: { $in: [...filter.orgIds] } } : {};
    let after: string | undefined;
    for (;;) {
      const query = after === undefined ? orgs : { ...orgs, _id: { $gt: after } };
      const docs = await withStoreErrors(() => this.model.find(query).sort({ _id: 1 }).limit(batchSize).lean<TimelineDocument[]>());
      if (docs.length) yield docs.map(withoutId);
      if (docs.length < batchSize) return;
      after = docs[docs.length - 1]._id;
    }
  }
}

function withoutId({ _id: _ignored, ...timeline }: TimelineDocument): SubjectTimeline {
  return timeline;
}
