import { CAREER_TOPICS, DEAD_LETTER_TOPIC, messageKey, topicForType } from '@rung/contracts';
import { Kafka, logLevel, Partitioners, type Admin, type IHeaders, type Producer } from 'kafkajs';
import { uniqueName } from '../../servers/kafka/target';
import type { RawEvent } from '../career-events';
import { eventually } from './eventually';

/** Where a message landed. */
export interface Landed {
  topic: string;
  partition: number;
  offset: number;
}

export interface DeadLetter {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Offsets by "topic/partition". */
export type Offsets = Map<string, number>;

/** A producer and an admin client for Kafka tests, against the test broker or real Kafka. */
export class KafkaTestClient {
  private constructor(
    readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly admin: Admin,
  ) {}

  static async connect(brokers: string[]): Promise<KafkaTestClient> {
    const kafka = new Kafka({ clientId: 'rung-kafka-tests', brokers, logLevel: logLevel.NOTHING });
    const client = new KafkaTestClient(kafka, kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner }), kafka.admin());
    await Promise.all([client.producer.connect(), client.admin.connect()]);
    return client;
  }

  /** Sends each event to its family's topic, keyed orgId:subjectRef, keeping each subject's order. */
  async produce(events: readonly RawEvent[]): Promise<Map<string, Landed>> {
    const groups = new Map<string, RawEvent[]>();
    for (const event of events) {
      const group = `${topicForType(event.type as Parameters<typeof topicForType>[0])}\u0000${messageKey(event)}`;
      groups.set(group, [...(groups.get(group) ?? []), event]);
    }
    const landed = new Map<string, Landed>();
    for (const [group, list] of groups) {
      const [topic, key] = group.split('\u0000');
      const at = await this.send(topic, list.map((e) => ({ key, value: JSON.stringify(e) })));
      list.forEach((e, i) => landed.set(e.eventId, { ...at, offset: at.offset + i }));
    }
    return landed;
  }

  /** Sends raw values with one key to one topic, in order; returns where the first landed (the rest follow it). */
  async send(topic: string, messages: Array<{ key: string; value: string | null }>): Promise<Landed> {
    const [meta] = await this.producer.send({ topic, acks: -1, messages });
    return { topic, partition: meta.partition, offset: Number(meta.baseOffset) };
  }

  async committed(groupId: string): Promise<Offsets> {
    const offsets: Offsets = new Map();
    for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId, topics: [...CAREER_TOPICS] })) {
      partitions.forEach((p) => offsets.set(`${topic}/${p.partition}`, Number(p.offset)));
    }
    return offsets;
  }

  /** The first and next offsets of every career topic partition. */
  async logRanges(): Promise<Map<string, { low: number; high: number }>> {
    const ranges = new Map<string, { low: number; high: number }>();
    for (const topic of CAREER_TOPICS) {
      (await this.admin.fetchTopicOffsets(topic)).forEach((p) => ranges.set(`${topic}/${p.partition}`, { low: Number(p.low), high: Number(p.high) }));
    }
    return ranges;
  }

  /** True when the group has committed everything on every career topic (empty logs need no commit). */
  async caughtUp(groupId: string): Promise<boolean> {
    const [committed, ranges] = await Promise.all([this.committed(groupId), this.logRanges()]);
    return [...ranges].every(([key, { low, high }]) => low === high || committed.get(key) === high);
  }

  /** Reads the dead-letter topic from the start until `expected` dead letters match. */
  async deadLetters(match: (letter: DeadLetter) => boolean, expected: number): Promise<DeadLetter[]> {
    const consumer = this.kafka.consumer({ groupId: uniqueName('rung-dead-letters'), sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
    const found: DeadLetter[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [DEAD_LETTER_TOPIC], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const letter = { key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: stringHeaders(message.headers) };
          if (match(letter)) found.push(letter);
        },
      });
      await eventually(`${expected} dead letters`, () => found.length >= expected);
      return found;
    } finally {
      await consumer.disconnect();
    }
  }

  /** The group's state (Stable, PreparingRebalance, ...) and its member ids, as the coordinator reports them. */
  async describeGroup(groupId: string): Promise<{ state: string; members: string[] }> {
    const { groups } = await this.admin.describeGroups([groupId]);
    return { state: groups[0]?.state ?? 'Dead', members: (groups[0]?.members ?? []).map((m) => m.memberId).sort() };
  }

  async disconnect(): Promise<void> {
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([key, value]) => [key, String(value)]));
}
