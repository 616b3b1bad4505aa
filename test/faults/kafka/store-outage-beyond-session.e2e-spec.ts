import { eventually, FaultInjectingStore, notStoredOnce, rawEvent, useKafkaFixture, type RawEvent } from '@rung/testing';

// Fault: the event store is down for longer than the consumer's session timeout. The retries must keep
// heartbeating, so that the consumer stays the same member of the group (no eviction, no rebalance),
// commits nothing meanwhile, and afterwards stores everything once and in order.
// (test/kafka-ingest.e2e-spec.ts has the short outage; this one outlasts the session.)

const kafka = useKafkaFixture();
const SESSION_TIMEOUT_MS = 6000; // the smallest session timeout Kafka (and the config) accept

describe('Kafka fault: a store outage longer than the session timeout', () => {
  it('keeps the group membership through the retries, commits nothing meanwhile, then stores everything once and in order', async () => {
    const { client, org } = kafka;
    let wrapped: FaultInjectingStore | undefined;
    const app = await kafka.startApp({
      env: { KAFKA_BATCH_SIZE: '5', KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) },
      wrapStore: (inner) => (wrapped = new FaultInjectingStore(inner)),
    });
    const store = wrapped as FaultInjectingStore;
    const groupId = app.config.kafkaGroupId;
    await eventually('the app to join the group', async () => (await client.describeGroup(groupId)).state === 'Stable');
    const { members } = await client.describeGroup(groupId);

    store.failing = true;
    const events: RawEvent[] = Array.from({ length: 20 }, (_, i) =>
      rawEvent('TrainingAccessed', { orgId: org, subjectRef: 'LONG', occurredAt: `2024-02-${String(i + 1).padStart(2, '0')}` }),
    );
    const landed = await client.produce(events);
    const { topic, partition, offset: firstOffset } = landed.get(events[0].eventId) ?? { topic: '', partition: -1, offset: -1 };
    const committed = async (): Promise<number> => (await client.committed(groupId)).get(`${topic}/${partition}`) ?? -1;

    await eventually('the first failed append', () => store.failures > 0);
    const outageStarted = Date.now();
    // The fault is defined by its length: it must outlast the session by a clear margin.
    await eventually('the outage to outlast the session', () => Date.now() - outageStarted > SESSION_TIMEOUT_MS * 1.5, SESSION_TIMEOUT_MS * 3);
    expect(await client.describeGroup(groupId)).toEqual({ state: 'Stable', members });
    expect(await committed()).toBeLessThanOrEqual(firstOffset);
    store.failing = false;

    await eventually('the commit past the last event', async () => (await committed()) === firstOffset + events.length, 15_000);
    expect((await app.stream(org, 'LONG')).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect((await client.describeGroup(groupId)).members).toEqual(members);
    expect(notStoredOnce(await app.storedIds(), events)).toEqual([]);
    if (kafka.target.testBroker) expect(app.metrics()).toMatchObject({ stored: events.length, duplicates: 0 });
  }, 30_000);
});
