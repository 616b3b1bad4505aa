'use strict';
// npm run bench: every bar of SPEC §10 that has a benchmark so far, then a summary table.
// npm run bench -- --smoke: the same at a tiny size, failing unless every benchmark printed well-formed
// lines; CI runs it so that a benchmark that stops working is noticed. Its figures mean nothing.
const SMOKE_SIZES = {
  BENCH_EVENTS: '5000', BENCH_STORE_EVENTS: '2000', BENCH_SUBJECTS: '2000', BENCH_COLD_RUNS: '1', BENCH_WARM_RUNS: '5',
  BENCH_KAFKA_EVENTS: '5000', BENCH_TREND_EVENTS: '5000', BENCH_TREND_SECONDS: '1', BENCH_POLL_SECONDS: '1', BENCH_UTILITY_SIZES: '300',
  BENCH_SIDE_EVENTS: '5000', BENCH_SIDE_ROUNDS: '1', BENCH_MEMORY_EVENTS: '5000',
};
const BENCHES = ['trend-side-by-side', 'ingest-side-by-side', 'ingest', 'ingest-memory', 'store', 'report', 'kafka', 'trend', 'polling-under-report', 'disclosure-utility'];

/** The problems of one benchmark's lines: none, or why they are not what every benchmark owes. */
function problemsOf(name, lines) {
  if (!Array.isArray(lines) || lines.length === 0) return [`${name} printed no result`];
  return lines.flatMap((r) => {
    const problems = [];
    if (typeof r.bench !== 'string' || !r.bench) problems.push(`${name}: a line without a bench name`);
    if (typeof r.value !== 'number' || !Number.isFinite(r.value)) problems.push(`${name}: ${r.bench} has no finite value (${r.value})`);
    if (typeof r.unit !== 'string') problems.push(`${name}: ${r.bench} has no unit`);
    return problems;
  });
}

async function main() {
  const smoke = process.argv.includes('--smoke');
  if (smoke) for (const [k, v] of Object.entries(SMOKE_SIZES)) process.env[k] ??= v;
  const all = [];
  const problems = [];
  for (const name of BENCHES) {
    const lines = await require(`./${name}`).main();
    problems.push(...problemsOf(name, lines));
    all.push(...(lines ?? []));
  }
  console.log('\n| bench | value | unit | target | meets |\n| --- | --- | --- | --- | --- |');
  for (const r of all) console.log(`| ${r.bench} | ${r.value} | ${r.unit} | ${r.target ?? '—'} | ${r.target === null ? 'no bar' : r.meets ? 'yes' : 'no'} |`);
  if (problems.length) {
    console.error(`\n${problems.join('\n')}`);
    process.exit(1);
  }
  if (smoke) console.log(`\nsmoke: ${BENCHES.length} benchmarks, ${all.length} well-formed lines`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
