import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  CompressionTypes,
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type IHeaders,
  type Message,
  type Producer,
} from 'kafkajs';
import type { KafkaTestRecord } from './index';
import { startKafkaTarget, uniqueName, type KafkaTarget } from './target';

// Runs against the in-process test broker, or against real Kafka when KAFKA_BROKERS is set.

interface Received {
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

const GROUP_TIMINGS: Partial<ConsumerConfig> = {
  sessionTimeout: 6000,
  heartbeatInterval: 500,
  rebalanceTimeout: 3000,
  maxWaitTimeInMs: 500,
};

let target: KafkaTarget;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
const consumers: Consumer[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  target = await startKafkaTarget();
  kafka = new Kafka({ clientId: 'kafka-test-broker-spec', brokers: target.brokers, logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([admin.connect(), producer.connect()]);
});

afterEach(async () => {
  children.splice(0).forEach((child) => child.kill('SIGKILL'));
  await Promise.all(consumers.splice(0).map((consumer) => consumer.disconnect()));
});

afterAll(async () => {
  await Promise.all([admin?.disconnect(), producer?.disconnect()]);
  await target?.stop();
});

describe('Kafka test broker with the real kafkajs client', () => {
  it('creates, describes, validates and deletes topics through the admin client', async () => {
    const topic = uniqueName('admin');
    const validatedOnly = uniqueName('validate-only');

    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(false);
    await admin.createTopics({ topics: [{ topic: validatedOnly, numPartitions: 2 }], validateOnly: true, waitForLeaders: false });
    const tooManyReplicas = admin.createTopics({ topics: [{ topic: uniqueName('bad'), replicationFactor: 1000 }] });
    await expect(tooManyReplicas).rejects.toMatchObject({ errors: [{ type: 'INVALID_REPLICATION_FACTOR' }] });

    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics).toHaveLength(1);
    expect(topics[0].name).toBe(topic);
    expect(topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    expect(topics[0].partitions.every((p) => p.leader >= 0 && p.isr.includes(p.leader))).toBe(true);
    const listed = await admin.listTopics();
    expect(listed).toContain(topic);
    expect(listed).not.toContain(validatedOnly);

    await admin.deleteTopics({ topics: [topic] });
    await waitFor(async () => !(await admin.listTopics()).includes(topic), 'topic deletion');
  });

  it('lists earliest, latest and by-timestamp offsets', async () => {
    const topic = await createTopic('offsets', 1);
    const base = Date.now() - 60_000;
    const messages = [0, 1, 2, 3].map((i) => ({ value: `m${i}`, timestamp: String(base + i * 1000) }));
    await producer.send({ topic, messages: messages.slice(0, 2) });
    await producer.send({ topic, messages: messages.slice(2) });

    expect(await admin.fetchTopicOffsets(topic)).toEqual([
      expect.objectContaining({ partition: 0, offset: '4', high: '4', low: '0' }),
    ]);
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, base + 2500)).toEqual([{ partition: 0, offset: '3' }]);
    expect(await admin.fetchTopicOffsetsByTimestamp(topic, base + 1000)).toEqual([{ partition: 0, offset: '1' }]);

    await producer.send({ topic, acks: 0, messages: [{ value: 'fire-and-forget' }] });
    await waitFor(async () => (await admin.fetchTopicOffsets(topic))[0].high === '5', 'the acks=0 message');
  });

  it('delivers keys, values and headers in order per partition to an eachMessage consumer', async () => {
    const topic = await createTopic('each-message', 3);
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `key-${i % 5}`,
      value: `value-${i}`,
      headers: { source: 'spec', seq: String(i) },
    }));
    for (let i = 0; i < sent.length; i += 10) {
      const compression = i === 10 ? CompressionTypes.GZIP : CompressionTypes.None;
      await producer.send({ topic, compression, messages: sent.slice(i, i + 10) });
    }

    const received: Received[] = [];
    await startConsumer(uniqueName('each-message'), topic, { onMessage: (m) => received.push(m) });
    await waitFor(() => received.length >= sent.length, 'all messages');

    expect(received.map((r) => r.value).sort()).toEqual(sent.map((s) => s.value).sort());
    for (const message of received) {
      const seq = Number(message.headers.seq);
      expect(message).toMatchObject({ key: sent[seq].key, value: sent[seq].value, headers: sent[seq].headers });
    }
    expectOrderedPerPartition(received);
    for (const key of new Set(sent.map((s) => s.key))) {
      expect(new Set(received.filter((r) => r.key === key).map((r) => r.partition)).size).toBe(1);
    }

