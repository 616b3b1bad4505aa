import { Encoder, encodeArray, readInt64, readText } from '../codec';
import type { PartitionLog } from '../log';
import { ApiKey, ErrorCode } from '../protocol';
import { decodeBatch } from '../record-batch';
import type { ApiHandler } from './types';

const LATEST = -1;
const EARLIEST = -2;

interface OffsetAnswer {
  partition: number;
  errorCode: ErrorCode;
  timestamp: number;
  offset: number;
}

export const listOffsets: ApiHandler = {
  apiKey: ApiKey.ListOffsets,
  minVersion: 1,
  maxVersion: 1,
  handle: async (request, { broker }) => {
    request.readInt32(); // replica_id
    const topics = request.readArray((d) => ({
      topic: readText(d),
      partitions: d.readArray((p) => ({ partition: p.readInt32(), timestamp: readInt64(p) })),
    }));
    const answers = await Promise.all(
      topics.map(async ({ topic, partitions }) => ({
        topic,
        partitions: await Promise.all(
          partitions.map((p) => answer(broker.logs.partition(topic, p.partition), p.partition, p.timestamp)),
        ),
      })),
    );
    return encodeResponse(answers);
  },
};

async function answer(log: PartitionLog | undefined, partition: number, timestamp: number): Promise<OffsetAnswer> {
  if (!log) {
    return { partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1, offset: -1 };
  }
  if (timestamp === LATEST || timestamp === EARLIEST) {
    const offset = timestamp === LATEST ? log.highWatermark : log.logStartOffset;
    return { partition, errorCode: ErrorCode.NONE, timestamp: -1, offset };
  }
  return { partition, errorCode: ErrorCode.NONE, ...(await offsetForTimestamp(log, timestamp)) };
}

/** Earliest offset whose record timestamp is >= the target, as Kafka's time index answers it. */
async function offsetForTimestamp(log: PartitionLog, target: number): Promise<{ timestamp: number; offset: number }> {
  for (const batch of log.batches) {
    if (batch.maxTimestamp < target) {
      continue;
    }
    const match = (await decodeBatch(batch.bytes)).find((record) => record.timestamp >= target);
    if (match) {
      return { timestamp: match.timestamp, offset: match.offset };
    }
  }
  return { timestamp: -1, offset: -1 };
}

function encodeResponse(topics: Array<{ topic: string; partitions: OffsetAnswer[] }>): Encoder {
  return new Encoder().writeArray(
    encodeArray(topics, ({ topic, partitions }, e) =>
      e.writeString(topic).writeArray(
        encodeArray(partitions, (p, pe) =>
          pe.writeInt32(p.partition).writeInt16(p.errorCode).writeInt64(p.timestamp).writeInt64(p.offset),
        ),
      ),
    ),
  );
}
