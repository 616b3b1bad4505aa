import decodeRecordBatch from 'kafkajs/src/protocol/recordBatch/v0/decoder';
import crc32C from 'kafkajs/src/protocol/recordBatch/crc32C';
import { Decoder } from './codec';

// Byte positions inside a v2 record batch (magic 2), counted from the base offset.
const LENGTH_AT = 8;
const LEADER_EPOCH_AT = 12;
const MAGIC_AT = 16;
const CRC_AT = 17;
const CRC_COVERS_FROM = 21;
const LAST_OFFSET_DELTA_AT = 23;
const MAX_TIMESTAMP_AT = 35;
const RECORD_COUNT_AT = 57;
const HEADER_SIZE = 61;
const LOG_OVERHEAD = 12;

export interface ProducedBatch {
  bytes: Buffer;
  recordCount: number;
  maxTimestamp: number;
}

export interface DecodedRecordView {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Splits a Produce request's record set into validated v2 batches (copied, so the
 * request buffer can be released). Returns null when anything is malformed.
 */
export function parseProducedBatches(records: Buffer): ProducedBatch[] | null {
  const batches: ProducedBatch[] = [];
  let position = 0;
  while (position < records.length) {
    if (records.length - position < HEADER_SIZE) {
      return null;
    }
    const size = LOG_OVERHEAD + records.readInt32BE(position + LENGTH_AT);
    const batch = validBatch(records.subarray(position, position + size), size);
    if (!batch) {
      return null;
    }
    batches.push(batch);
    position += size;
  }
  return batches.length > 0 ? batches : null;
}

function validBatch(bytes: Buffer, declaredSize: number): ProducedBatch | null {
  if (bytes.length !== declaredSize || bytes.readInt8(MAGIC_AT) !== 2) {
    return null;
  }
  if (crc32C(bytes.subarray(CRC_COVERS_FROM)) !== bytes.readUInt32BE(CRC_AT)) {
    return null;
  }
  const recordCount = bytes.readInt32BE(RECORD_COUNT_AT);
  if (recordCount < 1 || bytes.readInt32BE(LAST_OFFSET_DELTA_AT) !== recordCount - 1) {
    return null;
  }
  return {
    bytes: Buffer.from(bytes),
    recordCount,
    maxTimestamp: Number(bytes.readBigInt64BE(MAX_TIMESTAMP_AT)),
  };
}

/** The CRC starts after these fields, so the broker may rewrite them like Kafka's leader does. */
export function assignBaseOffset(batch: Buffer, baseOffset: number): void {
  batch.writeBigInt64BE(BigInt(baseOffset), 0);
  batch.writeInt32BE(0, LEADER_EPOCH_AT);
}

export async function decodeBatch(batch: Buffer): Promise<DecodedRecordView[]> {
  const decoded = await decodeRecordBatch(new Decoder(batch));
  return decoded.records.map((record) => ({
    offset: Number(record.offset),
    timestamp: Number(record.timestamp),
    key: record.key,
    value: record.value,
    headers: flattenHeaders(record.headers),
  }));
}

/** Repeated header keys keep their last value. */
function flattenHeaders(headers: Record<string, Buffer | Buffer[] | null>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    flat[key] = last ? last.toString('utf8') : '';
  }
  return flat;
}
