import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '@rung/domain';
import { isDuplicateKeyError, withStoreErrors } from '@rung/event-store';
import type { Connection } from 'mongoose';
import type { AuditEntry, AuditFilter, AuditLog, AuditPage, AuditRecord, AuditVerification } from '../audit-log.port';
import { isAuditEntry, normaliseRecord } from '../audit-record';
import { chainEntries, headOf, type ChainHead } from '../chain';
import { ChainVerifier } from '../chain-verifier';
import { GroupCommit } from '../group-commit';
import { checkLimit, decodeCursor, encodeCursor, entryFilter, type EntryFilter } from '../page';
import { asStoredEntry } from '../stored-entry';
import { auditModel, fromDocument, toDocument, type AuditModel } from './audit-documents';

export interface MongoAuditOptions {
  /** The connection is the caller's: the log never closes it. */
  connection: Connection;
}

/** Rounds a group may lose its seqs to other instances before the append fails; they back off at random in between. */
const MAX_ROUNDS = 32;
const VERIFY_BATCH = 5000;

type Doc = Record<string, unknown>;

/**
 * The audit log in MongoDB's `audit` collection, whose unique index on seq arbitrates between
 * instances. Each instance commits its concurrent appends as one ordered insert, chained from the
 * newest entry it knows; when another instance took those seqs, it re-reads the newest entry and
 * chains the rest again.
 */
export class MongoAuditLog implements AuditLog {
  /** Rounds that lost seqs to another instance; a measure of contention. */
  contentionRetries = 0;
  private readonly commits = new GroupCommit<AuditRecord>((records) => this.insert(records));
  private head: ChainHead | null = null;
  private headKnown = false;
  /** The newest entry this instance wrote, which verify anchors the chain at. */
  private written: ChainHead | null = null;
  private closing: Promise<void> | null = null;

  private constructor(private readonly model: AuditModel) {}

  /** Opens the log and creates its indexes (autoIndex is off). */
  static async open(options: MongoAuditOptions): Promise<MongoAuditLog> {
    const model = auditModel(options.connection);
    await withStoreErrors(() => model.createIndexes());
    return new MongoAuditLog(model);
  }

  /** Async, so that a record refused by normaliseRecord rejects this caller's promise rather than throwing. */
  async append(records: readonly AuditRecord[]): Promise<void> {
    if (this.closing) throw new Error('the audit log is closed');
    return this.commits.submit(records.map(normaliseRecord));
  }

  async page(filter: AuditFilter, cursor: string | null, limit: number): Promise<AuditPage> {
    checkLimit(limit);
    const query = queryOf(entryFilter(filter), decodeCursor(cursor)?.seq ?? 0);
    const docs = await withStoreErrors(() => this.model.find(query, { _id: 0 }).sort({ seq: 1 }).limit(limit + 1).lean<Doc[]>());
    const entries = docs.slice(0, limit).flatMap((doc) => entryOf(fromDocument(doc)));
    return { entries, next: docs.length > limit ? encodeCursor({ seq: docs[limit - 1].seq as number }) : null };
  }

  /** Reads every document in seq order, in batches, with the chain anchored at the newest entry this instance wrote. */
  async verify(): Promise<AuditVerification> {
    const verifier = new ChainVerifier(this.written);
    for await (const docs of this.batches()) {
      for (const doc of docs) verifier.push(asStoredEntry(fromDocument(doc), `the document with seq ${String(doc.seq)}`));
    }
    return verifier.finish();
  }

  /** Stops new appends and waits for those under way. */
  close(): Promise<void> {
    this.closing ??= this.commits.idle();
    return this.closing;
  }

  private async insert(records: AuditRecord[]): Promise<void> {
    let pending = records;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const entries = chainEntries(await this.currentHead(), pending);
      const inserted = await this.insertOrdered(entries);
      if (inserted) this.head = this.written = headOf(entries.slice(0, inserted));
      if (inserted === entries.length) return;
      pending = pending.slice(inserted);
      this.headKnown = false;
      this.contentionRetries += 1;
      await sleep(Math.random() * 2 ** Math.min(round, 6));
    }
    throw new DomainError('store-unavailable', `the audit append lost its place to other writers ${MAX_ROUNDS} times; retry it`);
  }

  private async currentHead(): Promise<ChainHead | null> {
    if (this.headKnown) return this.head;
    // Only numeric seqs: BSON sorts a string above every number.
    const doc = await withStoreErrors(() => this.model.findOne({ seq: { $gt: 0 } }, { _id: 0, seq: 1, hash: 1 }).sort({ seq: -1 }).lean<{ seq: number; hash: string }>());
    this.head = doc ? { seq: doc.seq, hash: doc.hash } : null;
    this.headKnown = true;
    return this.head;
  }

  /** How many went in before another instance's seq stopped the ordered insert. */
  private async insertOrdered(entries: AuditEntry[]): Promise<number> {
    try {
      await withStoreErrors(() => this.model.insertMany(entries.map(toDocument), { ordered: true, lean: true }));
      return entries.length;
    } catch (error) {
      // After any other failure what was written is unknown: read the head again next time.
      this.headKnown = false;
      if (!isDuplicateKeyError(error)) throw error;
      return insertedBefore(error);
    }
  }

  /** Keyset paging by seq, so that no server cursor is held between batches. */
  private async *batches(): AsyncGenerator<Doc[]> {
    for (let after = 0; ;) {
      const docs = await withStoreErrors(() => this.model.find({ seq: { $gt: after } }, { _id: 0 }).sort({ seq: 1 }).limit(VERIFY_BATCH).lean<Doc[]>());
      if (docs.length) yield docs;
      if (docs.length < VERIFY_BATCH) return;
      after = docs[docs.length - 1].seq as number;
    }
  }
}

/** A document changed out of an entry's shape is left out of pages; verify reports it. */
function entryOf(value: unknown): AuditEntry[] {
  return isAuditEntry(value) ? [value] : [];
}

function queryOf(filter: EntryFilter, afterSeq: number): Doc {
  const at = { ...(filter.from === undefined ? {} : { $gte: filter.from }), ...(filter.to === undefined ? {} : { $lte: filter.to }) };
  return {
    seq: { $gt: afterSeq },
    ...(Object.keys(at).length ? { at } : {}),
    ...(filter.keyId === undefined ? {} : { keyId: filter.keyId }),
    ...(filter.action === undefined ? {} : { action: filter.action }),
  };
}

/** An ordered insert stops at its first failure, whose index is how many went in before it. */
function insertedBefore(error: unknown): number {
  const writeErrors = ([] as Array<{ index?: unknown }>).concat((error as { writeErrors?: Array<{ index?: unknown }> }).writeErrors ?? []);
  const indexes = writeErrors.map((e) => e.index).filter((i): i is number => Number.isSafeInteger(i));
  return indexes.length ? Math.min(...indexes) : 0;
}
