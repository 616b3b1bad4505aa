import { type Decoder, Encoder, encodeArray, readInt64, readText } from '../codec';
import type { LogStore, PartitionLog } from '../log';
import { ApiKey, ErrorCode } from '../protocol';
import type { ApiHandler } from './types';

interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  topics: Array<{ topic: string; partitions: PartitionRequest[] }>;
}

interface PartitionRequest {
  partition: number;
  fetchOffset: number;
  maxBytes: number;
}

interface PartitionResponse {
  partition: number;
  errorCode: ErrorCode;
  highWatermark: number;
  batches: Buffer[];
}

interface TopicResponse {
  topic: string;
  partitions: PartitionResponse[];
}

/** Tracks the response-wide byte limit and whether an oversized first batch may still be returned (KIP-74). */
interface Budget {
  remaining: number;
  returnedAny: boolean;
}

export const fetch: ApiHandler = {
  apiKey: ApiKey.Fetch,
  minVersion: 4,
  maxVersion: 4,
  handle: async (request, { broker }) => encodeResponse(await longPoll(broker.logs, decodeRequest(request))),
};

function decodeRequest(request: Decoder): FetchRequest {
  request.readInt32(); // replica_id
  const maxWaitMs = request.readInt32();
  const minBytes = request.readInt32();
  const maxBytes = request.readInt32();
  request.readInt8(); // isolation_level: without transactions both levels read up to the high watermark
  const topics = request.readArray((d) => ({
    topic: readText(d),
    partitions: d.readArray((p) => ({ partition: p.readInt32(), fetchOffset: readInt64(p), maxBytes: p.readInt32() })),
  }));
  return { maxWaitMs, minBytes, maxBytes, topics };
}

/** Answers once min_bytes are available, an error occurs, or max_wait_ms has passed; appends wake it early. */
async function longPoll(logs: LogStore, request: FetchRequest): Promise<TopicResponse[]> {
  const deadline = Date.now() + request.maxWaitMs;
  const topicNames = new Set(request.topics.map((t) => t.topic));
  for (;;) {
    const response = read(logs, request);
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0 || isComplete(response, request.minBytes)) {
      return response;
    }
    await logs.waitForAppend(topicNames, remainingMs);
    if (logs.isClosed()) {
      return read(logs, request);
    }
  }
}

function isComplete(response: TopicResponse[], minBytes: number): boolean {
  const partitions = response.flatMap((t) => t.partitions);
  const bytes = partitions.reduce((sum, p) => sum + p.batches.reduce((s, b) => s + b.length, 0), 0);
  return bytes >= minBytes || partitions.some((p) => p.errorCode !== ErrorCode.NONE);
}

function read(logs: LogStore, request: FetchRequest): TopicResponse[] {
  const budget: Budget = { remaining: request.maxBytes, returnedAny: false };
  return request.topics.map(({ topic, partitions }) => ({
    topic,
    partitions: partitions.map((p) => readPartition(logs.partition(topic, p.partition), p, budget)),
  }));
}

function readPartition(log: PartitionLog | undefined, request: PartitionRequest, budget: Budget): PartitionResponse {
  const { partition, fetchOffset } = request;
  if (!log) {
    return { partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, highWatermark: -1, batches: [] };
  }
  if (!log.inRange(fetchOffset)) {
    return { partition, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, highWatermark: log.highWatermark, batches: [] };
  }
  return { partition, errorCode: ErrorCode.NONE, highWatermark: log.highWatermark, batches: takeBatches(log, request, budget) };
}

/** Whole batches from the one holding fetchOffset; kafkajs skips the records below fetchOffset itself. */
function takeBatches(log: PartitionLog, request: PartitionRequest, budget: Budget): Buffer[] {
  const taken: Buffer[] = [];
  let partitionBytes = 0;
  for (let index = log.indexOf(request.fetchOffset); index < log.batches.length; index++) {
    const bytes = log.batches[index].bytes;
    const fits = partitionBytes + bytes.length <= request.maxBytes && bytes.length <= budget.remaining;
    if (!fits && budget.returnedAny) {
      break;
    }
    taken.push(bytes);
    partitionBytes += bytes.length;
    budget.remaining -= bytes.length;
    budget.returnedAny = true;
  }
  return taken;
}

function encodeResponse(topics: TopicResponse[]): Encoder {
  return new Encoder()
    .writeInt32(0)
    .writeArray(
      encodeArray(topics, ({ topic, partitions }, e) =>
        e.writeString(topic).writeArray(encodeArray(partitions, (p, pe) => encodePartition(pe, p))),
      ),
    );
}

function encodePartition(encoder: Encoder, p: PartitionResponse): void {
  encoder
    .writeInt32(p.partition)
    .writeInt16(p.errorCode)
    .writeInt64(p.highWatermark)
    .writeInt64(p.highWatermark) // last_stable_offset: no transactions, so it equals the high watermark
    .writeArray([]) // aborted_transactions
    .writeBytes(Buffer.concat(p.batches));
}
