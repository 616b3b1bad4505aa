'use strict';
// Where ingest's memory goes: the same HTTP ingest into a fresh Rung with its ingest workers (the default,
// INGEST_WORKERS=2) and without them (INGEST_WORKERS=0, validation on the main thread), in turn ROUNDS
// times; each run's RSS after the last batch, and its ingest rate. No bar of its own: it explains the RSS
// bar of `ingest` (issue 14), where the workers' runs hold about twice the memory.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { startRung, stopRung, rssMiB, report } = require('./lib/child');
const { interleaved } = require('./lib/peer');
const { median } = require('./lib/median');
const { batchBodies } = require('./lib/events');
const { send } = require('./ingest');

const EVENTS = Number(process.env.BENCH_MEMORY_EVENTS ?? 400_000);
const ROUNDS = Number(process.env.BENCH_SIDE_ROUNDS ?? 3);

/** One fresh instance: ingest every batch, then its RSS (MiB) and rate (events/s). */
async function run(workers, bodies) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rung-memory-'));
  const rung = await startRung({ DATA_DIR: path.join(dir, 'data'), PSEUDONYM_SECRET: 'd'.repeat(64), LOG_LEVEL: 'warn', INGEST_WORKERS: String(workers) });
  try {
    const started = process.hrtime.bigint();
    const stored = await send(rung.url, rung.keys.ingest, bodies);
    if (stored !== EVENTS) throw new Error(`stored ${stored} of ${EVENTS} events`);
    const rate = stored / (Number(process.hrtime.bigint() - started) / 1e9);
    return { rss: Math.round(rssMiB(rung.child.pid)), rate: Math.round(rate) };
  } finally {
    await stopRung(rung);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { bodies } = batchBodies(EVENTS, 1000, 'memory');
  const { rung: withWorkers, peer: without } = await interleaved(ROUNDS, () => run(2, bodies), () => run(0, bodies));
  const line = (name, runs) => report(name, median(runs.map((r) => r.rss)), 'MiB', null, false, {
    events: EVENTS, rssMiB: runs.map((r) => r.rss), eventsPerSecond: runs.map((r) => r.rate),
  });
  return [line('ingest-memory-with-workers', withWorkers), line('ingest-memory-without-workers', without)];
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
