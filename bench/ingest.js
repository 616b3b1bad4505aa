'use strict';
// HTTP ingest of N events (default 1,000,000) in batches of 1,000 → validated → durably stored →
// timelines current; then RSS, then a full rebuild at restart. Prints one JSON line per bar.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { startRung, stopRung, rssMiB, report } = require('./lib/child');
const { batchBodies } = require('./lib/events');

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH = 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SECRET = 'b'.repeat(64);

async function send(url, key, bodies) {
  let next = 0;
  let stored = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      const json = await res.json();
      if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
      stored += json.accepted;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return stored;
}

async function checkTimelines(url, key, subjects) {
  const step = Math.max(1, Math.floor(subjects / 2000));
  let checked = 0;
  for (let s = 0; s < subjects; s += step) {
    const res = await fetch(`${url}/v1/subjects/bench-trust/S${s}/timeline`, { headers: { authorization: `Bearer ${key}` } });
    const t = await res.json();
    if (t.version !== 10 || t.promotions.length !== 1) throw new Error(`timeline S${s} is not current: version ${t.version}`);
    checked += 1;
  }
  return checked;
}

async function loggedLine(rung, msg) {
  for (let i = 0; i < 100; i += 1) {
    const line = rung.lines.map((l) => JSON.parse(l)).find((l) => l.msg === msg);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`rung never logged '${msg}'`);
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rung-bench-'));
  const env = { DATA_DIR: path.join(dataDir, 'data'), PSEUDONYM_SECRET: SECRET, LOG_LEVEL: 'info' };
  const { bodies, subjects } = batchBodies(TOTAL, BATCH);
  const results = [];
  let rung = await startRung(env);
  try {
    const started = process.hrtime.bigint();
    const stored = await send(rung.url, rung.keys.ingest, bodies);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const checked = await checkTimelines(rung.url, rung.keys.ingest, subjects);
    results.push(report('ingest-http', stored / seconds, 'events/s', 20000, stored / seconds >= 20000, { events: stored, seconds: Math.round(seconds * 10) / 10, batch: BATCH, concurrency: CONCURRENCY, timelinesChecked: checked }));
    const rss = rssMiB(rung.child.pid);
    results.push(report('rss-after-ingest', rss, 'MiB', 1536, rss <= 1536, { events: stored }));
    await stopRung(rung);
    rung = await startRung(env);
    const rebuilt = await loggedLine(rung, 'projections rebuilt');
    const rate = rebuilt.events / (rebuilt.ms / 1000);
    results.push(report('rebuild-at-start', rate, 'events/s', 100000, rate >= 100000, { events: rebuilt.events, ms: rebuilt.ms }));
    await checkTimelines(rung.url, rung.keys.ingest, subjects);
  } finally {
    await stopRung(rung).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

module.exports = { main, send };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
