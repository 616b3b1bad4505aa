import { BSON, Long } from 'bson';
import { cursorNotFound } from './errors';
import type { Doc } from './values';

/** Batches stop growing past this many bytes, as on a real server (16 MiB reply limit). */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
export const DEFAULT_BATCH_SIZE = 101;

interface OpenCursor {
  ns: string;
  docs: Doc[];
}

/** Server-wide registry of open cursors. A cursor holds a snapshot of its remaining results. */
export class CursorStore {
  private nextId = 1;
  private readonly open = new Map<number, OpenCursor>();

  /** Builds a `{ cursor: { firstBatch, id, ns }, ok: 1 }` reply, registering a cursor if needed. */
  firstBatch(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch = false): Doc {
    const batch = takeBatch(docs, batchSize ?? DEFAULT_BATCH_SIZE);
    const rest = docs.slice(batch.length);
    const id = rest.length > 0 && !singleBatch ? this.register(ns, rest) : 0;
    return cursorReply('firstBatch', ns, batch, id);
  }

  getMore(id: number, ns: string, batchSize: number | undefined): Doc {
    const cursor = this.open.get(id);
    if (cursor === undefined || cursor.ns !== ns) throw cursorNotFound(id);
    const size = batchSize !== undefined && batchSize > 0 ? batchSize : cursor.docs.length;
    const batch = takeBatch(cursor.docs, size);
    cursor.docs = cursor.docs.slice(batch.length);
    if (cursor.docs.length === 0) this.open.delete(id);
    return cursorReply('nextBatch', ns, batch, cursor.docs.length === 0 ? 0 : id);
  }

  kill(id: number): boolean {
    return this.open.delete(id);
  }

  clear(): void {
    this.open.clear();
  }

  private register(ns: string, docs: Doc[]): number {
    const id = this.nextId++;
    this.open.set(id, { ns, docs });
    return id;
  }
}

function takeBatch(docs: Doc[], batchSize: number): Doc[] {
  const limit = batchSize > 0 ? Math.min(batchSize, docs.length) : 0;
  let bytes = 0;
  let count = 0;
  while (count < limit) {
    bytes += BSON.calculateObjectSize(docs[count]);
    if (count > 0 && bytes > MAX_BATCH_BYTES) break;
    count++;
  }
  return docs.slice(0, count);
}

function cursorReply(field: 'firstBatch' | 'nextBatch', ns: string, batch: Doc[], id: number): Doc {
  return { cursor: { [field]: batch, id: Long.fromNumber(id), ns }, ok: 1 };
}
