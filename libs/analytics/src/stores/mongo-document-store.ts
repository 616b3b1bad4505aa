import { isDuplicateKeyError, withStoreErrors } from '@rung/event-store';
import { Types, type Connection } from 'mongoose';
import type { DocumentStore } from './document-store';

interface StoredDocument<T> {
  _id: string;
  /** Insertion order across instances: ObjectIds grow with time. */
  order: Types.ObjectId;
  doc: T;
}

/**
 * Analytics documents in a MongoDB collection of their own, shared by every query instance: the
 * first insert of an id wins through the _id index, so a checkpoint is frozen once whichever
 * instance freezes it. Nothing is cached, so every instance sees every definition at once.
 */
export class MongoDocumentStore<T> implements DocumentStore<T> {
  private constructor(private readonly connection: Connection, private readonly name: string) {}

  static async open<T>(connection: Connection, name: string): Promise<MongoDocumentStore<T>> {
    const store = new MongoDocumentStore<T>(connection, name);
    await withStoreErrors(() => store.collection().createIndex({ order: 1 }, { name: 'order' }));
    return store;
  }

  async get(id: string): Promise<T | undefined> {
    const found = await withStoreErrors(() => this.collection().findOne({ _id: id }));
    return found?.doc;
  }

  async list(): Promise<T[]> {
    const all = await withStoreErrors(() => this.collection().find({}).sort({ order: 1 }).toArray());
    return all.map((d) => d.doc);
  }

  async insert(id: string, doc: T): Promise<boolean> {
    try {
      await withStoreErrors(() => this.collection().insertOne({ _id: id, order: new Types.ObjectId(), doc }, { writeConcern: { w: 'majority', j: true } }));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  private collection() {
    return this.connection.collection<StoredDocument<T>>(this.name);
  }
}
