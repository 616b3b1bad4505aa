'use strict';
// HTTP ingest, Rung against the floor in the same run: the same batches of 1,000 events from 4 clients
// to Rung (validation, keys, audit, pseudonyms, encryption, a durable append) and to a bare Fastify 5
// server that parses each batch, appends it to a file and fdatasyncs once per request
// (bench/peers/fastify-append.js), in turn ROUNDS times, fresh events each time.
// Bar (issue 14): ratio ≥ 0.25 against the floor.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { startRung, stopRung, report } = require('./lib/child');
const { startPeer, stopPeer } = require('./lib/peer');
const { median } = require('./lib/median');
const { batchBodies } = require('./lib/events');
const { send } = require('./ingest');

const EVENTS = Number(process.env.BENCH_SIDE_EVENTS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_SIDE_ROUNDS ?? 3);

const round = (x) => Math.round(x);

async function timed(url, key, bodies) {
  const started = process.hrtime.bigint();
  const stored = await send(url, key, bodies);
  if (stored !== EVENTS) throw new Error(`${url} took ${stored} of ${EVENTS} events`);
  return stored / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'rung-side-ingest-'));
  const rung = await startRung({ DATA_DIR: path.join(dir, 'data'), PSEUDONYM_SECRET: 'b'.repeat(64), LOG_LEVEL: 'warn' });
  const peer = await startPeer('fastify-append', [path.join(dir, 'floor.ndjson')]);
  try {
    const rungs = [];
    const floors = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      const { bodies } = batchBodies(EVENTS, 1000, `side-${i}`);
      rungs.push(round(await timed(rung.url, rung.keys.ingest, bodies)));
      floors.push(round(await timed(peer.url, 'none', bodies)));
    }
    const ratios = rungs.map((r, i) => Math.round((r / floors[i]) * 1000) / 1000);
    const ratio = median(ratios);
    return [report('ingest-side-by-side', ratio, 'ratio (Rung events/s ÷ parse + append + fdatasync floor)', 0.25, ratio >= 0.25, {
      events: EVENTS, rungEventsPerSecond: rungs, floorEventsPerSecond: floors, ratios,
    })];
  } finally {
    await stopPeer(peer);
    await stopRung(rung);
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
