import { type Decoder, Encoder, encodeArray, readText } from '../codec';
import { ApiKey, ErrorCode } from '../protocol';
import { parseProducedBatches } from '../record-batch';
import type { ApiHandler, BrokerContext } from './types';

interface PartitionResult {
  partition: number;
  errorCode: ErrorCode;
  baseOffset: number;
}

interface PartitionData {
  partition: number;
  records: Buffer | null;
}

export const produce: ApiHandler = {
  apiKey: ApiKey.Produce,
  minVersion: 3,
  maxVersion: 3,
  handle: (request, { broker }) => {
    request.readString(); // transactional_id: transactions are not supported
    const acks = request.readInt16();
    request.readInt32(); // timeout: every write is "replicated" immediately
    const topics = request.readArray((d) => ({ topic: readText(d), partitions: d.readArray(readPartitionData) }));
    const validAcks = acks === 0 || acks === 1 || acks === -1;
    const results = topics.map(({ topic, partitions }) => ({
      topic,
      partitions: partitions.map((data) =>
        validAcks ? appendPartition(broker, topic, data) : failed(data.partition, ErrorCode.INVALID_REQUIRED_ACKS),
      ),
    }));
    return Promise.resolve(acks === 0 ? null : encodeResponse(results));
  },
};

function readPartitionData(decoder: Decoder): PartitionData {
  return { partition: decoder.readInt32(), records: decoder.readBytes() };
}

function appendPartition(broker: BrokerContext, topic: string, { partition, records }: PartitionData): PartitionResult {
  const log = broker.logs.partition(topic, partition);
  if (!log) {
    return failed(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  }
  const batches = records ? parseProducedBatches(records) : null;
  if (!batches) {
    return failed(partition, ErrorCode.CORRUPT_MESSAGE);
  }
  return { partition, errorCode: ErrorCode.NONE, baseOffset: broker.logs.append(topic, log, batches) };
}

function failed(partition: number, errorCode: ErrorCode): PartitionResult {
  return { partition, errorCode, baseOffset: -1 };
}

function encodeResponse(topics: Array<{ topic: string; partitions: PartitionResult[] }>): Encoder {
  return new Encoder()
    .writeArray(
      encodeArray(topics, ({ topic, partitions }, e) =>
        e.writeString(topic).writeArray(
          encodeArray(partitions, (p, pe) =>
            // log_append_time is -1 because topics use CreateTime.
            pe.writeInt32(p.partition).writeInt16(p.errorCode).writeInt64(p.baseOffset).writeInt64(-1),
          ),
        ),
      ),
    )
    .writeInt32(0);
}
