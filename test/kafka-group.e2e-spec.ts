import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  careerOnKafka, eventually, FaultInjectingStore, storedIdsIn, KafkaTestClient, killHard, startBuiltApp, startKafkaTarget, startKafkaTestApp,
  uniqueName, KAFKA_TEST_ENV, type ChildApp, type KafkaTarget, type KafkaTestApp, type KafkaTestAppOptions, type RawEvent,
} from '@rung/testing';

// Consumer-group behaviour: replacement after kill -9, sharing partitions, graceful shutdown. Runs over
// the test broker, or real Kafka when KAFKA_BROKERS is set (assertions then go by the event ids produced here).

let target: KafkaTarget;
let client: KafkaTestClient;
let org: string;
const apps: KafkaTestApp[] = [];
const children: ChildApp[] = [];
const dirs: string[] = [];

beforeEach(async () => {
  target = await startKafkaTarget();
  client = await KafkaTestClient.connect(target.brokers);
  org = `kg-${randomBytes(4).toString('hex')}`;
});

afterEach(async () => {
  await Promise.all(children.splice(0).filter((c) => c.process.exitCode === null && c.process.signalCode === null).map(killHard));
  await Promise.all(apps.splice(0).map((app) => app.close()));
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  await client.disconnect();
  await target.stop();
});

async function startApp(options: Partial<KafkaTestAppOptions> = {}): Promise<KafkaTestApp> {
  const app = await startKafkaTestApp({ brokers: target.brokers, groupId: uniqueName('rung-ingest'), ...options });
  apps.push(app);
  return app;
}

function careers(from: number, count: number): RawEvent[] {
  return Array.from({ length: count }, (_, i) => careerOnKafka(org, `S${from + i}`)).flat();
}

/** Every event stored exactly once. */
async function expectEachStoredOnce(app: KafkaTestApp, events: RawEvent[]): Promise<void> {
  const ids = await app.storedIds();
  const counts = events.map((e) => ids.get(e.eventId) ?? 0);
  expect(counts.filter((n) => n !== 1)).toEqual([]);
}

const sum = (offsets: Map<string, number>): number => [...offsets.values()].reduce((n, o) => n + Math.max(0, o), 0);

describe('Kafka ingestion in a consumer group', () => {
  it('replaces a consumer killed with kill -9; the replacement resumes from the committed offsets and nothing is lost', async () => {
    const groupId = uniqueName('rung-kill');
    const dataDir = mkdtempSync(join(tmpdir(), 'rung-kafka-kill-'));
    dirs.push(dataDir);
    const batch = '10';
    const child = await startBuiltApp('ingest', dataDir, {
      ...KAFKA_TEST_ENV, KAFKA_BROKERS: target.brokers.join(','), KAFKA_GROUP_ID: groupId, KAFKA_BATCH_SIZE: batch,
    });
    children.push(child);
    const produced: RawEvent[] = [];
    let producing = true;
    const producer = (async () => {
      for (let round = 0; producing; round += 1) {
        const events = careers(round * 5, 5);
        await client.produce(events);
        produced.push(...events);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    let committedAtKill = new Map<string, number>();
    try {
      await eventually('the child to commit 150 messages', async () => sum(await client.committed(groupId)) >= 150);
      await killHard(child);
      committedAtKill = await client.committed(groupId);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      producing = false;
      await producer;
    }

    const replacement = await startApp({ groupId, dataDir, env: { KAFKA_BATCH_SIZE: batch } });
    await eventually('the replacement to catch up', () => client.caughtUp(groupId), 30_000);

    await expectEachStoredOnce(replacement, produced);
    const { partitions, duplicates } = replacement.metrics();
    const resumed = partitions.filter((p) => (committedAtKill.get(`${p.topic}/${p.partition}`) ?? -1) >= 0);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.map((p) => p.firstOffset)).toEqual(resumed.map((p) => String(committedAtKill.get(`${p.topic}/${p.partition}`))));
    // Only what the child stored but had not committed comes again: at most one chunk per partition in flight.
    if (target.testBroker) expect(duplicates).toBeLessThanOrEqual(replacement.config.kafkaPartitionsConcurrently * Number(batch));
  }, 60_000);

  it('shares the partitions between two consumers of one group, and each event is stored by exactly one of them', async () => {
    const groupId = uniqueName('rung-shared');
    const first = await startApp({ groupId });
    const second = await startApp({ groupId });
    const partitions = (await client.logRanges()).size;
    const owned = (app: KafkaTestApp): string[] => Object.entries(app.metrics().assigned).flatMap(([t, ps]) => ps.map((p) => `${t}/${p}`));
    await eventually('the partitions to be split', () => {
      const [a, b] = [owned(first), owned(second)];
      return a.length > 0 && b.length > 0 && new Set([...a, ...b]).size === partitions && a.length + b.length === partitions;
    });

    const events = careers(0, 20);
    await client.produce(events);
    await eventually('both to catch up', () => client.caughtUp(groupId));

    const [a, b] = await Promise.all([first.storedIds(), second.storedIds()]);
    const byFirst = events.filter((e) => a.has(e.eventId));
    const bySecond = events.filter((e) => b.has(e.eventId));
    expect(byFirst.length).toBeGreaterThan(0);
    expect(bySecond.length).toBeGreaterThan(0);
    expect(byFirst.filter((e) => b.has(e.eventId))).toEqual([]);
    expect(byFirst.length + bySecond.length).toBe(events.length);
  });

  it('on shutdown finishes and commits the chunk in flight before the store closes: what is stored is exactly what is committed', async () => {
    let slow: FaultInjectingStore | undefined;
    const first = await startApp({ env: { KAFKA_BATCH_SIZE: '10' }, wrapStore: (inner) => (slow = new FaultInjectingStore(inner)) });
    const store = slow as FaultInjectingStore;
    store.delayMs = 150;
    const events = careers(0, 40);
    const landed = await client.produce(events);

    await eventually('some chunks stored and one in flight', () => first.metrics().stored >= 30 && store.inFlight > 0);
    await first.stop();
    expect(store.appendsAfterClose).toBe(0);

    const committed = await client.committed(first.config.kafkaGroupId);
    const stored = await storedIdsIn(first.dataDir);
    const isCommitted = (e: RawEvent): boolean => {
      const at = landed.get(e.eventId);
      return !!at && at.offset < (committed.get(`${at.topic}/${at.partition}`) ?? -1);
    };
    expect(events.filter((e) => stored.has(e.eventId) !== isCommitted(e))).toEqual([]);
    expect(events.filter(isCommitted).length).toBeGreaterThan(0);
    expect(events.filter(isCommitted).length).toBeLessThan(events.length);

    const successor = await startApp({ groupId: first.config.kafkaGroupId, dataDir: first.dataDir });
    await eventually('the successor to catch up', () => client.caughtUp(first.config.kafkaGroupId));
    await expectEachStoredOnce(successor, events);
    if (target.testBroker) expect(successor.metrics().duplicates).toBe(0);
  });
});
