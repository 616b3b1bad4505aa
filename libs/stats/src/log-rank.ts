import { chiSquareUpperTail } from './distributions';
import { solveLinearSystem } from './linear-algebra';
import { alignNearTimes, assertFiniteTimes } from './time-fix';
import type { SurvivalObservation } from './types';

export type LogRankResult = {
  readonly chiSquare: number;
  /** Number of groups with expected > 0, minus one. */
  readonly df: number;
  /** pchisq(chiSquare, df, lower.tail = FALSE); null when fewer than two groups have expected events. */
  readonly pValue: number | null;
  /** Observed events per group, in input order. */
  readonly observed: readonly number[];
  /** Expected events per group under equal hazards. */
  readonly expected: readonly number[];
  /** Hypergeometric variance-covariance matrix of observed − expected (survdiff's var). */
  readonly variance: ReadonlyArray<readonly number[]>;
};

export type LabelledObservation = SurvivalObservation & { readonly group: string };

export type LabelledLogRankResult = LogRankResult & { readonly groups: readonly string[] };

type PooledObservation = { time: number; event: boolean; group: number };

/**
 * Log-rank test matching survdiff(Surv(time, status) ~ group) with rho = 0.
 * The statistic uses survdiff's generalised inverse: groups with expected = 0
 * are dropped, then the first remaining group, and the rest of the variance
 * matrix is solved. Times are tie-corrected with survdiff's timefix.
 */
export function logRank(groups: ReadonlyArray<readonly SurvivalObservation[]>): LogRankResult {
  const k = groups.length;
  const pooled = pool(groups);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const atRisk = groups.map((g) => g.length);
  let i = 0;
  while (i < pooled.length) {
    let j = i;
    const deaths = new Array<number>(k).fill(0);
    for (; j < pooled.length && pooled[j].time === pooled[i].time; j++) {
      if (pooled[j].event) deaths[pooled[j].group] += 1;
    }
    accumulate(deaths, atRisk, observed, expected, variance);
    for (let m = i; m < j; m++) atRisk[pooled[m].group] -= 1;
    i = j;
  }
  return { ...testStatistic(observed, expected, variance), observed, expected, variance };
}

/** The same test on observations carrying a group label; groups are reported in `levels` order (default: first seen). */
export function logRankByLabel(obs: readonly LabelledObservation[], levels?: readonly string[]): LabelledLogRankResult {
  const order = levels ?? [...new Set(obs.map((o) => o.group))];
  const index = new Map(order.map((label, i) => [label, i]));
  const groups = order.map((): SurvivalObservation[] => []);
  for (const o of obs) {
    const g = index.get(o.group);
    if (g === undefined) throw new RangeError(`group "${o.group}" is not in levels`);
    groups[g].push({ time: o.time, event: o.event });
  }
  return { ...logRank(groups), groups: order };
}

function pool(groups: ReadonlyArray<readonly SurvivalObservation[]>): PooledObservation[] {
  const flat = groups.flatMap((g, group) => g.map((o) => ({ time: o.time, event: o.event, group })));
  const times = flat.map((o) => o.time);
  assertFiniteTimes(times);
  const fixed = alignNearTimes(times);
  return flat.map((o, i) => ({ ...o, time: fixed[i] })).sort((a, b) => a.time - b.time);
}

function accumulate(
  deaths: readonly number[],
  atRisk: readonly number[],
  observed: number[],
  expected: number[],
  variance: number[][],
): void {
  const d = deaths.reduce((s, x) => s + x, 0);
  if (d === 0) return;
  const n = atRisk.reduce((s, x) => s + x, 0);
  const factor = n > 1 ? (d * (n - d)) / (n * (n - 1)) : 0;
  for (let g = 0; g < deaths.length; g++) {
    observed[g] += deaths[g];
    expected[g] += (d * atRisk[g]) / n;
    for (let h = 0; h < deaths.length; h++) {
      variance[g][h] += factor * atRisk[g] * ((g === h ? 1 : 0) - atRisk[h] / n);
    }
  }
}

function testStatistic(
  observed: readonly number[],
  expected: readonly number[],
  variance: ReadonlyArray<readonly number[]>,
): { chiSquare: number; df: number; pValue: number | null } {
  const kept = expected.map((e, g) => (e > 0 ? g : -1)).filter((g) => g >= 0);
  const df = kept.length - 1;
  if (kept.length < 2) return { chiSquare: 0, df: Math.max(df, 0), pValue: null };
  const rest = kept.slice(1);
  const diff = rest.map((g) => observed[g] - expected[g]);
  const reduced = rest.map((g) => rest.map((h) => variance[g][h]));
  const solved = solveLinearSystem(reduced, diff);
  const chiSquare = solved.reduce((sum, x, i) => sum + x * diff[i], 0);
  return { chiSquare, df, pValue: chiSquareUpperTail(chiSquare, df) };
}
