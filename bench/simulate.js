'use strict';
// Simulator throughput on the demo's dataset (3 organisations, ~20,000 subjects, 5 years), from the built
// dist/: generation alone, then generation and NDJSON serialisation in memory. Not a bar of SPEC §10: the
// target, three times the 20,000 events/s ingest bar, says the simulator never limits an ingest run.
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { report, ROOT } = require('./lib/child');

const SUBJECTS = Number(process.env.BENCH_SIM_SUBJECTS ?? 20_000);
const TARGET = 60_000;

function simulator() {
  const { compilerOptions } = require(path.join(ROOT, 'tsconfig.json'));
  register({ baseUrl: path.join(ROOT, 'dist'), paths: compilerOptions.paths });
  return require(path.join(ROOT, 'dist', 'libs', 'simulator', 'src'));
}

function run(Simulation, serialise) {
  const started = process.hrtime.bigint();
  const sim = new Simulation({ seed: 1, orgs: 3, subjects: SUBJECTS, years: 5 });
  let bytes = 0;
  for (const batch of sim.batches()) if (serialise) bytes += batch.map((e) => `${JSON.stringify(e)}\n`).join('').length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { events, subjects } = sim.summary();
  return { rate: events / seconds, extra: { events, subjects, megabytes: Math.round(bytes / 1e5) / 10, seconds: Math.round(seconds * 100) / 100 } };
}

async function main() {
  const { Simulation } = simulator();
  return [['simulate', false], ['simulate-ndjson', true]].map(([bench, serialise]) => {
    const { rate, extra } = run(Simulation, serialise);
    return report(bench, rate, 'events/s', TARGET, rate >= TARGET, extra);
  });
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
