import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import {
  authed,
  careerOnKafka, eventually, FaultInjectingStore, KafkaTestClient, rawEvent, startKafkaTarget, startKafkaTestApp, uniqueName,
  type KafkaTarget, type KafkaTestApp, type KafkaTestAppOptions, type RawEvent,
} from '@rung/testing';

// Runs over the Kafka-protocol test broker, or over real Kafka when KAFKA_BROKERS is set. Against real
// Kafka the topics are shared with earlier runs, so assertions go by the event ids produced here, and
// exact counters are checked on the test broker only.

let target: KafkaTarget;
let client: KafkaTestClient;
let org: string;
const apps: KafkaTestApp[] = [];

beforeEach(async () => {
  target = await startKafkaTarget();
  client = await KafkaTestClient.connect(target.brokers);
  org = `kt-${randomBytes(4).toString('hex')}`;
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await client.disconnect();
  await target.stop();
});

async function startApp(options: Partial<KafkaTestAppOptions> = {}): Promise<KafkaTestApp> {
  const app = await startKafkaTestApp({ brokers: target.brokers, groupId: uniqueName('rung-ingest'), ...options });
  apps.push(app);
  return app;
}

async function timelineVersion(app: KafkaTestApp, subjectRef: string): Promise<number> {
  const res = await authed(app.app.getHttpServer() as App, app.keys.ingest).get(`/v1/subjects/${org}/${subjectRef}/timeline`);
  return res.status === 200 ? (res.body as { version: number }).version : 0;
}

async function allStored(app: KafkaTestApp, subjects: string[], perSubject: number): Promise<boolean> {
  const versions = await Promise.all(subjects.map((s) => timelineVersion(app, s)));
  return versions.every((v) => v === perSubject);
}

const subjectRefs = (n: number): string[] => Array.from({ length: n }, (_, i) => `S${i + 1}`);

