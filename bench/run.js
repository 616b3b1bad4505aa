'use strict';
// npm run bench: every bar of SPEC §10 that has a benchmark so far, then a summary table.
const benches = [
  require('./ingest'), require('./store'), require('./report'), require('./kafka'), require('./trend'), require('./polling-under-report'),
  require('./disclosure-utility'),
];

async function main() {
  const all = [];
  for (const bench of benches) all.push(...(await bench.main()));
  console.log('\n| bench | value | unit | target | meets |\n| --- | --- | --- | --- | --- |');
  for (const r of all) console.log(`| ${r.bench} | ${r.value} | ${r.unit} | ${r.target ?? '—'} | ${r.target === null ? 'no bar' : r.meets ? 'yes' : 'no'} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
