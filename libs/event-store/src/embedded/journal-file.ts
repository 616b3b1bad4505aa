import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DomainError } from '@rung/domain';
import { appendDurably } from './durable-append';
import { checkRecord, HEADER_BYTES, MAX_RECORD_BYTES } from './journal-format';

export interface JournalRecord {
  offset: number;
  length: number;
  payload: Buffer;
}

export interface Recovery {
  validEnd: number;
  cutBytes: number;
}

const CHUNK = 8 * 1024 * 1024;
/** A torn tail is at most one unacknowledged group commit; anything bigger is corruption, not a crash. */
export const DEFAULT_MAX_TORN_TAIL = 256 * 1024 * 1024;

/** The append-only journal file: sequential scans, positional reads, and appends made durable by fdatasync. */
export class JournalFile {
  private handle!: FileHandle;
  private end = 0;

  private constructor(
    private readonly path: string,
    private readonly maxTornTail: number,
  ) {}

  /** Opens the journal, cutting off a torn last record so that start-up never stops on one. */
  static async open(
    path: string,
    onRecord: (record: JournalRecord) => void,
    maxTornTail = DEFAULT_MAX_TORN_TAIL,
  ): Promise<{ journal: JournalFile; recovery: Recovery }> {
    const journal = new JournalFile(path, maxTornTail);
    ensureFile(path);
    const recovery = journal.recover(onRecord);
    journal.handle = await open(path, 'r+');
    journal.end = recovery.validEnd;
    return { journal, recovery };
  }

  get size(): number {
    return this.end;
  }

  /** Appends the bytes and resolves once they are durable. On failure the journal is cut back. */
  async append(bytes: Buffer): Promise<number> {
    const at = this.end;
    await appendDurably(this.handle, at, bytes, 'the journal');
    this.end = at + bytes.length;
    return at;
  }

  readRecord(offset: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    readSync(this.handle.fd, buf, 0, length, offset + HEADER_BYTES);
    return buf;
  }

  /** Scans the acknowledged records from the start, in file order. */
  *scan(): Generator<JournalRecord> {
    const fd = this.handle.fd;
    for (const item of scanFile(fd, this.end)) if (item.kind === 'record') yield item.record;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private recover(onRecord: (record: JournalRecord) => void): Recovery {
    const fd = openSync(this.path, 'r+');
    try {
      const size = fstatSync(fd).size;
      let validEnd = 0;
      for (const item of scanFile(fd, size)) {
        if (item.kind !== 'record') break;
        onRecord(item.record);
        validEnd = item.record.offset + HEADER_BYTES + item.record.length;
      }
      return this.cutTail(fd, size, validEnd);
    } finally {
      closeSync(fd);
    }
  }

  private cutTail(fd: number, size: number, validEnd: number): Recovery {
    const cutBytes = size - validEnd;
    if (cutBytes === 0) return { validEnd, cutBytes };
    if (cutBytes > this.maxTornTail) {
      throw new DomainError('journal-corrupt', `journal ${this.path} is damaged at byte ${validEnd} with ${cutBytes} bytes after it; refusing to cut that much`);
    }
    keepTornTail(fd, this.path, validEnd, cutBytes);
    ftruncateSync(fd, validEnd);
    fsyncSync(fd);
    return { validEnd, cutBytes };
  }
}

type ScanItem = { kind: 'record'; record: JournalRecord } | { kind: 'stop'; at: number };

function* scanFile(fd: number, size: number): Generator<ScanItem> {
  let buf: Buffer = Buffer.allocUnsafe(CHUNK);
  let bufStart = 0;
  let bufEnd = 0;
  let at = 0;
  while (at < size) {
    if (at + HEADER_BYTES > bufEnd || at + HEADER_BYTES + buf.readUInt32LE(at - bufStart) > bufEnd) {
      ({ buf, bufStart, bufEnd } = refill(fd, buf, at, size));
    }
    const check = checkRecord(buf, at - bufStart, bufEnd - bufStart);
    if (check.kind !== 'record') {
      yield { kind: 'stop', at };
      return;
    }
    const start = at - bufStart + HEADER_BYTES;
    yield { kind: 'record', record: { offset: at, length: check.length, payload: buf.subarray(start, start + check.length) } };
    at += HEADER_BYTES + check.length;
  }
}

function refill(fd: number, buf: Buffer, at: number, size: number): { buf: Buffer; bufStart: number; bufEnd: number } {
  const need = Math.min(size - at, Math.max(CHUNK, HEADER_BYTES + MAX_RECORD_BYTES));
  const target = need > buf.length ? Buffer.allocUnsafe(need) : buf;
  const read = readSync(fd, target, 0, Math.min(target.length, size - at), at);
  return { buf: target, bufStart: at, bufEnd: at + read };
}

function keepTornTail(fd: number, path: string, from: number, length: number): void {
  const bytes = Buffer.allocUnsafe(length);
  readSync(fd, bytes, 0, length, from);
  const dir = join(dirname(path), 'torn');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, `journal-at-${from}.bin`), bytes, { mode: 0o600 });
}

function ensureFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  closeSync(fd);
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
