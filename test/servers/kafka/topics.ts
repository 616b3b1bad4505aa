import { isValidTopicName, type LogStore } from './log';
import { ErrorCode } from './protocol';

export interface NewTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
}

/** The checks Kafka's CreateTopics performs, for a cluster of one broker. */
export function newTopicError(logs: LogStore, topic: NewTopic): ErrorCode {
  if (!isValidTopicName(topic.name)) {
    return ErrorCode.INVALID_TOPIC_EXCEPTION;
  }
  if (logs.has(topic.name)) {
    return ErrorCode.TOPIC_ALREADY_EXISTS;
  }
  if (!Number.isInteger(topic.partitions) || topic.partitions < 1) {
    return ErrorCode.INVALID_PARTITIONS;
  }
  if (topic.replicationFactor > 1 || topic.replicationFactor === 0 || topic.replicationFactor < -1) {
    return ErrorCode.INVALID_REPLICATION_FACTOR;
  }
  return ErrorCode.NONE;
}
