import { isDuplicateKeyError, withStoreErrors } from '@rung/event-store';
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

/**
 * Subject timelines in MongoDB, one document per subject keyed by its id. A put replaces the document
 * only when it is older, so projectors racing on one subject can never move it backwards.
 */
export class MongoSubjectTimelineStore implements SubjectTimelineStore {
  private constructor(private readonly model: Model<TimelineDocument>) {}

  /** Opens the store and creates its indexes (autoIndex is off). */
  static async open(connection: Connection): Promise<MongoSubjectTimelineStore> {
    const model = (connection.models.RungSubjectTimeline as Model<TimelineDocument> | undefined)
      ?? connection.model<TimelineDocument>('RungSubjectTimeline', timelineSchema);
    await withStoreErrors(() => model.createIndexes());
    return new MongoSubjectTimelineStore(model);
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
