import { withStoreErrors } from '@rung/event-store';
import { Schema, type Connection, type Model } from 'mongoose';
import type { ReadModelVersions } from './read-model-versions.port';

export const READ_MODEL_VERSIONS_COLLECTION = 'read_model_versions';

interface VersionDocument {
  _id: string;
  version: number;
}

const versionSchema = new Schema<VersionDocument>(
  { _id: String, version: Number },
  { collection: READ_MODEL_VERSIONS_COLLECTION, versionKey: false, autoIndex: false, autoCreate: false },
);

/** One small document per organisation, `{ _id: orgId, version }`, moved with $inc and read whole by every watcher. */
export class MongoReadModelVersions implements ReadModelVersions {
  readonly shared = true;

  private constructor(private readonly model: Model<VersionDocument>) {}

  static open(connection: Connection): MongoReadModelVersions {
    const model = (connection.models.RungReadModelVersion as Model<VersionDocument> | undefined)
      ?? connection.model<VersionDocument>('RungReadModelVersion', versionSchema);
    return new MongoReadModelVersions(model);
  }

  async bump(orgIds: readonly string[]): Promise<void> {
    const orgs = [...new Set(orgIds)];
    if (!orgs.length) return;
    const ops = orgs.map((org) => ({ updateOne: { filter: { _id: org }, update: { $inc: { version: 1 } }, upsert: true } }));
    await withStoreErrors(() => this.model.bulkWrite(ops, { ordered: false }));
  }

  async all(): Promise<ReadonlyMap<string, number>> {
    const docs = await withStoreErrors(() => this.model.find({}).lean<VersionDocument[]>());
    return new Map(docs.map((d) => [d._id, d.version]));
  }
}
