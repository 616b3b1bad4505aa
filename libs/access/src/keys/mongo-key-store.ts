import { isDuplicateKeyError, withStoreErrors } from '@rung/event-store';
import { Schema, type Connection, type Model } from 'mongoose';
import type { StoredKey } from './api-key';
import type { KeyStore } from './key-store';

export const KEYS_COLLECTION = 'api_keys';

type KeyDocument = StoredKey & { _id: string };

const keySchema = new Schema({ _id: String }, { collection: KEYS_COLLECTION, strict: false, versionKey: false, autoIndex: false, autoCreate: false });
const FIELDS = { _id: 0 } as const;

/** Keys in MongoDB: every instance reads the same documents, so a revocation holds everywhere at once. */
export class MongoKeyStore implements KeyStore {
  private constructor(private readonly model: Model<KeyDocument>) {}

  static open(connection: Connection): MongoKeyStore {
    const model = (connection.models.RungApiKey as Model<KeyDocument> | undefined) ?? connection.model<KeyDocument>('RungApiKey', keySchema);
    return new MongoKeyStore(model);
  }

  get(id: string): Promise<StoredKey | undefined> {
    return withStoreErrors(async () => (await this.model.findById(id, FIELDS).lean<StoredKey>()) ?? undefined);
  }

  list(): Promise<StoredKey[]> {
    return withStoreErrors(() => this.model.find({}, FIELDS).sort({ createdAt: 1, id: 1 }).lean<StoredKey[]>());
  }

  async insert(key: StoredKey): Promise<boolean> {
    try {
      await withStoreErrors(() => this.model.collection.insertOne({ _id: key.id, ...key } as never));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const result = await withStoreErrors(() => this.model.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } }));
    return result.modifiedCount === 1;
  }

  async close(): Promise<void> {
    // the connection belongs to the event-store module, which closes it
  }
}
