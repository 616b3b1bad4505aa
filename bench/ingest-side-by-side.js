'use strict';
// HTTP ingest, Rung against the floor in the same run: the same batches of 1,000 events from 4 clients
// to Rung (validation, keys, audit, pseudonyms, encryption, a durable append) and to a bare Fastify 5
// server that parses each batch, appends it to a file and fdatasyncs once per request
// (bench/peers/fastify-append.js), in turn ROUNDS times, fresh events each time.
// Bar (issue 14): ratio ≥ 0.25 against the floor.
const path = require('node:path');
const { report } = require('./lib/child');
const { interleaved, ratiosOf, sideBySide } = require('./lib/peer');
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
  return sideBySide('ingest', 'fastify-append', (dir) => [path.join(dir, 'floor.ndjson')], async (rung, peer) => {
    // Fresh events each round, the same ones to Rung and to the floor.
    const batches = new Map();
    const bodiesOf = (i) => {
      if (!batches.has(i)) batches.set(i, batchBodies(EVENTS, 1000, `side-${i}`).bodies);
      return batches.get(i);
    };
    const { rung: rungs, peer: floors } = await interleaved(ROUNDS,
      async (i) => round(await timed(rung.url, rung.keys.ingest, bodiesOf(i))),
      async (i) => round(await timed(peer.url, 'none', bodiesOf(i))));
    const ratios = ratiosOf(rungs, floors);
    const ratio = median(ratios);
    return [report('ingest-side-by-side', ratio, 'ratio (Rung events/s ÷ parse + append + fdatasync floor)', 0.25, ratio >= 0.25, {
      events: EVENTS, rungEventsPerSecond: rungs, floorEventsPerSecond: floors, ratios,
    })];
  });
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
