import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rawEvent } from '@rung/testing';
import { InlineEventPreparer } from './inline-event-preparer';
import type * as PoolModule from './worker-pool-event-preparer';

/** Workers run compiled JavaScript, which the test run's global setup builds into dist/. */
const built = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'ingest', 'src', 'preparation', 'worker-pool-event-preparer.js');
const KEY = Buffer.alloc(32, 5);

describe('WorkerPoolEventPreparer (built app)', () => {
  let pool: PoolModule.WorkerPoolEventPreparer;

  beforeAll(async () => {
    expect(existsSync(built)).toBe(true);
    const compiled = (await import(built)) as typeof PoolModule;
    pool = new compiled.WorkerPoolEventPreparer(1, KEY);
  });
  afterAll(() => pool.close());

  it('prepares on a worker exactly as inline, pseudonymised references included', async () => {
    const batch = [rawEvent('ApplicationSubmitted', { subjectRef: 'E1' }, { applicationId: 'A-1', vacancyRef: 'V-1' }), rawEvent('EmployeeLeft', { occurredAt: 'soon' })];
    expect(await pool.prepare(batch)).toEqual(await new InlineEventPreparer(KEY).prepare(batch));
  });

  it('rejects an event too deep to copy to a worker on its own, and prepares the rest of its batch', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i += 1) deep = { a: deep };
    const good = rawEvent('EmployeeLeft');
    const bad = rawEvent('EmployeeLeft', {}, { note: deep } as object);

    const [first, second] = await pool.prepare([good, bad]);

    expect(first).toMatchObject({ ok: true, event: { eventId: good.eventId } });
    expect(second).toEqual({ ok: false, eventId: bad.eventId, errors: [{ path: '', message: 'an event must not nest deeper than 64 levels' }] });
    expect((await pool.prepare([good]))[0].ok).toBe(true);
  });
});
