import { isDuplicateKeyError, withStoreErrors } from '@rung/event-store';
import { Schema, type Connection, type Model } from 'mongoose';
import type { JobLease } from './job-lease.port';

export const LEASES_COLLECTION = 'leases';

interface LeaseDocument {
  _id: string;
  holder: string;
  expiresAt: Date;
}

const leaseSchema = new Schema<LeaseDocument>(
  { _id: String, holder: String, expiresAt: Date },
  { collection: LEASES_COLLECTION, versionKey: false, autoIndex: false, autoCreate: false },
);

/**
 * Leases in MongoDB, one document per job. The update matches only a lease that has expired or is the
 * caller's own; otherwise its upsert inserts a second document with the same _id, and the duplicate-key
 * error means another instance holds the lease (or won the race for it).
 */
export class MongoJobLease implements JobLease {
  private constructor(private readonly model: Model<LeaseDocument>) {}

  static open(connection: Connection): MongoJobLease {
    const model = (connection.models.RungJobLease as Model<LeaseDocument> | undefined) ?? connection.model<LeaseDocument>('RungJobLease', leaseSchema);
    return new MongoJobLease(model);
  }

  async tryAcquire(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    const filter = { _id: name, $or: [{ expiresAt: { $lt: now } }, { holder }] };
    const update = { $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) } };
    try {
      await withStoreErrors(() => this.model.findOneAndUpdate(filter, update, { upsert: true }).lean());
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async release(name: string, holder: string): Promise<void> {
    await withStoreErrors(() => this.model.deleteOne({ _id: name, holder }));
  }
}