describe('Kafka ingestion: consume → store → timeline', () => {
  it('consumes the five topics into the store and the timelines, keeping each partition in order', async () => {
    const app = await startApp();
    const subjects = subjectRefs(12);
    const events = subjects.flatMap((s) => careerOnKafka(org, s));

    const landed = await client.produce(events);
    await eventually('every timeline to hold its ten events', () => allStored(app, subjects, 10));

    const timeline = await authed(app.app.getHttpServer() as App, app.keys.ingest).get(`/v1/subjects/${org}/S7/timeline`).expect(200);
    expect(timeline.body).toMatchObject({
      version: 10, promotions: [{ at: '2020-11-01', fromGrade: '5', toGrade: '6' }],
      applications: [{ outcome: 'appointed', shortlistedAt: '2020-09-20' }], programmes: [{ completedAt: '2021-07-10' }],
    });
    expect(timeline.body.training).toHaveLength(2);
    for (const subject of subjects) {
      const stream = await app.stream(org, subject);
      const sent = events.filter((e) => e.subjectRef === subject);
      for (const topic of new Set(sent.map((e) => landed.get(e.eventId)?.topic))) {
        const inTopic = (ids: string[]) => ids.filter((id) => landed.get(id)?.topic === topic);
        expect(inTopic(stream.map((e) => e.eventId))).toEqual(inTopic(sent.map((e) => e.eventId)));
      }
    }
    const ready = await request(app.app.getHttpServer() as App).get('/health/ready').expect(200);
    expect(ready.body.checks).toMatchObject({ kafka: true });
    await eventually('the commits', () => client.caughtUp(app.config.kafkaGroupId));
    if (target.testBroker) expect(app.metrics()).toMatchObject({ consumed: 120, stored: 120, duplicates: 0, deadLettered: 0 });
  });

  it('stores redelivered events once: a resend, and a whole second pass over the topics, are duplicates', async () => {
    const subjects = subjectRefs(5);
    const events = subjects.flatMap((s) => careerOnKafka(org, s));
    await client.produce(events);
    await client.produce(events);
    const first = await startApp();
    await eventually('every timeline', () => allStored(first, subjects, 10));
    await eventually('the commits', () => client.caughtUp(first.config.kafkaGroupId));
    expect(first.metrics().duplicates).toBeGreaterThanOrEqual(50);
    await first.stop();

    const second = await startApp({ dataDir: first.dataDir });
    await eventually('the second pass', () => client.caughtUp(second.config.kafkaGroupId));

    const ids = await second.storedIds();
    expect(events.map((e) => ids.get(e.eventId))).toEqual(events.map(() => 1));
    expect(await Promise.all(subjects.map((s) => timelineVersion(second, s)))).toEqual(subjects.map(() => 10));
    expect(second.metrics().duplicates).toBeGreaterThanOrEqual(100);
    if (target.testBroker) {
      expect(first.metrics()).toMatchObject({ stored: 50, duplicates: 50 });
      expect(second.metrics()).toMatchObject({ stored: 0, duplicates: 100 });
    }
  });

  it('dead-letters each poison message with its origin and reason, and consumes the rest of its partition', async () => {
    const app = await startApp();
    const topic = 'career.promotion.v1';
    const key = `${org}:P1`;
    const first = rawEvent('PromotionGranted', { orgId: org, subjectRef: 'P1' });
    const last = rawEvent('GradeChanged', { orgId: org, subjectRef: 'P1', occurredAt: '2025-01-01' });
    const values: Array<[string, string | null]> = [
      ['ok', JSON.stringify(first)],
      ['invalid-json', '{"eventId": "0b8f6a8e'],
      ['not-an-object', JSON.stringify([first])],
      ['wrong-topic', JSON.stringify(rawEvent('EmployeeHired', { orgId: org, subjectRef: 'P1' }))],
      ['rejected', JSON.stringify(rawEvent('GradeChanged', { orgId: org, subjectRef: 'P1', occurredAt: 'yesterday' }))],
      ['rejected', JSON.stringify({ ...first, occurredAt: '2020-01-01' })],
      ['ok', JSON.stringify(last)],
    ];
    const at = await client.send(topic, values.map(([, value]) => ({ key, value })));

    await eventually('both good events', async () => (await timelineVersion(app, 'P1')) === 2);
    const ours = (offset: string): boolean => Number(offset) > at.offset && Number(offset) < at.offset + values.length - 1;
    const letters = await client.deadLetters((l) => l.headers['original-topic'] === topic && l.headers['original-partition'] === String(at.partition) && ours(l.headers['original-offset']), 5);

    letters.sort((a, b) => Number(a.headers['original-offset']) - Number(b.headers['original-offset']));
    expect(letters.map((l) => [l.headers['original-offset'], l.headers['reason-code'], l.key, l.value])).toEqual(
      values.slice(1, -1).map(([code, value], i) => [String(at.offset + 1 + i), code, key, value]),
    );
    expect(letters.map((l) => l.headers.reason)).toEqual([
      'the value is not valid JSON',
      'the value must be one event object, not an array',
      'EmployeeHired events belong on career.retention.v1, not on career.promotion.v1',
      'occurredAt: must be an ISO 8601 date or date-time',
      'eventId: an event with this eventId and a different body is already stored',
    ]);
    expect((await app.stream(org, 'P1')).map((e) => e.eventId)).toEqual([first.eventId, last.eventId]);
    await eventually('the commit past the last message', async () => (await client.committed(app.config.kafkaGroupId)).get(`${topic}/${at.partition}`) === at.offset + values.length);
    if (target.testBroker) expect(app.metrics()).toMatchObject({ consumed: 7, stored: 2, deadLettered: 5 });
  });

  it('dead-letters the events of an erased subject with the reason "subject erased", and stores the rest', async () => {
    const app = await startApp();
    const topic = 'career.promotion.v1';
    const admin = authed(app.app.getHttpServer() as App, app.keys.admin);
    const before = rawEvent('PromotionGranted', { orgId: org, subjectRef: 'GONE' });
    await client.send(topic, [{ key: `${org}:GONE`, value: JSON.stringify(before) }]);
    await eventually('the first event', async () => (await timelineVersion(app, 'GONE')) === 1);
    const erasure = await admin.post('/v1/admin/erasures').send({ orgId: org, subjectRef: 'GONE' }).expect(202);
    await eventually('the erasure', async () => (await admin.get(`/v1/admin/erasures/${erasure.body.id as string}`)).body.status === 'finished');

    const again = rawEvent('PromotionGranted', { orgId: org, subjectRef: 'GONE', occurredAt: '2025-02-01' });
    const other = rawEvent('PromotionGranted', { orgId: org, subjectRef: 'KEPT' });
    const at = await client.send(topic, [{ key: `${org}:GONE`, value: JSON.stringify(again) }, { key: `${org}:KEPT`, value: JSON.stringify(other) }]);

    await eventually('the other subject', async () => (await timelineVersion(app, 'KEPT')) === 1);
    const letters = await client.deadLetters((l) => l.headers['original-topic'] === topic && Number(l.headers['original-offset']) >= at.offset && l.value === JSON.stringify(again), 1);
    expect(letters.map((l) => [l.headers['reason-code'], l.headers.reason])).toEqual([['rejected', expect.stringMatching(/^subjectRef: subject erased/)]]);
    expect(await timelineVersion(app, 'GONE')).toBe(0);
  });

  it('retries a store outage with backoff, committing nothing meanwhile, then stores everything once and in order', async () => {
    let store: FaultInjectingStore | undefined;
    const app = await startApp({ env: { KAFKA_BATCH_SIZE: '5' }, wrapStore: (inner) => (store = new FaultInjectingStore(inner)) });
    const outage = store as FaultInjectingStore;
    outage.failing = true;
    const events: RawEvent[] = Array.from({ length: 30 }, (_, i) =>
      rawEvent('TrainingAccessed', { orgId: org, subjectRef: 'O1', occurredAt: `2024-01-${String(30 - i).padStart(2, '0')}` }),
    );
    const landed = await client.produce(events);
    const { topic, partition, offset: firstOffset } = landed.get(events[0].eventId) ?? { topic: '', partition: -1, offset: -1 };
    const committedHere = async (): Promise<number> => (await client.committed(app.config.kafkaGroupId)).get(`${topic}/${partition}`) ?? -1;

    await eventually('three failed appends', () => outage.failures >= 3);
    expect(await committedHere()).toBeLessThanOrEqual(firstOffset);
    outage.failing = false;

    await eventually('all thirty events', async () => (await timelineVersion(app, 'O1')) === 30);
    expect((await app.stream(org, 'O1')).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    await eventually('the commit past the last event', async () => (await committedHere()) === firstOffset + 30);
    expect(app.metrics().retries).toBeGreaterThanOrEqual(3);
  });
});
