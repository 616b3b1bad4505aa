'use strict';
// The trend endpoint under dashboard polling: keep-alive connections sending If-None-Match with the
// current ETag, loopback, measured with autocannon. Bar (SPEC §10): ≥ 5,000 requests/s, p99 ≤ 20 ms,
// 304 on an unchanged ETag.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { startRung, stopRung, report } = require('./lib/child');
const { batchBodies } = require('./lib/events');

const EVENTS = Number(process.env.BENCH_TREND_EVENTS ?? 200_000);
const SECONDS = Number(process.env.BENCH_TREND_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_TREND_CONNECTIONS ?? 10);
const TREND = '/v1/trends/leaving-rate?orgId=bench-trust&from=2016-01-01&to=2019-12-31&interval=quarter&grouping=wres';

async function load(url, key) {
  const { bodies } = batchBodies(EVENTS, 1000);
  for (const body of bodies) {
    const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
    if (res.status !== 200) throw new Error(`load answered ${res.status}`);
    await res.arrayBuffer();
  }
}

async function currentEtag(url, key) {
  const res = await fetch(`${url}${TREND}`, { headers: { authorization: `Bearer ${key}` } });
  if (res.status !== 200) throw new Error(`trend answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  const etag = res.headers.get('etag');
  if (!etag) throw new Error('the trend endpoint sent no ETag');
  const again = await fetch(`${url}${TREND}`, { headers: { authorization: `Bearer ${key}`, 'if-none-match': etag } });
  if (again.status !== 304) throw new Error(`an unchanged ETag answered ${again.status}, not 304`);
  return etag;
}

function poll(url, key, etag, path = TREND) {
  return autocannon({
    url: `${url}${path}`, connections: CONNECTIONS, duration: SECONDS, pipelining: 1,
    headers: { authorization: `Bearer ${key}`, 'if-none-match': etag },
  });
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'rung-trend-'));
  const rung = await startRung({ DATA_DIR: path.join(dir, 'data'), PSEUDONYM_SECRET: 'c'.repeat(64), LOG_LEVEL: 'warn' });
  try {
    await load(rung.url, rung.keys.ingest);
    const etag = await currentEtag(rung.url, rung.keys.dashboard);
    await poll(rung.url, rung.keys.dashboard, etag);
    const result = await poll(rung.url, rung.keys.dashboard, etag);
    const notModified = result['3xx'];
    const rps = result.requests.average;
    const p99 = result.latency.p99;
    const extra = { connections: CONNECTIONS, seconds: SECONDS, events: EVENTS, notModified, other: result.requests.total - notModified, errors: result.errors };
    return [
      report('trend-polling-throughput', rps, 'requests/s', 5000, rps >= 5000 && notModified === result.requests.total, extra),
      report('trend-polling-p99', p99, 'ms', 20, p99 <= 20, { connections: CONNECTIONS }),
    ];
  } finally {
    await stopRung(rung);
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { main, load, currentEtag, poll, TREND };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
