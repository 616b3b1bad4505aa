import { isDuplicateKeyError, withStoreErrors } from '@rung/event-store';
import { Schema, type Connection, type Model } from 'mongoose';
import type { JobLease, LeaseGrant, LeaseLogEntry } from './job-lease.port';

export const LEASES_COLLECTION = 'leases';
export const LEASE_LOG_COLLECTION = 'lease_log';
/** The log is evidence for operators, not history: MongoDB drops entries after this long. */
const LOG_DAYS = 30;

interface LeaseDocument {
  _id: string;
  holder: string;
  expiresAt: Date;
  fence: number;
}

interface LogDocument {
  job: string;
  holder: string;
  fence: number;
  at: Date;
}

const leaseSchema = new Schema<LeaseDocument>(
  { _id: String, holder: String, expiresAt: Date, fence: Number },
  { collection: LEASES_COLLECTION, versionKey: false, autoIndex: false, autoCreate: false },
);
const logSchema = new Schema<LogDocument>(
  { job: String, holder: String, fence: Number, at: Date },
  { collection: LEASE_LOG_COLLECTION, versionKey: false, autoIndex: false, autoCreate: false },
);
logSchema.index({ job: 1, fence: 1 }, { name: 'job_fence', unique: true });
logSchema.index({ at: 1 }, { name: 'at_ttl', expireAfterSeconds: LOG_DAYS * 86_400 });

/**
 * Leases in MongoDB, one document per job. The update matches only a lease that has expired or is the
 * caller's own; otherwise its upsert inserts a second document with the same _id, and the duplicate-key
 * error means another instance holds the lease (or won the race for it). Each grant increments the
 * lease's fencing token and is logged in `lease_log`.
 */
export class MongoJobLease implements JobLease {
  private constructor(
    private readonly model: Model<LeaseDocument>,
    private readonly logModel: Model<LogDocument>,
  ) {}

  static async open(connection: Connection): Promise<MongoJobLease> {
    const model = (connection.models.RungJobLease as Model<LeaseDocument> | undefined) ?? connection.model<LeaseDocument>('RungJobLease', leaseSchema);
    const logModel = (connection.models.RungLeaseLog as Model<LogDocument> | undefined) ?? connection.model<LogDocument>('RungLeaseLog', logSchema);
    await withStoreErrors(() => logModel.createIndexes());
    return new MongoJobLease(model, logModel);
  }

  async tryAcquire(name: string, holder: string, ttlMs: number, now: Date): Promise<LeaseGrant | null> {
    const filter = { _id: name, $or: [{ expiresAt: { $lt: now } }, { holder }] };
    const update = { $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) }, $inc: { fence: 1 } };
    let granted: LeaseDocument | null;
    try {
      granted = await withStoreErrors(() => this.model.findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'after' }).lean<LeaseDocument>());
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
    const fence = granted?.fence ?? 1;
    await withStoreErrors(() => this.logModel.create({ job: name, holder, fence, at: now }));
    return { fence };
  }

  async release(name: string, holder: string): Promise<void> {
    // Expired rather than deleted, so that the next grant's token is still larger than this one.
    await withStoreErrors(() => this.model.updateOne({ _id: name, holder }, { $set: { expiresAt: new Date(0) } }));
  }

  async log(name: string): Promise<LeaseLogEntry[]> {
    const docs = await withStoreErrors(() => this.logModel.find({ job: name }).sort({ fence: 1 }).lean<LogDocument[]>());
    return docs.map((d) => ({ job: d.job, holder: d.holder, fence: d.fence, at: d.at.toISOString() }));
  }
}
