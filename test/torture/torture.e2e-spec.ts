import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  careerOf, careersOnKafka, killHard, KafkaTestClient, startChildApp, startKafkaTarget, storedIdsIn, uniqueName, type ChildApp, type RawEvent,
} from '@rung/testing';
import { consumeToTheEnd, consumeUntilKilled, type KafkaConsumer } from './kafka-consume';
import { ingestRound, seeded } from './http-ingest';
import { dataVersionOf, rebuild, timelinesOf } from './read-models';
import { tally, type Tally } from './tally';

// The torture suite (SPEC §10): kill -9 at random points, counted in acknowledged batches, never in
// milliseconds. CI runs a small size; `npm run torture` runs the full one (200,000 events in batches of
// 1,000, 4 clients, 5 kills). TORTURE_EVENTS, TORTURE_BATCH, TORTURE_KILLS and TORTURE_SEED change it;
// TORTURE_KAFKA_EVENTS and TORTURE_KAFKA_CHUNK (KAFKA_BATCH_SIZE of the consumer) size the Kafka phase.
const EVENTS = Number(process.env.TORTURE_EVENTS ?? 20_000);
const KAFKA_EVENTS = Number(process.env.TORTURE_KAFKA_EVENTS ?? 5_000);
const KAFKA_CHUNK = Number(process.env.TORTURE_KAFKA_CHUNK ?? 50);
const BATCH = Number(process.env.TORTURE_BATCH ?? 250);
const KILLS = Number(process.env.TORTURE_KILLS ?? 5);
const CLIENTS = 4;
const PER_SUBJECT = 10;
const ORG = 'torture-trust';
const SEED = Number(process.env.TORTURE_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Row extends Tally {
  phase: string;
  kills: number;
  rebuildEqual: boolean;
  versionsAgree: boolean;
}

function printTable(rows: readonly Row[]): void {
  const head = '| phase | kills | acknowledged | present | lost | doubled | rebuild equal | data versions agree |\n| --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map((r) => `| ${r.phase} | ${r.kills} | ${r.acknowledged} | ${r.present} | ${r.lost} | ${r.doubled} | ${r.rebuildEqual ? 'yes' : 'NO'} | ${r.versionsAgree ? 'yes' : 'NO'} |`);
  process.stdout.write(`\ntorture, seed ${SEED} (TORTURE_SEED=${SEED} replays it), ${EVENTS} events:\n${head}\n${lines.join('\n')}\n`);
}

describe(`torture: ${EVENTS} events, kill -9 ${KILLS} times after a random number of acknowledged batches`, () => {
  const rows: Row[] = [];
  const random = seeded(SEED);
  let dataDir: string;
  let app: ChildApp | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rung-torture-'));
  });
  afterEach(async () => {
    if (app && app.process.exitCode === null && app.process.signalCode === null) await killHard(app);
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterAll(() => printTable(rows));

  /** With every event in, checks the read models against a full rebuild, then stops the app and reads the journal. */
  async function verify(phase: string, subjects: readonly string[], org: string, acknowledged: ReadonlySet<string>, total: number): Promise<void> {
    app = await startChildApp(dataDir);
    const before = await timelinesOf(app, org, subjects);
    const versionBefore = await dataVersionOf(app, org);
    const rebuilt = await rebuild(app);
    const after = await timelinesOf(app, org, subjects);
    const versionAfter = await dataVersionOf(app, org);
    await killHard(app);
    const counts = tally(acknowledged, await storedIdsIn(dataDir));
    const rebuildEqual = [...before].every(([s, t]) => JSON.stringify(t) === JSON.stringify(after.get(s)));
    const versionsAgree = versionBefore.fingerprint === versionAfter.fingerprint && versionAfter.events === total && versionAfter.subjects === subjects.length;
    rows.push({ phase, kills: KILLS, ...counts, rebuildEqual, versionsAgree });
    expect(counts).toEqual({ acknowledged: total, present: total, lost: 0, doubled: 0 });
    expect([...before.values()].every((t) => (t as { version?: number } | null)?.version === PER_SUBJECT)).toBe(true);
    expect(rebuilt).toMatchObject({ eventsRead: total, streams: subjects.length });
    expect(rebuildEqual).toBe(true);
    expect(versionAfter).toEqual(versionBefore);
    expect(versionsAgree).toBe(true);
  }

  it('over HTTP, keeps every acknowledged event exactly once; every timeline equals a full rebuild; the data versions agree', async () => {
    const subjects = Array.from({ length: Math.ceil(EVENTS / PER_SUBJECT) }, (_, i) => `T${i}`);
    const events = subjects.flatMap((s) => careerOf(s, ORG, PER_SUBJECT));
    const batches: RawEvent[][] = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    let pending = batches.map((_, i) => i);
    const acknowledged = new Set<string>();
    const meanRound = Math.max(2, Math.floor(batches.length / (KILLS + 2)));

    for (let kill = 0; kill < KILLS; kill += 1) {
      app = await startChildApp(dataDir);
      const round = await ingestRound(app, batches, pending, CLIENTS, 1 + Math.floor(random() * meanRound));
      round.acknowledgedEvents.forEach((id) => acknowledged.add(id));
      const done = new Set(round.acknowledgedBatches);
      pending = pending.filter((i) => !done.has(i));
    }
    app = await startChildApp(dataDir);
    const last = await ingestRound(app, batches, pending, CLIENTS);
    last.acknowledgedEvents.forEach((id) => acknowledged.add(id));
    expect(acknowledged.size).toBe(events.length);

    await killHard(app);
    await verify('http', subjects, ORG, acknowledged, events.length);
  }, 600_000);

  it('over Kafka, killed between an append and its commit, stores every produced event exactly once; timelines equal a rebuild; versions agree', async () => {
    const target = await startKafkaTarget();
    const client = await KafkaTestClient.connect(target.brokers);
    try {
      const org = `${ORG}-kafka`;
      const count = Math.ceil(KAFKA_EVENTS / PER_SUBJECT);
      const events = careersOnKafka(org, 0, count);
      const landed = await client.produce(events);
      const consumer: KafkaConsumer = { target, client, groupId: uniqueName('rung-torture'), dataDir, batch: KAFKA_CHUNK };
      const chunks = Math.ceil(events.length / KAFKA_CHUNK);
      let nth = 0;
      for (let kill = 0; kill < KILLS; kill += 1) {
        nth += 1 + Math.floor(random() * Math.max(1, Math.floor(chunks / (KILLS + 2))));
        await consumeUntilKilled(consumer, nth);
      }
      await consumeToTheEnd(consumer);
      await verify('kafka', Array.from({ length: count }, (_, i) => `S${i}`), org, new Set(landed.keys()), events.length);
    } finally {
      await client.disconnect();
      await target.stop();
    }
  }, 600_000);
});
