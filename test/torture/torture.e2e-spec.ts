import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { careerOf, killHard, startChildApp, type ChildApp, type RawEvent } from '@rung/testing';
import { ingestRound, seeded } from './http-ingest';
import { dataVersionOf, rebuild, timelinesOf } from './read-models';
import { storedEventCounts, tally, type Tally } from './stored-events';

// The torture suite (SPEC §10): kill -9 at random points, counted in acknowledged batches, never in
// milliseconds. CI runs a small size; `npm run torture` runs the full one (200,000 events in batches of
// 1,000, 4 clients, 5 kills). TORTURE_EVENTS, TORTURE_BATCH, TORTURE_KILLS and TORTURE_SEED change it.
const EVENTS = Number(process.env.TORTURE_EVENTS ?? 20_000);
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
  let dataDir: string;
  let app: ChildApp | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rung-torture-'));
  });
  afterAll(async () => {
    if (app && app.process.exitCode === null && app.process.signalCode === null) await killHard(app);
    rmSync(dataDir, { recursive: true, force: true });
    printTable(rows);
  });

  it('over HTTP, keeps every acknowledged event exactly once; every timeline equals a full rebuild; the data versions agree', async () => {
    const random = seeded(SEED);
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

    const before = await timelinesOf(app, ORG, subjects);
    const versionBefore = await dataVersionOf(app, ORG);
    const rebuilt = await rebuild(app);
    const after = await timelinesOf(app, ORG, subjects);
    const versionAfter = await dataVersionOf(app, ORG);
    await killHard(app);
    const counts = tally(acknowledged, await storedEventCounts(dataDir));

    const rebuildEqual = [...before].every(([s, t]) => JSON.stringify(t) === JSON.stringify(after.get(s)));
    const versionsAgree = versionBefore.fingerprint === versionAfter.fingerprint && versionAfter.events === events.length && versionAfter.subjects === subjects.length;
    rows.push({ phase: 'http', kills: KILLS, ...counts, rebuildEqual, versionsAgree });
    expect(counts).toEqual({ acknowledged: events.length, present: events.length, lost: 0, doubled: 0 });
    expect([...before.values()].every((t) => (t as { version?: number } | null)?.version === PER_SUBJECT)).toBe(true);
    expect(rebuilt).toMatchObject({ eventsRead: events.length, streams: subjects.length });
    expect(rebuildEqual).toBe(true);
    expect(versionAfter).toEqual(versionBefore);
    expect(versionsAgree).toBe(true);
  }, 600_000);
});
