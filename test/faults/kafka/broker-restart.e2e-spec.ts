import request from 'supertest';
import type { App } from 'supertest/types';
import {
  brokerOutage, canRestartBroker, careersOnKafka, eventually, FaultInjectingStore, notStoredOnce, useKafkaFixture,
} from '@rung/testing';

// Fault: the broker restarts (same address, data kept) while a chunk is in flight. On real Kafka
// (KAFKA_BROKERS) this needs KAFKA_STOP_COMMAND and KAFKA_START_COMMAND, and is skipped without them.

const kafka = useKafkaFixture();
const itWithRestart = canRestartBroker() ? it : it.skip;

describe('Kafka fault: a broker restart mid-stream', () => {
  itWithRestart('stores everything produced once, reports the redelivered chunk as duplicates, and consumes on', async () => {
    const { client, org } = kafka;
    let wrapped: FaultInjectingStore | undefined;
    const app = await kafka.startApp({ env: { KAFKA_BATCH_SIZE: '5' }, wrapStore: (inner) => (wrapped = new FaultInjectingStore(inner)) });
    const store = wrapped as FaultInjectingStore;
    const outage = brokerOutage(kafka.target);
    if (!outage) throw new Error('no way to restart this broker');
    const before = careersOnKafka(org, 0, 6);
    const after = careersOnKafka(org, 6, 6);

    store.hold();
    await client.produce(before);
    await eventually('a chunk in flight', () => store.held > 0);
    await outage.stop();
    store.release();
    // The chunk was appended, but its commit cannot reach the broker: it must come again as duplicates.
    await eventually('the consumer to lose the broker', () => app.logs.some((line) => /kafkajs: .*(ECONNREFUSED|Connection)/.test(line)));
    await outage.start();
    await client.produce(after);
    await eventually('the group to commit everything', () => client.caughtUp(app.config.kafkaGroupId), 25_000);

    const events = [...before, ...after];
    expect(notStoredOnce(await app.storedIds(), events)).toEqual([]);
    const ready = await request(app.app.getHttpServer() as App).get('/health/ready');
    expect(ready.body.checks).toMatchObject({ kafka: true });
    if (kafka.target.testBroker) {
      expect(app.metrics().stored).toBe(events.length);
      expect(app.metrics().duplicates).toBeGreaterThanOrEqual(1);
    }
  }, 40_000);
});