    if (target.testBroker) {
      const stored = await target.testBroker.readAll(topic);
      const record = ({ partition, offset, key, value, headers }: KafkaTestRecord | Received) => ({ partition, offset, key, value, headers });
      expect(stored.map(record)).toEqual(sortByPosition(received).map(record));
    }
  });

  it('supports eachBatch with autoCommit disabled and explicit commits of offset + 1', async () => {
    const topic = await createTopic('each-batch', 2);
    const groupId = uniqueName('each-batch');
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: `v${i}`, partition: i % 2 })) });

    const received: Received[] = [];
    const consumer = kafka.consumer({ groupId, ...GROUP_TIMINGS });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        batch.messages.forEach((m) => received.push(toReceived(batch.partition, m)));
        const next = (BigInt(batch.lastOffset()) + 1n).toString();
        await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
      },
    });

    await waitFor(async () => (await committedOffsets(groupId, topic)).join() === '10,10', 'commits of both partitions');
    expect(received).toHaveLength(20);
    expectOrderedPerPartition(received);
    if (target.testBroker) {
      expect(target.testBroker.committedOffset(groupId, topic, 0)).toBe('10');
      expect(target.testBroker.committedOffset(groupId, topic, 1)).toBe('10');
    }

    const everyCommit = await admin.fetchOffsets({ groupId });
    expect(everyCommit.map((t) => t.topic)).toEqual([topic]);
    expect(everyCommit[0].partitions.map((p) => `${p.partition}:${p.offset}`).sort()).toEqual(['0:10', '1:10']);
    const refusal: unknown = await admin.deleteGroups([groupId]).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ name: 'KafkaJSDeleteGroupsError', groups: [{ groupId, error: { type: 'NON_EMPTY_GROUP' } }] });
    await consumer.disconnect();
    expect(await admin.deleteGroups([groupId])).toMatchObject([{ groupId, errorCode: 0 }]);
    expect(await committedOffsets(groupId, topic)).toEqual(['-1', '-1']);
  });

  it('makes progress when every batch is larger than the fetch byte limits', async () => {
    const topic = await createTopic('max-bytes', 1);
    const big = (i: number) => ({ value: `${i}:`.padEnd(300, 'x') });
    for (const i of [0, 1, 2]) {
      await producer.send({ topic, messages: [big(i)] });
    }
    const received: Received[] = [];
    await startConsumer(uniqueName('max-bytes'), topic, {
      config: { maxBytesPerPartition: 100, maxBytes: 100 },
      onMessage: (m) => received.push(m),
    });
    await waitFor(() => received.length >= 3, 'all three batches');
    expect(received.map((r) => r.value)).toEqual([0, 1, 2].map((i) => big(i).value));
  });

  it('resumes a group after a restart from the last committed offset and re-reads nothing before it', async () => {
    const topic = await createTopic('restart', 1);
    const groupId = uniqueName('restart');
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `first-${i}` })) });

    const firstRun: Received[] = [];
    const first = kafka.consumer({ groupId, ...GROUP_TIMINGS });
    consumers.push(first);
    await first.connect();
    await first.subscribe({ topics: [topic], fromBeginning: true });
    await first.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        firstRun.push(toReceived(partition, message));
        if (Number(message.offset) < 6) {
          await first.commitOffsets([{ topic, partition, offset: (Number(message.offset) + 1).toString() }]);
        }
      },
    });
    await waitFor(() => firstRun.length === 10, 'first run');
    await first.disconnect();
    expect(await committedOffsets(groupId, topic)).toEqual(['6']);

    await producer.send({ topic, messages: [0, 1, 2].map((i) => ({ value: `second-${i}` })) });
    const secondRun: Received[] = [];
    await startConsumer(groupId, topic, { onMessage: (m) => secondRun.push(m) });
    await waitFor(() => secondRun.length >= 7, 'second run');
    await sleep(300);

    expect(secondRun.map((r) => r.offset)).toEqual(['6', '7', '8', '9', '10', '11', '12']);
    expect(secondRun.map((r) => r.value).slice(-3)).toEqual(['second-0', 'second-1', 'second-2']);
  });

  it('shares partitions between two members of a group and consumes every message exactly once', async () => {
    const topic = await createTopic('shared', 4);
    const groupId = uniqueName('shared');
    const received: Received[][] = [[], []];
    const assigned: number[][] = [[], []];
    for (const index of [0, 1]) {
      await startConsumer(groupId, topic, {
        onMessage: (m) => received[index].push(m),
        onAssigned: (partitions) => (assigned[index] = partitions),
      });
    }
    await waitFor(() => isSplit(assigned, 4), 'both members assigned');

    const description = await admin.describeGroups([groupId]);
    expect(description.groups[0]).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer' });
    expect(description.groups[0].members).toHaveLength(2);
    expect((await admin.listGroups()).groups).toContainEqual({ groupId, protocolType: 'consumer' });

    await producer.send({ topic, messages: Array.from({ length: 40 }, (_, i) => ({ value: `v${i}`, partition: i % 4 })) });
    await waitFor(() => received[0].length + received[1].length >= 40, 'all messages');
    await waitFor(async () => (await committedOffsets(groupId, topic)).join() === '10,10,10,10', 'all commits');
    await sleep(300);

    expect(received[0].length).toBeGreaterThan(0);
    expect(received[1].length).toBeGreaterThan(0);
    expect(received.flat().map((r) => r.value).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `v${i}`).sort());
    received.forEach((messages, index) => expect(messages.every((m) => assigned[index].includes(m.partition))).toBe(true));
  });

  it('evicts a member that stops heartbeating (kill -9) after its session timeout and reassigns its partitions', async () => {
    const topic = await createTopic('evict', 4);
    const groupId = uniqueName('evict');
    const survivorReceived: Received[] = [];
    let survivorAssigned: number[] = [];
    await startConsumer(groupId, topic, {
      onMessage: (m) => survivorReceived.push(m),
      onAssigned: (partitions) => (survivorAssigned = partitions),
    });

    const child = forkGroupMember(topic, groupId);
    let childAssigned: number[] = [];
    child.on('message', (message: { type: string; partitions?: number[] }) => {
      if (message.type === 'assigned') {
        childAssigned = message.partitions ?? [];
      }
    });
    await waitFor(() => isSplit([survivorAssigned, childAssigned], 4), 'both members assigned', 15_000);
    const orphaned = childAssigned;

    child.kill('SIGKILL');
    const killedAt = Date.now();
    await waitFor(() => survivorAssigned.length === 4, 'survivor takes over all partitions', 15_000);
    // The broker must wait for the session timeout, not react to the closed connection.
    expect(Date.now() - killedAt).toBeGreaterThan(3000);

    await producer.send({ topic, messages: orphaned.map((partition) => ({ value: `after-${partition}`, partition })) });
    await waitFor(() => orphaned.every((p) => survivorReceived.some((r) => r.value === `after-${p}`)), 'orphaned messages');
  }, 40_000);

  it('holds an empty fetch for maxWaitTime, wakes it on produce, and never blocks other connections', async () => {
    const topic = await createTopic('long-poll', 1);
    const fetches: number[] = [];
    let fetching = false;
    const received: Array<{ value: string; at: number }> = [];
    const consumer = await startConsumer(uniqueName('long-poll'), topic, {
      config: { maxWaitTimeInMs: 2000 },
      onMessage: (m) => received.push({ value: m.value, at: Date.now() }),
    });
    consumer.on(consumer.events.FETCH_START, () => (fetching = true));
    consumer.on(consumer.events.FETCH, ({ payload }) => {
      fetching = false;
      fetches.push(payload.duration);
    });
    await waitFor(() => fetches.length >= 1, 'an empty fetch to time out');
    expect(fetches[0]).toBeGreaterThanOrEqual(1500);

    await waitFor(() => fetching, 'the next fetch');
    await sleep(300);
    const sentAt = Date.now();
    await producer.send({ topic, messages: [{ value: 'wake-up' }] });
    expect(Date.now() - sentAt).toBeLessThan(1000);
    await waitFor(() => received.length === 1, 'the message', 5000);
    expect(received[0].value).toBe('wake-up');
    expect(received[0].at - sentAt).toBeLessThan(1000);
  });

  const testBrokerOnly = process.env.KAFKA_BROKERS ? it.skip : it;

  testBrokerOnly('exposes readAll, committedOffset and createTopic helpers', async () => {
    const broker = target.testBroker;
    if (!broker) {
      throw new Error('test broker expected');
    }
    const topic = uniqueName('helpers');
    broker.createTopic(topic, 2);
    expect(() => broker.createTopic(topic, 2)).toThrow(/cannot create topic/);
    await expect(broker.readAll('no-such-topic')).rejects.toThrow(/unknown topic/);

    await producer.send({
      topic,
      messages: [
        { key: 'a', value: 'one', partition: 1, headers: { h: 'x' } },
        { key: null, value: null, partition: 1 },
        { key: 'b', value: 'zero', partition: 0 },
      ],
    });
    const records = await broker.readAll(topic);
    expect(records.map(({ timestamp, ...rest }) => ({ ...rest, hasTimestamp: Number(timestamp) > 0 }))).toEqual([
      { partition: 0, offset: '0', key: 'b', value: 'zero', headers: {}, hasTimestamp: true },
      { partition: 1, offset: '0', key: 'a', value: 'one', headers: { h: 'x' }, hasTimestamp: true },
      { partition: 1, offset: '1', key: null, value: null, headers: {}, hasTimestamp: true },
    ]);

    const groupId = uniqueName('helpers');
    expect(broker.committedOffset(groupId, topic, 0)).toBeUndefined();
    const consumer = await startConsumer(groupId, topic, { onMessage: () => undefined });
    const committed = (partition: number) => broker.committedOffset(groupId, topic, partition);
    await waitFor(() => committed(0) === '1' && committed(1) === '2', 'auto commits');
    await consumer.commitOffsets([{ topic, partition: 1, offset: '1' }]);
    expect(committed(1)).toBe('1');
    expect(broker.committedOffset(groupId, 'other-topic', 0)).toBeUndefined();
  });

  testBrokerOnly('auto-creates unknown topics on produce only when allowed', async () => {
    const broker = target.testBroker;
    if (!broker) {
      throw new Error('test broker expected');
    }
    const autoCreated = uniqueName('auto');
    await producer.send({ topic: autoCreated, messages: [{ value: 'created on demand' }] });
    expect((await broker.readAll(autoCreated)).map((r) => r.value)).toEqual(['created on demand']);
    const { topics } = await admin.fetchTopicMetadata({ topics: [autoCreated] });
    expect(topics[0].partitions).toHaveLength(3);

    const strict = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    const missing = uniqueName('missing');
    try {
      await strict.connect();
      const send = strict.send({ topic: missing, messages: [{ value: 'x' }] });
      await expect(send).rejects.toThrow(/does not host this topic-partition/);
    } finally {
      await strict.disconnect();
    }
    await expect(broker.readAll(missing)).rejects.toThrow(/unknown topic/);
  });
});

