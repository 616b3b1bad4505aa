import { DomainError } from '@rung/domain';
import { mongo } from 'mongoose';

const DUPLICATE_KEY = 11000;

const TRANSIENT: ReadonlyArray<abstract new (...args: never[]) => Error> = [
  mongo.MongoNetworkError, mongo.MongoServerSelectionError, mongo.MongoTopologyClosedError, mongo.MongoNotConnectedError,
  mongo.MongoServerClosedError, mongo.MongoWriteConcernError, mongo.MongoOperationTimeoutError,
];
const TRANSIENT_LABELS = ['RetryableWriteError', 'RetryableError', 'TransientTransactionError', 'SystemOverloadedError', 'ResetPool', 'PoolRequestedRetry'];

interface WriteErrorLike {
  index: number;
  code?: number;
}

/** A server error whose only cause is a unique index (E11000), for a single write. */
export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY;
}

/**
 * The write errors of a failed bulk insert when every one is a duplicate key, else undefined. A bulk
 * error with a write-concern error or any other failure is not a duplicate and is handled elsewhere.
 */
export function duplicateKeyWriteErrors(error: unknown): WriteErrorLike[] | undefined {
  if (!(error instanceof mongo.MongoBulkWriteError) || error.err !== undefined) return undefined;
  const writeErrors = ([] as WriteErrorLike[]).concat(error.writeErrors as WriteErrorLike | WriteErrorLike[]);
  return writeErrors.length && writeErrors.every((e) => e.code === DUPLICATE_KEY) ? writeErrors : undefined;
}

/** A failure that says nothing about the data, only that MongoDB cannot be reached now: retry later (503). */
export function isTransientMongoError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MongooseServerSelectionError') return true;
  if (TRANSIENT.some((type) => error instanceof type)) return true;
  if (error instanceof mongo.MongoBulkWriteError && wholeBatchFailed(error)) return true;
  return error instanceof mongo.MongoError && TRANSIENT_LABELS.some((label) => error.hasErrorLabel(label));
}

/**
 * A bulk write that failed as a whole: its write concern failed, or the driver wrapped its own error
 * (a refused connection, no server to select) and says nothing about single documents. What was
 * written is unknown, and a resend is idempotent, so this is worth a retry.
 */
function wholeBatchFailed(error: InstanceType<typeof mongo.MongoBulkWriteError>): boolean {
  return error.err !== undefined || ([] as unknown[]).concat(error.writeErrors).length === 0;
}

/** Runs a store operation, turning transient MongoDB failures into DomainError('store-unavailable'). */
export async function withStoreErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw asStoreError(error);
  }
}

export function asStoreError(error: unknown): unknown {
  if (!isTransientMongoError(error)) return error;
  return new DomainError('store-unavailable', `MongoDB is unavailable: ${(error as Error).name}`);
}
