'use strict';
// Kafka ingest: N events (default 200,000) produced to the five career topics, then consumed by the
// built all-in-one → validated → durably stored → committed → timelines current. Runs over the
// Kafka-protocol test broker from test/servers/kafka (compiled into dist/, which is not committed).
// A figure against the test broker is not a Kafka figure.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { startRung, stopRung, report, ROOT } = require('./lib/child');
const { career } = require('./lib/events');

const TOTAL = Number(process.env.BENCH_KAFKA_EVENTS ?? 200_000);
const BATCH = Number(process.env.BENCH_KAFKA_BATCH ?? 500);
const PARTITIONS = 3; // per topic
const GROUP = 'rung-bench';
const ORG = 'bench-trust';
const SECRET = 'b'.repeat(64);
const BROKER_OUT = path.join(ROOT, 'dist', 'bench', 'kafka-test-broker');
// The topic map, from the built contracts (npm run bench builds first).
const { CAREER_TOPICS, topicForType } = require(path.join(ROOT, 'dist', 'libs', 'contracts', 'src', 'topics.js'));

/** Compiles the TypeScript test broker on its own (no tsconfig: only its folder, into dist/). */
function buildTestBroker() {
  const dir = path.join(ROOT, 'test', 'servers', 'kafka');
  execFileSync(process.execPath, [
    require.resolve('typescript/bin/tsc'), '--outDir', BROKER_OUT, '--rootDir', dir, '--module', 'commonjs', '--target', 'ES2022',
    '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--strict', '--types', 'node',
    path.join(dir, 'index.ts'), path.join(dir, 'kafkajs-internals.d.ts'),
  ], { cwd: ROOT, stdio: 'inherit' });
  return require(BROKER_OUT);
}

async function produce(brokers) {
  const kafka = new Kafka({ clientId: 'rung-bench', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const subjects = Math.ceil(TOTAL / 10);
  for (let s = 0; s < subjects; s += 1000) {
    const byTopic = new Map();
    for (let n = s; n < Math.min(subjects, s + 1000); n += 1) {
      for (const event of career(`S${n}`, ORG)) {
        const topic = topicForType(event.type);
        if (!byTopic.has(topic)) byTopic.set(topic, []);
        byTopic.get(topic).push({ key: `${ORG}:${event.subjectRef}`, value: JSON.stringify(event) });
      }
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
  await producer.disconnect();
  return subjects;
}

/** Resolves with the time the group has committed every partition up to its end. */
async function allCommitted(broker, ends) {
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    const done = ends.every(({ topic, partition, end }) => broker.committedOffset(GROUP, topic, partition) === end);
    if (done) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the consumer did not commit every partition within 15 minutes');
}

/** The end offset of every partition the bench wrote to. */
async function logEnds(brokers) {
  const admin = new Kafka({ clientId: 'rung-bench', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const ends = [];
  for (const topic of CAREER_TOPICS) {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) if (high !== '0') ends.push({ topic, partition, end: high });
  }
  await admin.disconnect();
  return ends;
}

async function checkTimelines(url, key, subjects) {
  const step = Math.max(1, Math.floor(subjects / 500));
  for (let s = 0; s < subjects; s += step) {
    const t = await (await fetch(`${url}/v1/subjects/${ORG}/S${s}/timeline`, { headers: { authorization: `Bearer ${key}` } })).json();
    if (t.version !== 10 || t.promotions.length !== 1) throw new Error(`timeline S${s} is not current: version ${t.version}`);
  }
}

async function main() {
  const { startKafkaTestBroker } = buildTestBroker();
  const broker = await startKafkaTestBroker({ numPartitions: PARTITIONS });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rung-bench-kafka-'));
  let rung;
  try {
    const subjects = await produce(broker.brokers);
    const ends = await logEnds(broker.brokers);
    rung = await startRung({
      DATA_DIR: path.join(dataDir, 'data'), PSEUDONYM_SECRET: SECRET, KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_GROUP_ID: GROUP, KAFKA_BATCH_SIZE: String(BATCH),
    });
    const finished = await allCommitted(broker, ends);
    const joined = rung.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'kafka consumer joined');
    const seconds = (finished - Date.parse(joined.time)) / 1000;
    await checkTimelines(rung.url, rung.keys.ingest, subjects);
    const events = subjects * 10;
    return [report('ingest-kafka', events / seconds, 'events/s', null, null, {
      events, seconds: Math.round(seconds * 10) / 10, batch: BATCH, partitions: PARTITIONS * 5,
      note: 'over the in-process Kafka-protocol test broker, not Kafka: not a Kafka figure',
    })];
  } finally {
    if (rung) await stopRung(rung);
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
