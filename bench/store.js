'use strict';
// Append and rebuild throughput at the event-store port, with no HTTP in the way, for both adapters:
// the embedded journal, and MongoDB through mongoose over the wire-protocol test server. Needs
// `npm run build`. The test server is compiled into bench/out/ on the fly. Prints one JSON line per figure.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { report, ROOT } = require('./lib/child');
const { career } = require('./lib/events');

const TOTAL = Number(process.env.BENCH_STORE_EVENTS ?? 20_000);
const BATCH = 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const APPEND_TARGET = 20000;
const REBUILD_TARGET = 100000;
const NOT_MONGODB = 'measured against the in-memory MongoDB wire-protocol test server (test/servers/mongo: mingo, every query a linear scan, no disk, no concurrency). This is not a MongoDB figure: it falls as the event count grows, and it says nothing about the throughput of MongoDB';

function loadBuilt() {
  register({ baseUrl: path.join(ROOT, 'dist'), paths: require(path.join(ROOT, 'tsconfig.json')).compilerOptions.paths });
  require('reflect-metadata');
  return { store: require('@rung/event-store'), projections: require('@rung/projections') };
}

function loadTestServer() {
  const config = path.join(ROOT, 'bench', 'tsconfig.test-server.json');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', config], { cwd: ROOT, stdio: 'inherit' });
  return require(path.join(ROOT, 'bench', 'out', 'test-server', 'test', 'servers', 'mongo'));
}

/** Append requests of BATCH events each, grouped by subject as the ingest handler groups them. */
function appendBatches(total) {
  const batches = [];
  let batch = new Map();
  let size = 0;
  for (let s = 0; size + batches.length * BATCH < total; s += 1) {
    for (const { subjectRef, ...event } of career(`S${s}`, 'bench-trust')) {
      const subjectId = `bench-${subjectRef}`;
      batch.set(subjectId, [...(batch.get(subjectId) ?? []), { ...event, subjectId }]);
      size += 1;
      if (size === BATCH) {
        batches.push([...batch].map(([streamId, events]) => ({ streamId, events })));
        batch = new Map();
        size = 0;
      }
    }
  }
  if (size) batches.push([...batch].map(([streamId, events]) => ({ streamId, events })));
  return batches;
}

async function appendAll(store, batches) {
  let next = 0;
  let stored = 0;
  const worker = async () => {
    while (next < batches.length) {
      for (const result of await store.append(batches[next++])) stored += result.stored.length;
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { stored, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function measure(adapter, store, timelines, projections, note) {
  const extra = note ? { note } : {};
  const batches = appendBatches(TOTAL);
  const append = await appendAll(store, batches);
  if (append.stored !== batches.flat().reduce((n, r) => n + r.events.length, 0)) throw new Error(`${adapter}: not every event was stored`);
  const appendRate = append.stored / append.seconds;
  const log = new projections.InMemoryRebuildLog();
  const { record } = await log.request('bench', new Date().toISOString());
  const started = process.hrtime.bigint();
  const summary = await new projections.TimelineRebuild(store, timelines, new projections.InProcessReadModelVersions(), log)
    .run(record, { now: () => new Date(), keepLease: async () => 1 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rebuildRate = summary.eventsRead / seconds;
  return [
    report(`store-append-${adapter}`, appendRate, 'events/s', APPEND_TARGET, appendRate >= APPEND_TARGET, { events: append.stored, batch: BATCH, concurrency: CONCURRENCY, ...extra }),
    report(`store-rebuild-${adapter}`, rebuildRate, 'events/s', REBUILD_TARGET, rebuildRate >= REBUILD_TARGET, { events: summary.eventsRead, streams: summary.streams, ...extra }),
  ];
}

async function embedded({ store, projections }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rung-bench-store-'));
  const events = await store.EmbeddedEventStore.open({ dataDir, now: () => new Date() });
  try {
    return await measure('embedded', events, new projections.InMemorySubjectTimelineStore(), projections);
  } finally {
    await events.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function mongoOverTestServer({ store, projections }, { startMongoTestServer }) {
  const server = await startMongoTestServer();
  const connection = await store.openMongoConnection(server.uriFor('rung_bench'));
  try {
    const events = await store.MongoEventStore.open({ connection, now: () => new Date() });
    const timelines = await projections.MongoSubjectTimelineStore.open(connection);
    return await measure('mongo-test-server', events, timelines, projections, NOT_MONGODB);
  } finally {
    await connection.close();
    await server.stop();
  }
}

async function main() {
  const built = loadBuilt();
  const testServer = loadTestServer();
  return [...(await embedded(built)), ...(await mongoOverTestServer(built, testServer))];
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
