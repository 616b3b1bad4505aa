import { alignNearTimes } from '../time-fix';
import type { CoxRow } from './types';

/** The rows as coxfit6 sees them: sorted by stratum then time, covariates centred and scaled. */
export type CoxDesign = {
  readonly time: readonly number[];
  readonly status: readonly number[];
  /** One covariate vector per sorted row. */
  readonly x: ReadonlyArray<readonly number[]>;
  /** True on the last sorted row of each stratum, where risk sets restart (coxph.fit's newstrat). */
  readonly stratumEnd: readonly boolean[];
  /** Factor each centred column was multiplied by; coefficients are divided by it. */
  readonly scale: readonly number[];
  readonly events: number;
};

/** coxph's nocenter = c(-1, 0, 1): columns holding only these values are used as they are. */
const NOCENTER = new Set([-1, 0, 1]);

/**
 * Builds the design as survival's coxph.fit and coxfit6 do. Centring does not
 * change the partial likelihood but keeps exp(x·β) well scaled; doing the same
 * centring and scaling as R makes the Newton path, and so the converged
 * estimate, agree with R to far below the convergence tolerance.
 */
export function buildDesign(rows: readonly CoxRow[]): CoxDesign {
  const times = alignNearTimes(rows.map((row) => row.time));
  const order = sortedOrder(rows, times);
  const strata = order.map((i) => rows[i].stratum ?? '');
  const { x, scale } = centreAndScale(order.map((i) => [...rows[i].covariates]));
  return {
    time: order.map((i) => times[i]),
    status: order.map((i) => rows[i].status),
    x,
    stratumEnd: strata.map((s, k) => k === strata.length - 1 || strata[k + 1] !== s),
    scale,
    events: rows.filter((row) => row.status === 1).length,
  };
}

/** order(strata, time): a stable sort, so tied rows keep their input order. */
function sortedOrder(rows: readonly CoxRow[], times: readonly number[]): number[] {
  const byStratum = (a: number, b: number): number => {
    const sa = rows[a].stratum ?? '';
    const sb = rows[b].stratum ?? '';
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  return rows.map((_, i) => i).sort((a, b) => byStratum(a, b) || times[a] - times[b]);
}

function centreAndScale(x: number[][]): { x: number[][]; scale: number[] } {
  const p = x[0].length;
  const scale = new Array<number>(p).fill(1);
  for (let j = 0; j < p; j++) {
    if (x.every((row) => NOCENTER.has(row[j]))) continue;
    const mean = x.reduce((sum, row) => sum + row[j], 0) / x.length;
    for (const row of x) row[j] -= mean;
    const spread = x.reduce((sum, row) => sum + Math.abs(row[j]), 0);
    scale[j] = spread > 0 ? x.length / spread : 1;
    for (const row of x) row[j] *= scale[j];
  }
  return { x, scale };
}
