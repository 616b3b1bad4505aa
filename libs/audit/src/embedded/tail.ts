import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DomainError } from '@rung/domain';
import { MAX_RECORD_BYTES } from '../audit-record';
import type { ChainHead } from '../chain';
import { isUnreadable, parseStoredLine } from '../stored-entry';

/** A torn tail is the unfinished last line of one unacknowledged write; anything longer is damage. */
export const MAX_TORN_TAIL = 16 * 1024 * 1024;
/** A record, plus its seq and two hashes. */
const MAX_LINE = MAX_RECORD_BYTES + 1024;
const STEP = 64 * 1024;

export interface Tail {
  validEnd: number;
  cutBytes: number;
  head: ChainHead | null;
}

/**
 * Cuts off an unfinished last line (a crash mid-write, never acknowledged; kept in torn/) and reads
 * the last entry, which the next append chains to. Damage it cannot read past stops the open.
 */
export function recoverTail(path: string): Tail {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const newline = lastNewline(fd, size, MAX_TORN_TAIL);
    if (newline === null) throw corrupt(path, `ends with more than ${MAX_TORN_TAIL} bytes that are not a complete line`);
    const validEnd = newline + 1;
    if (validEnd < size) keepAndCut(fd, path, validEnd, size - validEnd);
    return { validEnd, cutBytes: size - validEnd, head: validEnd ? lastHead(fd, path, validEnd) : null };
  } finally {
    closeSync(fd);
  }
}

function lastHead(fd: number, path: string, validEnd: number): ChainHead {
  const before = lastNewline(fd, validEnd - 1, MAX_LINE);
  if (before === null) throw corrupt(path, `has a last line longer than ${MAX_LINE} bytes`);
  const bytes = Buffer.allocUnsafe(validEnd - 1 - (before + 1));
  readSync(fd, bytes, 0, bytes.length, before + 1);
  const last = parseStoredLine(bytes.toString('utf8'), `the last line (at byte ${before + 1})`);
  if (isUnreadable(last)) throw corrupt(path, `cannot be continued: ${last.detail}`);
  return { seq: last.seq, hash: last.hash };
}

/** The offset of the last newline before `before`, -1 when there is none, null when none is within `limit` bytes. */
function lastNewline(fd: number, before: number, limit: number): number | null {
  const buf = Buffer.allocUnsafe(STEP);
  let end = before;
  while (end > 0 && before - end < limit) {
    const start = Math.max(0, end - STEP);
    readSync(fd, buf, 0, end - start, start);
    const at = buf.subarray(0, end - start).lastIndexOf(0x0a);
    if (at !== -1) return start + at;
    end = start;
  }
  return end === 0 ? -1 : null;
}

function keepAndCut(fd: number, path: string, from: number, length: number): void {
  const bytes = Buffer.allocUnsafe(length);
  readSync(fd, bytes, 0, length, from);
  const dir = join(dirname(path), 'torn');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, `audit-at-${from}.bin`), bytes, { mode: 0o600 });
  ftruncateSync(fd, from);
  fsyncSync(fd);
}

function corrupt(path: string, what: string): DomainError {
  return new DomainError('journal-corrupt', `the audit log ${path} ${what}; refusing to continue its chain`);
}
