import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import request from 'supertest';
import type { App } from 'supertest/types';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, careerOf, killHard, startBuiltApp, startTestApp, type TestApp } from '@rung/testing';

type Family = { name: string; type: string; metrics: Array<{ labels?: Record<string, string>; value?: string; count?: string }> };

async function scrape(t: TestApp): Promise<{ families: Family[]; text: string }> {
  const res = await t.as('metrics').get('/metrics').expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return { families: parsePrometheusTextFormat(res.text) as Family[], text: res.text };
}

/** The parser keeps no labels on histogram series, so a histogram's count is read from its `_count` line. */
function requestsCounted(text: string, route: string): number {
  const line = text.split('\n').find((l) => l.startsWith('rung_http_request_duration_seconds_count{') && l.includes(`route="${route}"`) && l.includes('status="200"'));
  return Number(line?.split(' ').pop() ?? 0);
}

function value(families: Family[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  const metric = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(metric?.value ?? metric?.count ?? 0);
}

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers only a metrics key: 401 without one, 403 for other roles', async () => {
    await request(t.app.getHttpServer() as App).get('/metrics').expect(401);
    await t.as('metrics').get('/metrics').expect(200);
    await t.as('dashboard').get('/metrics').expect(403);
    await t.as('admin').get('/metrics').expect(403);
  });

  it('parses as Prometheus text, and its counters move when events arrive and requests are audited', async () => {
    const { families: before, text: textBefore } = await scrape(t);
    const events = careerOf('M1', 'rx1-trust', 4);
    await t.as('ingest').post('/v1/events').send({ events }).expect(200);
    await t.as('ingest').post('/v1/events').send({ events }).expect(200);
    await t.as('dashboard').get('/v1/indicators?orgId=rx1-trust&from=2019-01-01&to=2023-12-31&grouping=wres').expect(200);
    await t.as('dashboard').get('/v1/indicators?orgId=rx1-trust&from=2019-01-01&to=2023-12-31&grouping=wres').expect(200);
    const { families: after, text } = await scrape(t);

    const moved = (name: string, labels?: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(moved('rung_events_total', { transport: 'http', result: 'stored' })).toBe(4);
    expect(moved('rung_events_total', { transport: 'http', result: 'duplicate' })).toBe(4);
    expect(moved('rung_audit_entries_total')).toBeGreaterThanOrEqual(4);
    expect(moved('rung_analytics_views_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(value(after, 'rung_analytics_cached_views')).toBeGreaterThanOrEqual(1);
    expect(requestsCounted(text, '/v1/events') - requestsCounted(textBefore, '/v1/events')).toBe(2);
    expect(after.find((f) => f.name === 'rung_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
  });
});

describe('/metrics on METRICS_PORT', () => {
  it('is served on a port of its own, still only to a metrics key, and nowhere else: the main port answers 404 for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-metrics-port-'));
    const app = await startBuiltApp('rung', dir, { METRICS_PORT: '0' });
    try {
      const line = app.output.join('').split('\n').find((l) => l.includes('"rung listening"')) ?? '{}';
      const { port, metricsPort } = JSON.parse(line) as { port: number; metricsPort?: number };
      expect(metricsPort).toEqual(expect.any(Number));
      expect(metricsPort).not.toBe(port);
      const metricsUrl = `http://127.0.0.1:${metricsPort}`;
      const scraped = await fetch(`${metricsUrl}/metrics`, { headers: bearer(app.keys.metrics) });
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      expect((parsePrometheusTextFormat(text) as Family[]).map((f) => f.name)).toContain('rung_http_request_duration_seconds');
      expect((await fetch(`${metricsUrl}/metrics`)).status).toBe(401);
      expect((await fetch(`${metricsUrl}/metrics`, { headers: bearer(app.keys.dashboard) })).status).toBe(403);
      expect((await fetch(`${metricsUrl}/health/live`)).status).toBe(404);
      const tooLong = await fetch(`${metricsUrl}/metrics?${'x'.repeat(20_000)}`, { headers: bearer(app.keys.metrics) });
      expect(tooLong.status).toBe(431);
      expect(tooLong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const onMain = await fetch(`${app.url}/metrics`, { headers: bearer(app.keys.metrics) });
      expect(onMain.status).toBe(404);
      expect(onMain.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      await killHard(app);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
