import { statSync } from 'node:fs';
import type { AuditEntry, AuditFilter, AuditLog, AuditPage, AuditRecord, AuditVerification } from '../audit-log.port';
import { isAuditEntry, normaliseRecord } from '../audit-record';
import { chainEntries, headOf, type ChainHead } from '../chain';
import { ChainVerifier } from '../chain-verifier';
import { GroupCommit } from '../group-commit';
import { badCursor, checkLimit, decodeCursor, encodeCursor, entryFilter, matches, type PagePosition } from '../page';
import { parseStoredLine, type StoredEntry } from '../stored-entry';
import { AuditFile, readStoredLines } from './audit-file';
import type { Line } from './lines';

export interface EmbeddedAuditOptions {
  dataDir: string;
}

/**
 * The audit log beside the embedded event journal, in `<dataDir>/audit/audit.log`. One process
 * writes it: concurrent appends share one write and one fdatasync, chained from the head kept in memory.
 */
export class EmbeddedAuditLog implements AuditLog {
  private readonly commits = new GroupCommit<AuditRecord>((records) => this.write(records));
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly file: AuditFile,
    private head: ChainHead | null,
    /** Bytes of an unfinished last line cut off at open. */
    readonly cutBytes: number,
  ) {}

  static async open(options: EmbeddedAuditOptions): Promise<EmbeddedAuditLog> {
    const { file, tail } = await AuditFile.open(options.dataDir);
    return new EmbeddedAuditLog(file, tail.head, tail.cutBytes);
  }

  /** Async, so that a record refused by normaliseRecord rejects this caller's promise rather than throwing. */
  async append(records: readonly AuditRecord[]): Promise<void> {
    if (this.closing) throw new Error('the audit log is closed');
    return this.commits.submit(records.map(normaliseRecord));
  }

  async page(filter: AuditFilter, cursor: string | null, limit: number): Promise<AuditPage> {
    checkLimit(limit);
    const wanted = entryFilter(filter);
    const start = await this.startOf(decodeCursor(cursor));
    const entries: AuditEntry[] = [];
    let next = start.offset;
    for await (const line of this.file.lines(start.offset)) {
      const entry = parseStoredLine(line.text, '');
      if (!isAuditEntry(entry) || entry.seq <= start.seq || !matches(entry, wanted)) continue;
      if (entries.length === limit) return { entries, next: encodeCursor({ seq: entries[limit - 1].seq, offset: next }) };
      entries.push(entry);
      next = line.next;
    }
    return { entries, next: null };
  }

  /**
   * Reads the file as it is on disk, up to its size at a moment when no write was under way, and
   * anchors the chain at the head this process holds, so that entries cut off the end are seen too.
   */
  async verify(): Promise<AuditVerification> {
    if (this.closing) throw new Error('the audit log is closed');
    const { size, head } = await this.commits.between(() => ({ size: sizeOnDisk(this.file.path), head: this.head }));
    const verifier = new ChainVerifier(head);
    let number = 0;
    for await (const line of readStoredLines(this.file.path, size)) verifier.push(storedEntryOf(line, (number += 1)));
    return verifier.finish();
  }

  /** Stops new appends, waits for those under way, then closes the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.commits.idle();
      await this.file.close();
    })();
    return this.closing;
  }

  private async write(records: AuditRecord[]): Promise<void> {
    const entries = chainEntries(this.head, records);
    await this.file.append(Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8'));
    this.head = headOf(entries);
  }

  /** Where a page starts: a cursor of this log names a seq and the line start after it. */
  private async startOf(position: PagePosition | null): Promise<Required<PagePosition>> {
    if (!position) return { seq: 0, offset: 0 };
    if (position.offset === undefined || !(await this.file.startsLine(position.offset))) throw badCursor();
    return { seq: position.seq, offset: position.offset };
  }
}

function storedEntryOf(line: Line, number: number): StoredEntry {
  const where = `line ${number} (byte ${line.offset})`;
  const entry = parseStoredLine(line.text, where);
  if (line.complete) return entry;
  return { unreadable: true, seq: entry.seq, detail: `${where} is unfinished: it has no newline` };
}

function sizeOnDisk(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
