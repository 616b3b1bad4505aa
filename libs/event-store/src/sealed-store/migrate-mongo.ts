import type { Collection, Connection, Types } from 'mongoose';
import { EVENTS_COLLECTION } from '../mongo/event-documents';
import { withStoreErrors } from '../mongo/mongo-errors';
import { MigrationSealer, type MigrationCounts, type MigrationOptions, type StoredEvent } from './migrate-sealer';
import { isSealed } from './sealed-event';

type EventDoc = StoredEvent & { _id: Types.ObjectId };
/** The fields the migration writes, as the driver types them (the union of event bodies is too much for its filter types). */
interface SealedFields {
  _id: Types.ObjectId;
  streamId: string;
  version: number;
  hash: string;
  occurredAt: string;
  data: unknown;
}
type Update = Parameters<Collection<SealedFields>['bulkWrite']>[0][number];

const DEFAULT_BATCH = 1000;

/**
 * Seals every plaintext event document in place, a page at a time in (streamId, version) order. Each update's
 * filter still requires the plaintext digest, which sealing replaces, so a document is sealed once however
 * often this runs, and a killed run is resumed by running it again.
 */
export async function migrateMongoEvents(connection: Connection, options: MigrationOptions): Promise<MigrationCounts> {
  const sealer = new MigrationSealer(options.keys, options.master);
  let written = 0;
  for await (const page of pages(connection, options.batchSize ?? DEFAULT_BATCH)) {
    const sealed = await sealer.seal(page);
    const updates = page.flatMap((doc, i) => (isSealed(doc) ? [] : [sealUpdate(doc, sealed[i])]));
    if (updates.length) await withStoreErrors(() => connection.collection<SealedFields>(EVENTS_COLLECTION).bulkWrite(updates, { ordered: false }));
    written += page.length;
    options.onProgress?.(written);
  }
  return sealer.counts;
}

function sealUpdate(plain: EventDoc, sealed: StoredEvent): Update {
  return {
    updateOne: {
      filter: { _id: plain._id, hash: plain.hash },
      update: { $set: { data: sealed.data, occurredAt: sealed.occurredAt, hash: sealed.hash } },
    },
  };
}

/** Pages by the (streamId, version) index, holding no cursor between pages. */
async function* pages(connection: Connection, size: number): AsyncGenerator<EventDoc[]> {
  const events = connection.collection<SealedFields>(EVENTS_COLLECTION);
  let after: { streamId: string; version: number } | undefined;
  for (;;) {
    const filter = after ? { $or: [{ streamId: { $gt: after.streamId } }, { streamId: after.streamId, version: { $gt: after.version } }] } : {};
    const docs = (await withStoreErrors(() => events.find(filter).sort({ streamId: 1, version: 1 }).limit(size).toArray())) as unknown as EventDoc[];
    if (docs.length) yield docs;
    if (docs.length < size) return;
    const last = docs[docs.length - 1];
    after = { streamId: last.streamId, version: last.version };
  }
}
