'use strict';
// Utility of the protected disclosure mode: how far its study report is from the exact mode's on
// the same simulated careers, at a few sizes. Per size, the largest |protected − exact| over the
// Kaplan–Meier survival (exit) and Aalen–Johansen cumulative incidence (promotion) at each whole
// month's end, per arm, compared where the exact interval table shows an estimate; and the
// log-rank p-values and rate ratios in each mode. Bar (from the issue): within 0.02 of exact at
// about 1,000 people per arm. Sizes are people simulated (about 40% land in each arm).
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { startRung, stopRung, report } = require('./lib/child');
const { ORG, bodiesOf, send, load, defineStudy } = require('./lib/study-load');

const SIZES = (process.env.BENCH_UTILITY_SIZES ?? '300,3000,30000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const AS_OF = '2025-06-30';
const OUTCOMES = ['exit', 'promotion'];
const BAR = 0.02;


/** Waits until the exact report counts every arm member the data holds (the projection is asynchronous). */
async function settledReport(rung, studyId, key) {
  let previous = null;
  for (let i = 0; i < 120; i++) {
    const r = await send(`${rung.url}/v1/studies/${studyId}/report?asOf=${AS_OF}`, key, 'GET');
    const sizes = JSON.stringify([r.arms.map((a) => a.size), r.dataVersion]);
    if (sizes === previous) return r;
    previous = sizes;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error('the report did not settle');
}

const endKey = (days) => Math.round(days * 1000);

/** Per arm × outcome, the exact table's non-null estimates against the protected table's at the same interval end. */
function compare(exact, prot) {
  const perCurve = [];
  let maxAbs = 0;
  let compared = 0;
  let unmatched = 0;
  for (const e of exact.trajectories.filter((t) => OUTCOMES.includes(t.outcome))) {
    const p = prot.trajectories.find((t) => t.arm === e.arm && t.outcome === e.outcome);
    const protectedAt = new Map();
    for (const row of p?.curve ?? []) if (row.estimate !== null) protectedAt.set(endKey(row.time), row.estimate);
    for (const row of p?.table ?? []) if (row.estimate !== null) protectedAt.set(endKey(row.end), row.estimate);
    let curveMax = 0;
    let n = 0;
    for (const row of e.table) {
      if (row.estimate === null) continue;
      const q = protectedAt.get(endKey(row.end));
      if (q === undefined) {
        unmatched += 1;
        continue;
      }
      curveMax = Math.max(curveMax, Math.abs(q - row.estimate));
      n += 1;
    }
    compared += n;
    maxAbs = Math.max(maxAbs, curveMax);
    perCurve.push({ arm: e.arm, outcome: e.outcome, maxAbsDiff: round4(curveMax), intervals: n });
  }
  return { maxAbs, compared, unmatched, perCurve };
}

const round4 = (x) => (x === null || x === undefined ? null : Math.round(x * 1e4) / 1e4);
const pValues = (r) => Object.fromEntries(r.logRank.map((l) => [l.outcome, l.pValue === null ? null : Number(l.pValue.toPrecision(4))]));
const ratios = (r) => Object.fromEntries(r.rateRatios.map((x) => [`${x.outcome}:${x.numerator}/${x.denominator}`, round4(x.ratio)]));

async function measure(people) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rung-bench-utility-'));
  const bodies = bodiesOf(people);
  const rung = await startRung({ DATA_DIR: path.join(dir, 'data'), PSEUDONYM_SECRET: 'e'.repeat(64), LOG_LEVEL: 'warn', ANALYTICS_MATERIALISE_SECONDS: '0' });
  try {
    const protectedKey = (await send(`${rung.url}/v1/admin/keys`, rung.keys.admin, 'POST', JSON.stringify({ name: 'protected research', role: 'research', orgIds: ['*'] }))).secret;
    await load(rung, bodies);
    const study = await defineStudy(rung, OUTCOMES);
    const exact = await settledReport(rung, study.id, rung.keys.research);
    const prot = await send(`${rung.url}/v1/studies/${study.id}/report?asOf=${AS_OF}`, protectedKey, 'GET');
    if (exact.disclosure !== 'exact' || prot.disclosure !== 'protected') throw new Error(`disclosure modes were ${exact.disclosure} and ${prot.disclosure}`);
    const c = compare(exact, prot);
    const armSizes = exact.arms.map((a) => a.size);
    const smallestArm = Math.min(...armSizes);
    // The bar is stated at 1,000 people per arm: below that the line is reported without one.
    const barApplies = smallestArm >= 1000;
    // In percentage points, so that report()'s two decimals keep the figure; maxAbsSurvivalDiff has it as a proportion.
    return report('disclosure-utility-max-abs-survival-diff', c.maxAbs * 100, 'percentage points (max |protected − exact|)', barApplies ? BAR * 100 : null, barApplies ? c.maxAbs <= BAR : null, {
      maxAbsSurvivalDiff: round4(c.maxAbs), people, armSizes, protectedArmSizes: prot.arms.map((a) => a.size), intervalsCompared: c.compared, intervalsUnmatched: c.unmatched, perCurve: c.perCurve,
      logRankP: { exact: pValues(exact), protected: pValues(prot) },
      rateRatio: { exact: ratios(exact), protected: ratios(prot) },
    });
  } finally {
    await stopRung(rung).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const results = [];
  for (const size of SIZES) results.push(await measure(size));
  return results;
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
