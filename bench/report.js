'use strict';
// Study report over 100,000 subjects (SPEC §10): 2 arms × 3 outcomes × 36 months, cold and
// materialised, over HTTP against the built all-in-one. When R is installed, survfit is timed on
// the same follow-up data in the same run, and a few estimates are checked against it.
const { execFileSync, spawnSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const http = require('node:http');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { startRung, stopRung, report, rssMiB } = require('./lib/child');

const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 100_000);
const BATCH = 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 50);
const SECRET = 'c'.repeat(64);
const ORG = 'bench-trust';
const AS_OF = '2025-06-30';
const HORIZON_MONTHS = 36;
const HORIZON_DAYS = HORIZON_MONTHS * 30.4375;

const AFC = ['2', '3', '4', '5', '6', '7', '8a'];
const LEVEL = { 2: 1, 3: 1, 4: 1, 5: 2, 6: 3, 7: 4, '8a': 5 };
const ETHNICITIES = ['white-british', 'white-other', 'asian-indian', 'black-african', 'mixed-other', 'other-any', 'asian-pakistani', 'black-caribbean'];
const DAY = 86_400_000;

/** mulberry32: a small seeded generator, so every run loads the same careers. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * One subject: hired 2015–2020 at AfC bands 3–6; 40% enrolled on mentoring in 2021, 40% on
 * coaching, 20% on nothing; up to two promotions and a possible leaving after that, with the
 * mentored promoted a little more often.
 */
function plan(n, rand) {
  const hired = dayOf('2015-01-01') + Math.floor(rand() * 2190);
  const start = 1 + Math.floor(rand() * 4);
  const u = rand();
  const kind = u < 0.4 ? 'mentoring' : u < 0.8 ? 'coaching' : null;
  const enrolled = kind ? dayOf('2021-01-01') + Math.floor(rand() * 365) : dayOf('2021-01-01');
  const promoteP = kind === 'mentoring' ? 0.55 : kind === 'coaching' ? 0.45 : 0.35;
  const promotions = [];
  let at = enrolled;
  let grade = start;
  for (let i = 0; i < 2 && grade < AFC.length - 1 && rand() < (i === 0 ? promoteP : 0.3); i++) {
    at += 1 + Math.floor(-Math.log(1 - rand()) * 500);
    promotions.push({ day: at, from: AFC[grade], to: AFC[grade + 1] });
    grade += 1;
  }
  const leave = rand() < 0.35 ? enrolled + Math.floor(rand() * 1800) : null;
  return { ref: `S${n}`, hired, grade: AFC[start], ethnicity: ETHNICITIES[n % ETHNICITIES.length], kind, enrolled, promotions: promotions.filter((p) => leave === null || p.day <= leave), leave };
}

function eventsOf(p) {
  const base = { schemaVersion: 1, orgId: ORG, subjectRef: p.ref, source: 'bench' };
  const ev = (type, day, data) => ({ eventId: randomUUID(), type, occurredAt: isoOf(day), data, ...base });
  const list = [
    ev('EmployeeHired', p.hired, { grade: p.grade, gradeScheme: 'afc', contractType: 'permanent' }),
    ev('DemographicsRecorded', p.hired, { ethnicity: p.ethnicity, sex: p.hired % 2 ? 'female' : 'male' }),
  ];
  if (p.kind) list.push(ev('ProgrammeEnrolled', p.enrolled, { programmeId: `${p.kind}-21`, programmeKind: p.kind, role: 'participant' }));
  for (const pr of p.promotions) list.push(ev('PromotionGranted', pr.day, { fromGrade: pr.from, toGrade: pr.to, gradeScheme: 'afc', basis: 'competitive' }));
  if (p.leave !== null) list.push(ev('EmployeeLeft', p.leave, { reason: 'voluntary' }));
  return list;
}

