import type { BrokerContext } from './apis';
import { dispatch } from './dispatch';
import { BrokerFaults, type HeldOffsetCommit, type OffsetCommitHook } from './faults';
import { GroupCoordinator } from './group-coordinator';
import { LogStore } from './log';
import { ErrorCode } from './protocol';
import { decodeBatch } from './record-batch';
import { KafkaSocketServer } from './server';
import { newTopicError } from './topics';

export interface KafkaTestBrokerOptions {
  /** Defaults to 0: a random free port. */
  port?: number;
  /** Partitions of auto-created topics and of CreateTopics without a count (default 3). */
  numPartitions?: number;
  /** How often member sessions are checked for expiry (default 100 ms). */
  sessionTimeoutCheckMs?: number;
  /** Kafka's auto.create.topics.enable (default true). */
  autoCreateTopics?: boolean;
  /** Kafka's group.initial.rebalance.delay.ms (default 0 here; Kafka's default is 3000). */
  groupInitialRebalanceDelayMs?: number;
  /** Kafka's group.min.session.timeout.ms (default 6000, as in Kafka). */
  groupMinSessionTimeoutMs?: number;
  /** Kafka's group.max.session.timeout.ms (default 1800000, as in Kafka). */
  groupMaxSessionTimeoutMs?: number;
  /** Called when a request cannot be handled and its connection is closed (default: console.error). */
  onError?: (error: unknown) => void;
}

export type { HeldOffsetCommit, OffsetCommitHook, OffsetCommitRequest, OffsetCommitVerdict } from './faults';

export interface KafkaTestRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface KafkaTestBroker {
  host: string;
  port: number;
  /** ["127.0.0.1:PORT"] */
  brokers: string[];
  /** Throws if the topic exists or the name/partition count is invalid. */
  createTopic(name: string, partitions: number): void;
  stop(): Promise<void>;
  /** Every record of the topic, by partition then offset; throws for an unknown topic. */
  readAll(topic: string): Promise<KafkaTestRecord[]>;
  /** The committed offset (the next offset to consume), or undefined when none was committed. */
  committedOffset(groupId: string, topic: string, partition: number): string | undefined;
  /** Fault injection: runs `hook` on every OffsetCommit request; returns a function that removes it. */
  onOffsetCommit(hook: OffsetCommitHook): () => void;
  /** Fault injection: holds the group's `nth` OffsetCommit request (counted from start) until released. */
  holdOffsetCommit(groupId: string, nth: number): Promise<HeldOffsetCommit>;
  /** Fault injection: closes every connection and stops listening, keeping topics, offsets and groups. */
  stopListening(): Promise<void>;
  /** Fault injection: listens again on the same port, as a restarted broker that kept its data. */
  resumeListening(): Promise<void>;
  /** stopListening(), then resumeListening(). */
  restart(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Starts an in-memory, single-node Kafka-protocol broker for kafkajs 2.2.4 on 127.0.0.1.
 * See FIDELITY.md for how it differs from Kafka; use `startKafkaTarget()` from ./target to run
 * the same tests against real Kafka when KAFKA_BROKERS is set.
 *
 * @example
 * const broker = await startKafkaTestBroker();
 * const kafka = new Kafka({ clientId: 'test', brokers: broker.brokers });
 * // ... produce and consume ...
 * await broker.stop();
 */
export async function startKafkaTestBroker(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
  const broker = createContext(options);
  const onError = options.onError ?? ((error: unknown) => console.error('[kafka-test-broker]', error));
  const server = new KafkaSocketServer((frame, clientHost) => dispatch(broker, frame, clientHost), onError);
  try {
    broker.config.port = await server.listen(HOST, options.port ?? 0);
  } catch (error) {
    broker.groups.close();
    throw error;
  }
  const { port } = broker.config;
  const stopListening = async (): Promise<void> => {
    broker.groups.wentDown();
    await server.close();
  };
  const resumeListening = async (): Promise<void> => {
    await server.listen(HOST, port);
    broker.groups.cameBack();
  };
  return {
    host: HOST,
    port,
    brokers: [`${HOST}:${port}`],
    createTopic: (name, partitions) => createTopic(broker, name, partitions),
    stop: async () => {
      broker.logs.close();
      broker.groups.close();
      await server.close();
    },
    onOffsetCommit: (hook) => broker.faults.onOffsetCommit(hook),
    holdOffsetCommit: (groupId, nth) => broker.faults.holdOffsetCommit(groupId, nth),
    stopListening,
    resumeListening,
    restart: async () => {
      await stopListening();
      await resumeListening();
    },
    readAll: (topic) => readAll(broker, topic),
    committedOffset: (groupId, topic, partition) => broker.groups.committed(groupId, topic, partition)?.offset.toString(),
  };
}

function createContext(options: KafkaTestBrokerOptions): BrokerContext {
  const groups = new GroupCoordinator({
    initialRebalanceDelayMs: options.groupInitialRebalanceDelayMs ?? 0,
    minSessionTimeoutMs: options.groupMinSessionTimeoutMs ?? 6000,
    maxSessionTimeoutMs: options.groupMaxSessionTimeoutMs ?? 1_800_000,
    sessionTimeoutCheckMs: options.sessionTimeoutCheckMs ?? 100,
  });
  const config = {
    nodeId: 0,
    host: HOST,
    port: 0,
    clusterId: 'rung-kafka-test-broker',
    defaultPartitions: options.numPartitions ?? 3,
    autoCreateTopics: options.autoCreateTopics ?? true,
  };
  return { config, logs: new LogStore(), groups, faults: new BrokerFaults() };
}

function createTopic(broker: BrokerContext, name: string, partitions: number): void {
  const errorCode = newTopicError(broker.logs, { name, partitions, replicationFactor: 1 });
  if (errorCode !== ErrorCode.NONE) {
    throw new Error(`cannot create topic "${name}" with ${partitions} partitions: Kafka error code ${errorCode}`);
  }
  broker.logs.create(name, partitions);
}

async function readAll(broker: BrokerContext, name: string): Promise<KafkaTestRecord[]> {
  const topic = broker.logs.get(name);
  if (!topic) {
    throw new Error(`unknown topic "${name}"`);
  }
  const records: KafkaTestRecord[] = [];
  for (const [partition, log] of topic.partitions.entries()) {
    for (const batch of log.batches) {
      for (const record of await decodeBatch(batch.bytes)) {
        records.push({
          partition,
          offset: record.offset.toString(),
          key: record.key?.toString('utf8') ?? null,
          value: record.value?.toString('utf8') ?? null,
          headers: record.headers,
          timestamp: record.timestamp.toString(),
        });
      }
    }
  }
  return records;
}
