import { type Decoder, Encoder, encodeArray, readNullableArray, readText } from '../codec';
import type { Topic } from '../log';
import { ApiKey, ErrorCode } from '../protocol';
import { newTopicError } from '../topics';
import type { ApiHandler, BrokerContext } from './types';

interface TopicMetadata {
  name: string;
  errorCode: ErrorCode;
  topic?: Topic;
}

export const metadata: ApiHandler = {
  apiKey: ApiKey.Metadata,
  minVersion: 0,
  maxVersion: 4,
  handle: (request, { broker, header }) => {
    const version = header.apiVersion;
    const { names, allowAutoCreate } = decodeRequest(request, version);
    const topics = names ? names.map((name) => lookup(broker, name, allowAutoCreate)) : listAll(broker);
    return Promise.resolve(encodeResponse(broker, version, topics));
  },
};

/** v0: an empty list means all topics; v1+: null means all topics. v4 adds allow_auto_topic_creation. */
function decodeRequest(request: Decoder, version: number): { names: string[] | null; allowAutoCreate: boolean } {
  const names = version === 0 ? request.readArray(readText) : readNullableArray(request, readText);
  const allowAutoCreate = version >= 4 ? request.readBoolean() : true;
  return { names: version === 0 && names?.length === 0 ? null : names, allowAutoCreate };
}

function listAll(broker: BrokerContext): TopicMetadata[] {
  return broker.logs.all().map((topic) => ({ name: topic.name, errorCode: ErrorCode.NONE, topic }));
}

/** Unlike Kafka, an auto-created topic is usable immediately instead of first reporting LEADER_NOT_AVAILABLE. */
function lookup(broker: BrokerContext, name: string, allowAutoCreate: boolean): TopicMetadata {
  const existing = broker.logs.get(name);
  if (existing) {
    return { name, errorCode: ErrorCode.NONE, topic: existing };
  }
  if (!allowAutoCreate || !broker.config.autoCreateTopics) {
    return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
  }
  const partitions = broker.config.defaultPartitions;
  const errorCode = newTopicError(broker.logs, { name, partitions, replicationFactor: -1 });
  return errorCode === ErrorCode.NONE
    ? { name, errorCode, topic: broker.logs.create(name, partitions) }
    : { name, errorCode };
}

function encodeResponse(broker: BrokerContext, version: number, topics: TopicMetadata[]): Encoder {
  const { nodeId, host, port, clusterId } = broker.config;
  const encoder = new Encoder();
  if (version >= 3) {
    encoder.writeInt32(0);
  }
  encoder.writeArray(
    encodeArray([nodeId], (id, e) => {
      e.writeInt32(id).writeString(host).writeInt32(port);
      if (version >= 1) {
        e.writeString(null);
      }
    }),
  );
  if (version >= 2) {
    encoder.writeString(clusterId);
  }
  if (version >= 1) {
    encoder.writeInt32(nodeId);
  }
  return encoder.writeArray(encodeArray(topics, (topic, e) => encodeTopic(e, topic, version, nodeId)));
}

function encodeTopic(encoder: Encoder, { name, errorCode, topic }: TopicMetadata, version: number, nodeId: number): void {
  encoder.writeInt16(errorCode).writeString(name);
  if (version >= 1) {
    encoder.writeBoolean(false);
  }
  const partitions = topic ? topic.partitions.map((_, index) => index) : [];
  encoder.writeArray(
    encodeArray(partitions, (partition, e) =>
      e.writeInt16(ErrorCode.NONE).writeInt32(partition).writeInt32(nodeId).writeArray([nodeId]).writeArray([nodeId]),
    ),
  );
}
