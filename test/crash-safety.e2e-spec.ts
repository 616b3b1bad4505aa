import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, careerOf, killHard, startChildApp, type ChildApp, type RawEvent } from '@rung/testing';

const BATCH = 250;
const CONCURRENCY = 4;

async function postBatch(app: ChildApp, events: RawEvent[]): Promise<{ status: number; body: { results: Array<{ eventId: string; status: string }> } } | undefined> {
  try {
    const res = await fetch(`${app.url}/v1/events`, { method: 'POST', headers: { ...bearer(app.keys.ingest), 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
    return { status: res.status, body: (await res.json()) as { results: Array<{ eventId: string; status: string }> } };
  } catch {
    return undefined;
  }
}

/**
 * Posts batches from several clients and kills the process with SIGKILL once `killAfterBatches`
 * batches have been acknowledged (never after a wall-clock time), while the other clients' batches are
 * in flight; returns the ids it acknowledged.
 */
async function ingestUntilKilled(app: ChildApp, batches: RawEvent[][], killAfterBatches: number): Promise<Set<string>> {
  const acknowledged = new Set<string>();
  let next = 0;
  let ackedBatches = 0;
  let killing: Promise<void> | undefined;
  const client = async (): Promise<void> => {
    while (next < batches.length && !killing) {
      const res = await postBatch(app, batches[next++]);
      if (!res) return;
      res.body.results.filter((r) => r.status === 'stored' || r.status === 'duplicate').forEach((r) => acknowledged.add(r.eventId));
      ackedBatches += 1;
      if (ackedBatches >= killAfterBatches && !killing) killing = killHard(app);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  await (killing ?? killHard(app));
  return acknowledged;
}

/** A small seeded generator, so that a failing run can be replayed with CRASH_SEED. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 4294967296;
  };
}

describe('crash safety: kill -9 during ingest, then restart', () => {
  let dataDir: string;
  let app: ChildApp | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rung-crash-'));
  });
  afterAll(async () => {
    if (app && app.process.exitCode === null && app.process.signalCode === null) await killHard(app);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event exactly once, and every timeline equals its stream', async () => {
    const subjects = Array.from({ length: 2000 }, (_, i) => `C${i}`);
    const all = subjects.flatMap((s) => careerOf(s, 'crash-trust', 5));
    const batches: RawEvent[][] = [];
    for (let i = 0; i < all.length; i += BATCH) batches.push(all.slice(i, i + BATCH));
    const acknowledged = new Set<string>();
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = seeded(seed);
    process.stdout.write(`crash-safety seed ${seed} (CRASH_SEED=${seed} replays it)\n`);

    for (let kill = 0; kill < 2; kill++) {
      app = await startChildApp(dataDir);
      const acked = await ingestUntilKilled(app, batches, 3 + Math.floor(random() * 10));
      acked.forEach((id) => acknowledged.add(id));
    }
    expect(acknowledged.size).toBeGreaterThan(0);

    app = await startChildApp(dataDir);
    const outcome = new Map<string, string>();
    for (const batch of batches) {
      const res = await postBatch(app, batch);
      expect(res?.status).toBe(200);
      res?.body.results.forEach((r) => outcome.set(r.eventId, r.status));
    }
    for (const id of acknowledged) expect(outcome.get(id)).toBe('duplicate');

    for (const subject of subjects.filter((_, i) => i % 50 === 0)) {
      const res = await fetch(`${app.url}/v1/subjects/crash-trust/${subject}/timeline`, { headers: bearer(app.keys.ingest) });
      const timeline = (await res.json()) as { version: number; training: unknown[]; spells: unknown[] };
      expect(timeline.version).toBe(5);
      expect(timeline.training).toHaveLength(3);
      expect(timeline.spells).toHaveLength(1);
    }
    // Three starts of the built app and 10,000 events: generous for a busy CI machine.
  }, 120_000);
});
