import { type Decoder, Encoder, readText } from './codec';

export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteGroups: 42,
} as const;
export type ApiKey = (typeof ApiKey)[keyof typeof ApiKey];

export const ErrorCode = {
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  COORDINATOR_NOT_AVAILABLE: 15,
  INVALID_TOPIC_EXCEPTION: 17,
  INVALID_REQUIRED_ACKS: 21,
  ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_GROUP_ID: 24,
  UNKNOWN_MEMBER_ID: 25,
  INVALID_SESSION_TIMEOUT: 26,
  REBALANCE_IN_PROGRESS: 27,
  UNSUPPORTED_VERSION: 35,
  TOPIC_ALREADY_EXISTS: 36,
  INVALID_PARTITIONS: 37,
  INVALID_REPLICATION_FACTOR: 38,
  INVALID_REQUEST: 42,
  NON_EMPTY_GROUP: 68,
  GROUP_ID_NOT_FOUND: 69,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Request header v1: every API this broker supports uses the non-flexible header. */
export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string;
}

export function readRequestHeader(decoder: Decoder): RequestHeader {
  return {
    apiKey: decoder.readInt16(),
    apiVersion: decoder.readInt16(),
    correlationId: decoder.readInt32(),
    clientId: readText(decoder),
  };
}

/** Size-prefixed response frame with response header v0 (correlation id only). */
export function frameResponse(correlationId: number, body: Encoder): Buffer {
  const payload = new Encoder().writeInt32(correlationId).writeEncoder(body);
  return new Encoder().writeInt32(payload.size()).writeEncoder(payload).buffer;
}

/** A malformed or unsupported request: Kafka answers these by closing the connection. */
export class ProtocolError extends Error {}
