import { type Decoder, Encoder, encodeArray, readText } from '../codec';
import { ApiKey, ErrorCode } from '../protocol';
import { newTopicError, type NewTopic } from '../topics';
import type { ApiHandler, BrokerContext } from './types';

interface TopicResult {
  name: string;
  errorCode: ErrorCode;
}

export const createTopics: ApiHandler = {
  apiKey: ApiKey.CreateTopics,
  minVersion: 0,
  maxVersion: 1,
  handle: (request, { broker, header }) => {
    const topics = request.readArray((d) => readNewTopic(d, broker.config.defaultPartitions));
    request.readInt32(); // timeout: creation is synchronous
    const validateOnly = header.apiVersion >= 1 && request.readBoolean();
    const results = topics.map((topic) => createTopic(broker, topic, validateOnly, topics));
    return Promise.resolve(
      encodeResults(results, (r, e) => {
        e.writeString(r.name).writeInt16(r.errorCode);
        if (header.apiVersion >= 1) {
          e.writeString(null);
        }
      }),
    );
  },
};

export const deleteTopics: ApiHandler = {
  apiKey: ApiKey.DeleteTopics,
  minVersion: 0,
  maxVersion: 0,
  handle: (request, { broker }) => {
    const names = request.readArray(readText);
    request.readInt32(); // timeout
    const results = names.map((name) => deleteTopic(broker, name));
    return Promise.resolve(encodeResults(results, (r, e) => e.writeString(r.name).writeInt16(r.errorCode)));
  },
};

/** Topic configs are accepted and ignored; a replica assignment decides the partition count. */
function readNewTopic(decoder: Decoder, defaultPartitions: number): NewTopic {
  const name = readText(decoder);
  const numPartitions = decoder.readInt32();
  const replicationFactor = decoder.readInt16();
  const assignments = decoder.readArray((d) => ({ partition: d.readInt32(), replicas: d.readArray((r) => r.readInt32()) }));
  decoder.readArray((d) => ({ name: d.readString(), value: d.readString() }));
  if (assignments.length > 0) {
    return { name, partitions: assignments.length, replicationFactor: assignments[0].replicas.length };
  }
  return { name, partitions: numPartitions === -1 ? defaultPartitions : numPartitions, replicationFactor };
}

function createTopic(broker: BrokerContext, topic: NewTopic, validateOnly: boolean, all: NewTopic[]): TopicResult {
  const duplicated = all.filter((t) => t.name === topic.name).length > 1;
  const errorCode = duplicated ? ErrorCode.INVALID_REQUEST : newTopicError(broker.logs, topic);
  if (errorCode === ErrorCode.NONE && !validateOnly) {
    broker.logs.create(topic.name, topic.partitions);
  }
  return { name: topic.name, errorCode };
}

function deleteTopic(broker: BrokerContext, name: string): TopicResult {
  if (!broker.logs.has(name)) {
    return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
  }
  broker.logs.delete(name);
  broker.groups.forgetTopic(name);
  return { name, errorCode: ErrorCode.NONE };
}

function encodeResults(results: TopicResult[], encode: (result: TopicResult, encoder: Encoder) => void): Encoder {
  return new Encoder().writeArray(encodeArray(results, encode));
}
