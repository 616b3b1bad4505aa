import type { FileHandle } from 'node:fs/promises';

export interface Line {
  /** Where the line starts, and where the next one does. */
  offset: number;
  next: number;
  text: string;
  /** False for a last line with no newline after it. */
  complete: boolean;
}

const CHUNK = 1024 * 1024;
const NEWLINE = 0x0a;

/** The lines between two byte offsets, read in chunks with positional reads (safe beside appends). */
export async function* readLines(handle: FileHandle, from: number, to: number): AsyncGenerator<Line> {
  const chunk = Buffer.allocUnsafe(CHUNK);
  let carry = Buffer.alloc(0);
  let carryAt = from;
  for (let at = from; at < to;) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(CHUNK, to - at), at);
    if (bytesRead === 0) break;
    at += bytesRead;
    const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      yield { offset: carryAt + start, next: carryAt + nl + 1, text: buf.toString('utf8', start, nl), complete: true };
      start = nl + 1;
    }
    // Copied: the chunk is reused by the next read.
    carry = Buffer.from(buf.subarray(start));
    carryAt += start;
  }
  if (carry.length) yield { offset: carryAt, next: carryAt + carry.length, text: carry.toString('utf8'), complete: false };
}
