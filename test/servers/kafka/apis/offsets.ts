import { type Decoder, Encoder, encodeArray, readInt64, readNullableArray, readText } from '../codec';
import { DroppedRequest } from '../faults';
import { ApiKey, ErrorCode } from '../protocol';
import { readMemberRef } from './group-membership';
import type { ApiHandler, BrokerContext } from './types';

interface TopicPartitions<P> {
  topic: string;
  partitions: P[];
}

interface PartitionOffset {
  partition: number;
  offset: number;
  metadata: string;
}

export const offsetCommit: ApiHandler = {
  apiKey: ApiKey.OffsetCommit,
  minVersion: 2,
  maxVersion: 2,
  handle: async (request, { broker }) => {
    const ref = readMemberRef(request);
    request.readInt64(); // retention_time: offsets never expire here
    const topics = request.readArray((d) => ({
      topic: readText(d),
      partitions: d.readArray((p) => ({ partition: p.readInt32(), offset: readInt64(p), metadata: p.readString() ?? '' })),
    }));
    if ((await broker.faults.offsetCommit({ ...ref, topics })) === 'drop') {
      throw new DroppedRequest('OffsetCommit dropped by a test hook');
    }
    const groupError = broker.groups.authorizeCommit(ref);
    const results = topics.map(({ topic, partitions }) => ({
      topic,
      partitions: partitions.map((p) => ({ partition: p.partition, errorCode: commit(broker, ref.groupId, topic, p, groupError) })),
    }));
    return encodeTopics(results, (p, e) => e.writeInt32(p.partition).writeInt16(p.errorCode));
  },
};

/** v2 adds a top-level error code and lets a null topic list mean "every committed partition"; v3 adds throttle time. */
export const offsetFetch: ApiHandler = {
  apiKey: ApiKey.OffsetFetch,
  minVersion: 0,
  maxVersion: 3,
  handle: (request, { broker, header }) => {
    const groupId = readText(request);
    const requested = header.apiVersion >= 2 ? readNullableArray(request, readTopicPartitions) : request.readArray(readTopicPartitions);
    const topics = requested ?? broker.groups.allCommitted(groupId);
    const results = topics.map(({ topic, partitions }) => ({
      topic,
      partitions: partitions.map((partition) => ({
        partition,
        offset: -1,
        metadata: '',
        ...broker.groups.committed(groupId, topic, partition),
      })),
    }));
    const encoder = header.apiVersion >= 3 ? new Encoder().writeInt32(0) : new Encoder();
    encoder.writeEncoder(
      encodeTopics(results, (p, e) => e.writeInt32(p.partition).writeInt64(p.offset).writeString(p.metadata).writeInt16(0)),
    );
    return Promise.resolve(header.apiVersion >= 2 ? encoder.writeInt16(ErrorCode.NONE) : encoder);
  },
};

function readTopicPartitions(decoder: Decoder): TopicPartitions<number> {
  return { topic: readText(decoder), partitions: decoder.readArray((p) => p.readInt32()) };
}

function commit(broker: BrokerContext, groupId: string, topic: string, p: PartitionOffset, groupError: ErrorCode): ErrorCode {
  if (groupError !== ErrorCode.NONE) {
    return groupError;
  }
  if (!broker.logs.partition(topic, p.partition)) {
    return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  }
  broker.groups.storeOffset(groupId, topic, p.partition, { offset: p.offset, metadata: p.metadata });
  return ErrorCode.NONE;
}

function encodeTopics<P>(topics: Array<TopicPartitions<P>>, encodePartition: (p: P, e: Encoder) => void): Encoder {
  return new Encoder().writeArray(
    encodeArray(topics, ({ topic, partitions }, e) => e.writeString(topic).writeArray(encodeArray(partitions, encodePartition))),
  );
}