async function createTopic(prefix: string, numPartitions: number): Promise<string> {
  const topic = uniqueName(prefix);
  await admin.createTopics({ topics: [{ topic, numPartitions }] });
  return topic;
}

interface ConsumerHooks {
  config?: Partial<ConsumerConfig>;
  onMessage: (message: Received) => void;
  /** Registered before the consumer joins, so the first assignment is seen too. */
  onAssigned?: (partitions: number[]) => void;
}

async function startConsumer(groupId: string, topic: string, hooks: ConsumerHooks): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, ...GROUP_TIMINGS, ...hooks.config });
  consumers.push(consumer);
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => hooks.onAssigned?.(payload.memberAssignment[topic] ?? []));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: ({ partition, message }) => Promise.resolve(hooks.onMessage(toReceived(partition, message))),
  });
  return consumer;
}

function forkGroupMember(topic: string, groupId: string): ChildProcess {
  const child = fork(path.join(__dirname, 'fixtures', 'group-member.js'), [], {
    env: { ...process.env, KAFKA_TEST_BROKERS: target.brokers.join(','), KAFKA_TEST_TOPIC: topic, KAFKA_TEST_GROUP: groupId },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return child;
}

async function committedOffsets(groupId: string, topic: string): Promise<string[]> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset);
}

function toReceived(partition: number, message: Pick<Message, 'key' | 'value' | 'headers'> & { offset: string }): Received {
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? '',
    headers: stringHeaders(message.headers),
  };
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([key, value]) => [key, String(value)]));
}

function sortByPosition(messages: Received[]): Received[] {
  return [...messages].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

/** Offsets are contiguous from 0 per partition, and producer order (the seq header) is preserved. */
function expectOrderedPerPartition(messages: Received[]): void {
  const byPartition = new Map<number, Received[]>();
  messages.forEach((m) => byPartition.set(m.partition, [...(byPartition.get(m.partition) ?? []), m]));
  for (const list of byPartition.values()) {
    expect(list.map((m) => Number(m.offset))).toEqual(list.map((_, i) => i));
    const seqs = list.map((m) => Number(m.headers.seq ?? m.offset));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }
}

/** Every member has partitions, none is shared, and together they cover all of them. */
function isSplit(assignments: number[][], partitions: number): boolean {
  const all = assignments.flat();
  return assignments.every((a) => a.length > 0) && all.length === partitions && new Set(all).size === partitions;
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(50);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
