import { crc32 } from 'node:zlib';

/** Each record: payload length (u32 LE), CRC-32 of the payload (u32 LE), then the payload (UTF-8 JSON). */
export const HEADER_BYTES = 8;
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export function encodeRecord(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const record = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  record.writeUInt32LE(body.length, 0);
  record.writeUInt32LE(crc32(body), 4);
  body.copy(record, HEADER_BYTES);
  return record;
}

export type RecordCheck = { kind: 'record'; length: number } | { kind: 'incomplete' } | { kind: 'corrupt' };

/** Checks the record that starts at `at` within `buf`, which holds the bytes up to `end`. */
export function checkRecord(buf: Buffer, at: number, end: number): RecordCheck {
  if (end - at < HEADER_BYTES) return { kind: 'incomplete' };
  const length = buf.readUInt32LE(at);
  if (length === 0 || length > MAX_RECORD_BYTES) return { kind: 'corrupt' };
  if (end - at < HEADER_BYTES + length) return { kind: 'incomplete' };
  const payload = buf.subarray(at + HEADER_BYTES, at + HEADER_BYTES + length);
  return crc32(payload) === buf.readUInt32LE(at + 4) ? { kind: 'record', length } : { kind: 'corrupt' };
}
