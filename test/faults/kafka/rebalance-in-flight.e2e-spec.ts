import type { Consumer } from 'kafkajs';
import { CAREER_TOPICS, topicForType } from '@rung/contracts';
import {
  careersOnKafka, eventually, FaultInjectingStore, notStoredOnce, useKafkaFixture, type KafkaTestApp, type RawEvent,
} from '@rung/testing';

// Fault: a second consumer of the group joins while the app has a chunk in flight, takes some partitions,
// receives messages and commits nothing, then leaves while the app has another chunk in flight.

const kafka = useKafkaFixture();

interface Intruder {
  consumer: Consumer;
  assigned: number;
  received: number;
  running: Promise<void>;
}

describe('Kafka fault: a rebalance while a batch is in flight', () => {
  it('loses nothing, stores nothing twice and keeps each partition in order as a consumer joins and leaves', async () => {
    const { client, org } = kafka;
    let wrapped: FaultInjectingStore | undefined;
    const app = await kafka.startApp({ env: { KAFKA_BATCH_SIZE: '5' }, wrapStore: (inner) => (wrapped = new FaultInjectingStore(inner)) });
    const store = wrapped as FaultInjectingStore;
    const groupId = app.config.kafkaGroupId;
    const partitions = (await client.logRanges()).size;
    const first = careersOnKafka(org, 0, 8);
    const second = careersOnKafka(org, 8, 8);

    store.hold();
    await client.produce(first);
    await eventually('a chunk in flight', () => store.held > 0);
    const intruder = joinGroup(groupId);
    await eventually('the join to start a rebalance', async () => (await client.describeGroup(groupId)).state === 'PreparingRebalance');
    store.release();
    await intruder.running;
    await eventually('the partitions to be split', () => intruder.assigned > 0 && owned(app) > 0 && owned(app) < partitions);

    store.hold();
    await client.produce(second);
    await eventually('another chunk in flight, and messages for the intruder', () => store.held > 0 && intruder.received > 0);
    await intruder.consumer.disconnect();
    await eventually('the leave to start a rebalance', async () => (await client.describeGroup(groupId)).state === 'PreparingRebalance');
    store.release();

    await eventually('the app to own every partition again', () => owned(app) === partitions);
    await eventually('the group to commit everything', () => client.caughtUp(groupId), 20_000);
    const events = [...first, ...second];
    expect(notStoredOnce(await app.storedIds(), events)).toEqual([]);
    await expectSubjectsInOrder(app, events);
    if (kafka.target.testBroker) expect(app.metrics().stored).toBe(events.length);
  });
});

/** A plain kafkajs member of the group that takes what it is given and never processes nor commits it. */
function joinGroup(groupId: string): Intruder {
  const consumer = kafka.client.kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
  const intruder: Intruder = { consumer, assigned: 0, received: 0, running: Promise.resolve() };
  kafka.cleanup(() => consumer.disconnect());
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    intruder.assigned = Object.values(payload.memberAssignment).reduce((n, list) => n + list.length, 0);
  });
  intruder.running = (async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: [...CAREER_TOPICS], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async ({ batch }) => void (intruder.received += batch.messages.length) });
  })();
  return intruder;
}

function owned(app: KafkaTestApp): number {
  return Object.values(app.metrics().assigned).reduce((n, list) => n + list.length, 0);
}

/** Within each topic, a subject's events are stored in the order they were produced (one key, one partition). */
async function expectSubjectsInOrder(app: KafkaTestApp, events: RawEvent[]): Promise<void> {
  const topicOf = (e: RawEvent): string => topicForType(e.type as Parameters<typeof topicForType>[0]);
  for (const subject of new Set(events.map((e) => e.subjectRef))) {
    const sent = events.filter((e) => e.subjectRef === subject);
    const byId = new Map(sent.map((e) => [e.eventId, e]));
    const stored = (await app.stream(kafka.org, subject)).map((e) => byId.get(e.eventId)).filter((e): e is RawEvent => !!e);
    for (const topic of new Set(sent.map(topicOf))) {
      expect(stored.filter((e) => topicOf(e) === topic).map((e) => e.eventId)).toEqual(sent.filter((e) => topicOf(e) === topic).map((e) => e.eventId));
    }
  }
}
