import { isDuplicateKeyError, withStoreErrors } from '@rung/event-store';
import { Schema, type Connection, type Model } from 'mongoose';
import { isOpen, requestedRebuild, type RebuildRecord } from './rebuild-record';
import type { RebuildLog } from './rebuild-log.port';

export const PROJECTION_REBUILDS_COLLECTION = 'projection_rebuilds';

type RebuildDocument = Omit<RebuildRecord, 'generation'> & { _id: number };

const rebuildSchema = new Schema({ _id: Number }, { collection: PROJECTION_REBUILDS_COLLECTION, strict: false, versionKey: false, autoIndex: false, autoCreate: false });

/** One document per generation, `_id` the generation: the unique _id makes two requests at once agree on one. */
export class MongoRebuildLog implements RebuildLog {
  private constructor(private readonly model: Model<RebuildDocument>) {}

  static open(connection: Connection): MongoRebuildLog {
    const model = (connection.models.RungProjectionRebuild as Model<RebuildDocument> | undefined)
      ?? connection.model<RebuildDocument>('RungProjectionRebuild', rebuildSchema);
    return new MongoRebuildLog(model);
  }

  async latest(): Promise<RebuildRecord | undefined> {
    const [doc] = await withStoreErrors(() => this.model.find({}).sort({ _id: -1 }).limit(1).lean<RebuildDocument[]>());
    return doc && recordOf(doc);
  }

  async request(requestedBy: string, at: string): Promise<{ record: RebuildRecord; created: boolean }> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const last = await this.latest();
      if (last && isOpen(last)) return { record: last, created: false };
      const record = requestedRebuild((last?.generation ?? 0) + 1, requestedBy, at);
      try {
        await withStoreErrors(() => this.model.create(documentOf(record)));
        return { record, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw new Error('could not record a rebuild request: others kept asking at the same moment');
  }

  async save(record: RebuildRecord): Promise<boolean> {
    const fence = record.fence ?? 0;
    const filter = { _id: record.generation, $or: [{ fence: null }, { fence: { $lte: fence } }] };
    const { matchedCount } = await withStoreErrors(() => this.model.replaceOne(filter, documentOf(record)));
    return matchedCount === 1;
  }
}

function documentOf({ generation, ...rest }: RebuildRecord): RebuildDocument {
  return { _id: generation, ...rest };
}

function recordOf({ _id, ...rest }: RebuildDocument): RebuildRecord {
  return { generation: _id, ...rest };
}
