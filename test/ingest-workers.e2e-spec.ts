import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, careerOf, killHard, startChildApp, startTestApp, type ChildApp, type RawEvent, type TestApp } from '@rung/testing';

/** The built app prepares events on worker threads (INGEST_WORKERS); it must answer exactly as inline preparation does. */
describe('ingest with worker threads, against inline preparation', () => {
  let child: ChildApp;
  let inline: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-workers-'));
    child = await startChildApp(dir, { INGEST_WORKERS: '2' });
    inline = await startTestApp({ INGEST_WORKERS: '0' });
  });
  afterAll(async () => {
    await killHard(child);
    await inline.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function postBoth(events: RawEvent[]): Promise<[{ status: number; body: unknown }, { status: number; body: unknown }]> {
    const res = await fetch(`${child.url}/v1/events`, { method: 'POST', headers: { ...bearer(child.keys.ingest), 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
    const viaWorkers = { status: res.status, body: await res.json() };
    const viaInline = await inline.as('ingest').post('/v1/events').send({ events });
    return [viaWorkers, { status: viaInline.status, body: viaInline.body }];
  }

  it('runs the built app with the worker pool', () => {
    const line = child.output.join('').split('\n').find((l) => l.includes('"event preparation"'));
    expect(line && JSON.parse(line)).toMatchObject({ workers: 2 });
  });

  it('stores, rejects with reasons, and reports duplicates exactly as inline preparation does', async () => {
    const batch = Array.from({ length: 100 }, (_, i) => careerOf(`W${i}`, 'rx1-trust', 5)).flat();
    [7, 123, 456].forEach((i) => (batch[i] = { ...batch[i], occurredAt: 'tomorrow' }));
    batch[300] = { ...batch[300], data: { ...batch[300].data, email: 'jo@trust.nhs.uk' } };

    const [workers, inlined] = await postBoth(batch);
    expect(workers).toEqual(inlined);
    expect(workers.status).toBe(422);
    expect(workers.body).toMatchObject({ accepted: 496, rejected: 4 });

    const [again, againInline] = await postBoth(batch);
    expect(again).toEqual(againInline);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 496, rejected: 4 });
  });

  it('serves the same timeline, pseudonymised with the same key', async () => {
    const viaWorkers = await (await fetch(`${child.url}/v1/subjects/rx1-trust/W42/timeline`, { headers: bearer(child.keys.ingest) })).json();
    const viaInline = await inline.as('ingest').get('/v1/subjects/rx1-trust/W42/timeline').expect(200);
    expect(viaWorkers).toEqual(viaInline.body);
    expect((viaWorkers as { version: number }).version).toBe(5);
  });
});
