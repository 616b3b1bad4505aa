import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pseudonymiseSubject } from '@rung/domain';
import { bearer, careerOf, killHard, startChildApp, TEST_SECRET, type ChildApp } from '@rung/testing';

const ORG = 'crash-trust';
const send = (app: ChildApp, role: 'ingest' | 'admin', method: string, path: string, body?: object) =>
  fetch(`${app.url}${path}`, { method, headers: { ...bearer(app.keys[role]), 'content-type': 'application/json' }, body: body && JSON.stringify(body) });

/** Polls a condition (not a clock) a bounded number of times. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the condition never held');
}

describe('erasure: a kill -9 as soon as it is accepted, then a restart', () => {
  let dataDir: string;
  let app: ChildApp | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rung-erasure-crash-'));
  });
  afterAll(async () => {
    if (app && app.process.exitCode === null && app.process.signalCode === null) await killHard(app);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the erasure at the next start: the subject reads as unknown and their key is gone', async () => {
    app = await startChildApp(dataDir);
    const subjects = Array.from({ length: 50 }, (_, i) => `K${i}`);
    expect((await send(app, 'ingest', 'POST', '/v1/events', { events: subjects.flatMap((s) => careerOf(s, ORG, 3)) })).status).toBe(200);
    const accepted = await send(app, 'admin', 'POST', '/v1/admin/erasures', { orgId: ORG, subjectRef: 'K7' });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    await killHard(app);

    app = await startChildApp(dataDir);
    const finished = app;
    await eventually(async () => ((await (await send(finished, 'admin', 'GET', `/v1/admin/erasures/${id}`)).json()) as { status: string }).status === 'finished');
    expect((await send(app, 'ingest', 'GET', `/v1/subjects/${ORG}/K7/timeline`)).status).toBe(404);
    expect((await send(app, 'ingest', 'GET', `/v1/subjects/${ORG}/K8/timeline`)).status).toBe(200);
    const streamId = pseudonymiseSubject(Buffer.from(TEST_SECRET, 'hex'), ORG, 'K7');
    expect(readFileSync(join(dataDir, 'keys', 'subject-keys.jsonl'), 'utf8')).not.toContain(streamId);
  }, 90_000);
});
