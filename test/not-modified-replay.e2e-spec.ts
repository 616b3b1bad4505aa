import type { App } from 'supertest/types';
import { RungMetrics } from '@rung/platform';
import { authed, careerOf, createKey, rawEvent, startTestApp, type TestApp } from './support';

const TREND = '/v1/trends/leaving-rate?orgId=rx1-trust&from=2024-01-01&to=2024-12-31&interval=quarter&grouping=wres';
/** Headers each answer sets for itself. */
const PER_ANSWER = ['date', 'x-correlation-id', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
const LIMIT = 8;

interface Entry { action: string; status: number; keyId: string; route: string; orgIds: string[]; query: Record<string, string>; disclosure: string | null; at: string; correlationId?: string }

describe('a repeated conditional GET of a trend is answered ahead of the framework, exactly as the framework answers it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_DASHBOARD: String(LIMIT) });
    const events = ['R1', 'R2', 'R3', 'R4'].flatMap((ref) => careerOf(ref));
    await t.as('ingest').post('/v1/events').send({ events }).expect(200);
  });
  afterAll(() => t.close());

  const replays = async (): Promise<number> => (await t.app.get(RungMetrics).notModifiedReplays.get()).values[0]?.value ?? 0;
  const dashboardKey = async (orgIds = ['rx1-trust']): Promise<{ id: string; agent: ReturnType<typeof authed> }> => {
    const key = await createKey(t.url, { role: 'dashboard', orgIds });
    return { id: key.id, agent: authed(t.app.getHttpServer() as App, key.secret) };
  };
  const trendEntries = async (keyId: string): Promise<Entry[]> =>
    (await t.as('admin').get(`/v1/admin/audit?action=indicators.trend&keyId=${keyId}&limit=100`).expect(200)).body.entries as Entry[];

  it('sends the same headers, and makes the same audit entry durable, as the 304 the framework sent', async () => {
    const { id, agent } = await dashboardKey();
    const etag = (await agent.get(TREND).expect(200)).headers.etag as string;
    const before = await replays();
    const framework = await agent.get(TREND).set('If-None-Match', etag).expect(304);
    expect(await replays()).toBe(before);
    const replayed = await agent.get(TREND).set('If-None-Match', etag).set('X-Correlation-Id', 'poll-3').expect(304);
    expect(await replays()).toBe(before + 1);

    expect(Object.keys(replayed.headers).sort()).toEqual(Object.keys(framework.headers).sort());
    const fixed = (h: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(h).filter(([k]) => !PER_ANSWER.includes(k)));
    expect(fixed(replayed.headers)).toEqual(fixed(framework.headers));
    expect(replayed.headers['x-correlation-id']).toBe('poll-3');
    expect(Number(replayed.headers['x-ratelimit-remaining'])).toBe(Number(framework.headers['x-ratelimit-remaining']) - 1);

    const [, slow, fast] = await trendEntries(id);
    expect(fast).toMatchObject({ status: 304, correlationId: 'poll-3' });
    const same = ({ at: _at, correlationId: _c, ...rest }: Entry & { seq?: number; hash?: string; prevHash?: string }): object => {
      const { seq: _s, hash: _h, prevHash: _p, ...entry } = rest;
      return entry;
    };
    expect(same(fast)).toEqual(same(slow));
    expect(fast.at >= slow.at).toBe(true);
  });

  it('stops once the view changes, and for another key, another Accept, a revoked key or a key over its rate limit', async () => {
    const { id, agent } = await dashboardKey();
    const etag = (await agent.get(TREND).expect(200)).headers.etag as string;
    await agent.get(TREND).set('If-None-Match', etag).expect(304);
    const before = await replays();

    await agent.get(TREND).set('If-None-Match', etag).set('Accept', 'text/csv').expect(200);
    const other = await dashboardKey(['other-trust']);
    await other.agent.get(TREND).set('If-None-Match', etag).expect(403);
    await t.as('ingest').post('/v1/events').send(rawEvent('EmployeeLeft', { subjectRef: 'R1', occurredAt: '2024-10-01' }, { reason: 'voluntary' })).expect(200);
    const after = await agent.get(TREND).set('If-None-Match', etag);
    expect(after.status).toBe(200);
    expect(await replays()).toBe(before);

    const current = after.headers.etag as string;
    await agent.get(TREND).set('If-None-Match', current).expect(304);
    await agent.get(TREND).set('If-None-Match', current).expect(304);
    expect(await replays()).toBe(before + 1);
    await t.as('admin').delete(`/v1/admin/keys/${id}`).expect(200);
    await agent.get(TREND).set('If-None-Match', current).expect(401);
    expect(await replays()).toBe(before + 1);
  });

  it('counts replays against the key\'s rate limit, and leaves the refusal to the framework', async () => {
    const { id, agent } = await dashboardKey();
    const etag = (await agent.get(TREND).expect(200)).headers.etag as string;
    const before = await replays();
    const statuses: number[] = [];
    for (let i = 1; i < LIMIT + 1; i += 1) statuses.push((await agent.get(TREND).set('If-None-Match', etag)).status);
    expect(statuses).toEqual([...Array(LIMIT - 1).fill(304), 429]);
    expect(await replays()).toBe(before + LIMIT - 2);
    expect((await trendEntries(id)).map((e) => e.status)).toEqual([200, ...Array(LIMIT - 1).fill(304), 429]);
  });
});