/** Follow-up as the report defines it (for the R comparison): 0 censored, 1 outcome, 2 leaving first. */
function followUps(p) {
  const end = Math.min(dayOf(AS_OF) - p.enrolled, HORIZON_DAYS);
  const leave = p.leave !== null && p.leave >= p.enrolled ? p.leave - p.enrolled : null;
  const outcome = (day) => {
    if (day !== null && day <= end && (leave === null || day <= leave)) return [day, 1];
    if (leave !== null && leave <= end) return [leave, 2];
    return [end, 0];
  };
  const promo = p.promotions.find((x) => x.day > p.enrolled);
  const l3 = p.promotions.find((x) => x.day > p.enrolled && LEVEL[x.to] >= 3);
  const levelAtEntry = LEVEL[p.promotions.filter((x) => x.day <= p.enrolled).map((x) => x.to).pop() ?? p.grade];
  return {
    promotion: outcome(promo ? promo.day - p.enrolled : null),
    exit: leave !== null && leave <= end ? [leave, 1] : [end, 0],
    level3: levelAtEntry >= 3 ? null : outcome(l3 ? l3.day - p.enrolled : null),
  };
}

async function post(url, key, body) {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

async function load(url, key, bodies) {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** A GET over a kept-alive loopback connection, timed until the whole body has arrived (as bytes). */
function timedGet(url, key) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}: ${body.toString().slice(0, 300)}`));
        else resolve({ ms, body, etag: res.headers.etag });
      });
    }).on('error', reject);
  });
}

/** The durations the server logged for report requests (its own view, without the client). */
function serverDurations(lines) {
  return lines.filter((l) => l.includes('"request"') && l.includes('/report')).map((l) => JSON.parse(l).durationMs).filter((x) => typeof x === 'number');
}

const { median } = require('./lib/median');
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const round = (x) => Math.round(x * 100) / 100;

const R_SCRIPT = `
suppressMessages(library(survival))
d <- read.csv(commandArgs(TRUE)[1])
d$arm <- factor(d$arm, c("mentored", "coached"))
l3 <- d[!is.na(d$l3_time), ]
t <- system.time({
  fp <- survfit(Surv(promo_time, factor(promo_status, 0:2, c("censor", "promotion", "exit"))) ~ arm, data = d)
  fe <- survfit(Surv(exit_time, exit_status) ~ arm, data = d)
  fl <- survfit(Surv(l3_time, l3_status == 1) ~ arm, data = l3)
})[["elapsed"]]
s <- summary(fe, times = 365.25)
cat(sprintf("{\\"seconds\\": %.6f, \\"exitAt12\\": [%.17g, %.17g], \\"n\\": [%d, %d]}\\n", t, s$surv[1], s$surv[2], fe$n[1], fe$n[2]))
`;

function timeSurvfit(dir, plans) {
  if (spawnSync('which', ['Rscript']).status !== 0) return null;
  const rows = ['arm,promo_time,promo_status,exit_time,exit_status,l3_time,l3_status'];
  for (const p of plans) {
    if (!p.kind || p.enrolled > dayOf(AS_OF)) continue;
    const f = followUps(p);
    rows.push([p.kind === 'mentoring' ? 'mentored' : 'coached', ...f.promotion, ...f.exit, ...(f.level3 ?? ['NA', 'NA'])].join(','));
  }
  const csv = path.join(dir, 'followups.csv');
  const script = path.join(dir, 'survfit.R');
  writeFileSync(csv, `${rows.join('\n')}\n`);
  writeFileSync(script, R_SCRIPT);
  const out = execFileSync('Rscript', [script, csv], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'rung-bench-report-'));
  const env = { DATA_DIR: path.join(dir, 'data'), PSEUDONYM_SECRET: SECRET, LOG_LEVEL: 'info', ANALYTICS_MATERIALISE_SECONDS: '0' };
  const rand = prng(20251123);
  const plans = Array.from({ length: SUBJECTS }, (_, n) => plan(n, rand));
  const bodies = [];
  let batch = [];
  let events = 0;
  for (const p of plans) {
    for (const e of eventsOf(p)) {
      batch.push(e);
      events += 1;
      if (batch.length === BATCH) {
        bodies.push(JSON.stringify({ events: batch }));
        batch = [];
      }
    }
  }
  if (batch.length) bodies.push(JSON.stringify({ events: batch }));
  const results = [];
  const rung = await startRung(env);
  try {
    const loadStarted = Date.now();
    await load(rung.url, rung.keys.ingest, bodies);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const cohort = (name, kind) => post(`${rung.url}/v1/cohorts`, rung.keys.research, {
      name, orgIds: [ORG], entry: { on: 'ProgrammeEnrolled', programmeKind: kind, role: 'participant', between: ['2021-01-01', '2021-12-31'] },
    });
    const mentored = await cohort('Mentoring 2021', 'mentoring');
    const coached = await cohort('Coaching 2021', 'coaching');
    const study = await post(`${rung.url}/v1/studies`, rung.keys.research, {
      name: 'Mentoring vs coaching', arms: [{ name: 'mentored', cohortId: mentored.id }, { name: 'coached', cohortId: coached.id }],
      outcomes: ['promotion', 'exit', 'level-3'], horizonMonths: HORIZON_MONTHS, interval: 'month', checkpointsMonths: [6, 12, 24, 36],
    });
    const reportUrl = (asOf) => `${rung.url}/v1/studies/${study.id}/report?asOf=${asOf}`;
    const first = await timedGet(reportUrl('2025-07-31'), rung.keys.research);
    const cold = [];
    for (let i = 0; i < COLD_RUNS; i++) cold.push((await timedGet(reportUrl(`2025-06-${String(20 + i).padStart(2, '0')}`), rung.keys.research)).ms);
    const coldBody = await timedGet(reportUrl(AS_OF), rung.keys.research);
    cold.push(coldBody.ms);
    const warm = [];
    const logged = rung.lines.length;
    for (let i = 0; i < WARM_RUNS; i++) warm.push((await timedGet(reportUrl(AS_OF), rung.keys.research)).ms);
    const serverWarm = serverDurations(rung.lines.slice(logged));
    const parsed = JSON.parse(coldBody.body.toString('utf8'));
    const arms = parsed.arms.map((a) => a.size);
    const rowCount = parsed.trajectories.reduce((s, t) => s + t.curve.length, 0);
    const coldMs = median(cold);
    const common = { subjects: SUBJECTS, events, loadSeconds: round(loadSeconds), armSizes: arms, curveRows: rowCount, bytes: coldBody.body.length };
    results.push(report('study-report-cold', coldMs, 'ms', 1000, coldMs <= 1000, { ...common, runs: cold.map(round), firstRequestMs: round(first.ms) }));
    const rss = rssMiB(rung.child.pid);
    results.push(report('rss-after-report', rss, 'MiB', null, null, { subjects: SUBJECTS, events }));
    const warmP95 = percentile(warm, 95);
    results.push(report('study-report-materialised', warmP95, 'ms (p95)', 20, warmP95 <= 20, {
      median: round(median(warm)), runs: WARM_RUNS, serverMedianMs: round(median(serverWarm)), serverP95Ms: round(percentile(serverWarm, 95)),
    }));

    const r = timeSurvfit(dir, plans);
    if (r) {
      const ours = ['mentored', 'coached'].map((arm) => parsed.trajectories.find((t) => t.arm === arm && t.outcome === 'exit').table[11].estimate);
      const diff = Math.max(...ours.map((v, i) => Math.abs(v - r.exitAt12[i])));
      const rMs = r.seconds * 1000;
      results.push(report('study-report-vs-survfit', coldMs / rMs, 'ratio (rung cold / R survfit)', null, null, {
        survfitMs: round(rMs), rungColdMs: round(coldMs), nR: r.n, exitAt12MaxDiffVsR: diff, note: 'survfit on the same follow-ups, read from CSV (reading excluded)',
      }));
    } else {
      console.log(JSON.stringify({ bench: 'study-report-vs-survfit', skipped: 'Rscript not found' }));
    }
  } finally {
    agent.destroy();
    await stopRung(rung).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

module.exports = { main, plan, eventsOf, prng };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
