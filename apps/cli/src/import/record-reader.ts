import { createReadStream } from 'node:fs';

/** One record of the input with where it lies, so that a checkpoint can name the byte to resume from. */
export interface RawRecord {
  text: string;
  /** 1-based line number of the record's first line. */
  line: number;
  /** Byte offset just past the record and its line break, and the line number found there. */
  end: number;
  nextLine: number;
}

export interface ReadFrom {
  offset: number;
  line: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Reads records from a byte offset: lines for NDJSON, or CSV records, where a line break inside a quoted
 * field does not end the record (RFC 4180). Scanning bytes is safe in UTF-8, where every byte of a
 * multi-byte character is above 0x7f and never equals a quote or a line break.
 */
export async function* readRecords(file: string, from: ReadFrom, quoted: boolean): AsyncGenerator<RawRecord> {
  let carry: Buffer = Buffer.alloc(0);
  let offset = from.offset;
  let line = from.line;
  for await (const chunk of createReadStream(file, { start: from.offset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = recordEnd(buffer, start, quoted); end !== -1; end = recordEnd(buffer, start, quoted)) {
      const first = line;
      line += countLineBreaks(buffer, start, end + 1);
      offset += end + 1 - start;
      const text = decode(buffer, start, end);
      start = end + 1;
      yield { text, line: first, end: offset, nextLine: line };
    }
    carry = buffer.subarray(start);
  }
  if (carry.length) yield { text: decode(carry, 0, carry.length), line, end: offset + carry.length, nextLine: line };
}

/** The index of the line feed that ends the record starting at `start`, or -1 if it is not all in the buffer. */
function recordEnd(buffer: Buffer, start: number, quoted: boolean): number {
  if (!quoted) return buffer.indexOf(LF, start);
  let inQuotes = false;
  for (let i = start; i < buffer.length; i += 1) {
    const byte = buffer[i];
    if (byte === QUOTE) inQuotes = !inQuotes;
    else if (byte === LF && !inQuotes) return i;
  }
  return -1;
}

function decode(buffer: Buffer, start: number, end: number): string {
  const stop = end > start && buffer[end - 1] === CR ? end - 1 : end;
  return buffer.toString('utf8', start, stop);
}

function countLineBreaks(buffer: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = buffer.indexOf(LF, start); i !== -1 && i < end; i = buffer.indexOf(LF, i + 1)) n += 1;
  return n;
}
