'use strict';
// Trend polling while cold study reports are computed (SPEC §10): dashboards poll a cached trend
// (If-None-Match, 304) over keep-alive connections with autocannon, first with nothing else running,
// then while 100,000-subject study reports (2 arms × 3 outcomes × 36 months) are computed cold one
// after another (each as of a new date, so none is cached), for the whole polling window. A
// sequential /health/live probe runs beside it, in a process of its own so that the load generator
// does not delay it. Bar: polling p99 ≤ 50 ms while a report computes.
const { execFile } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { startRung, stopRung, report } = require('./lib/child');
const { ORG, bodiesOf, load, defineStudy } = require('./lib/study-load');

const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_POLL_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_TREND_CONNECTIONS ?? 10);
const TREND = `/v1/trends/leaving-rate?orgId=${ORG}&from=2016-01-01&to=2024-12-31&interval=quarter&grouping=wres`;


async function trendEtag(rung) {
  const res = await fetch(`${rung.url}${TREND}`, { headers: rung.auth('dashboard') });
  if (res.status !== 200) throw new Error(`trend answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  const again = await fetch(`${rung.url}${TREND}`, { headers: { ...rung.auth('dashboard'), 'if-none-match': res.headers.get('etag') } });
  if (again.status !== 304) throw new Error(`an unchanged ETag answered ${again.status}, not 304`);
  return res.headers.get('etag');
}

const poll = (rung, etag) => autocannon({
  url: `${rung.url}${TREND}`, connections: CONNECTIONS, duration: SECONDS, pipelining: 1, headers: { ...rung.auth('dashboard'), 'if-none-match': etag },
});

/** Cold reports one after another until `until()`, each as of a date not asked for before. */
async function coldReports(rung, studyId, until) {
  const ms = [];
  for (let day = 0; !until(); day++) {
    const asOf = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const started = process.hrtime.bigint();
    const res = await fetch(`${rung.url}/v1/studies/${studyId}/report?asOf=${asOf}`, { headers: rung.auth('research') });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`report answered ${res.status}`);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return ms;
}

const HEALTH_PROBE = `
const [url, seconds] = process.argv.slice(1);
const ms = [];
const end = Date.now() + Number(seconds) * 1000;
(async () => {
  while (Date.now() < end) {
    const started = process.hrtime.bigint();
    await (await fetch(url + '/health/live')).arrayBuffer();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
    await new Promise((r) => setTimeout(r, 5));
  }
  process.stdout.write(JSON.stringify(ms));
})();`;

/** /health/live every 5 ms for `seconds`, each timed, from a child process. */
function probeHealth(url, seconds) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', HEALTH_PROBE, url, String(seconds)], (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))));
  });
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const percentile = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const round = (x) => Math.round(x * 10) / 10;

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'rung-bench-polling-'));
  const bodies = bodiesOf(SUBJECTS);
  const rung = await startRung({ DATA_DIR: path.join(dir, 'data'), PSEUDONYM_SECRET: 'd'.repeat(64), LOG_LEVEL: 'warn', ANALYTICS_MATERIALISE_SECONDS: '0' });
  try {
    await load(rung, bodies);
    const study = await defineStudy(rung, ['promotion', 'exit', 'level-3']);
    const etag = await trendEtag(rung);
    await poll(rung, etag);
    const idle = await poll(rung, etag);

    let done = false;
    const polling = poll(rung, etag).then((r) => ((done = true), r));
    const [busy, reportMs, healthMs] = await Promise.all([polling, coldReports(rung, study.id, () => done), probeHealth(rung.url, Math.max(1, SECONDS - 1))]);
    const extra = { subjects: SUBJECTS, connections: CONNECTIONS, seconds: SECONDS };
    const notModified = busy['3xx'] === busy.requests.total && idle['3xx'] === idle.requests.total;
    const healthP99 = percentile(healthMs, 99);
    return [
      report('trend-p99-no-report', idle.latency.p99, 'ms', null, null, { ...extra, requestsPerSecond: idle.requests.average }),
      report('trend-p99-during-cold-report', busy.latency.p99, 'ms', 50, busy.latency.p99 <= 50 && notModified, {
        ...extra, requestsPerSecond: busy.requests.average, max: busy.latency.max, all304: notModified, errors: busy.errors,
        coldReports: reportMs.length, coldReportMedianMs: round(percentile(reportMs, 50)),
      }),
      report('health-live-p99-during-cold-report', healthP99, 'ms', 50, healthP99 <= 50, { probes: healthMs.length, maxMs: round(Math.max(...healthMs)) }),
    ];
  } finally {
    await stopRung(rung).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
