import { assertConfLevel } from '../distributions';
import type { CoxOptions, CoxRow, CoxTies } from './types';

export type CoxSettings = {
  readonly ties: CoxTies;
  readonly confLevel: number;
  readonly init: readonly number[];
  readonly maxIterations: number;
  readonly eps: number;
};

/** coxph.control() defaults. */
const DEFAULT_MAX_ITERATIONS = 20;
const DEFAULT_EPS = 1e-9;

/** Checks the rows and returns the number of covariates. */
export function validateRows(rows: readonly CoxRow[]): number {
  if (rows.length === 0) throw new RangeError('the Cox model needs at least one row');
  const p = rows[0].covariates.length;
  if (p === 0) throw new RangeError('the Cox model needs at least one covariate');
  const stratified = rows[0].stratum !== undefined;
  rows.forEach((row, i) => validateRow(row, i, p, stratified));
  if (!rows.some((row) => row.status === 1)) throw new RangeError('no events: every row is censored');
  for (let j = 0; j < p; j++) {
    const first = rows[0].covariates[j];
    if (rows.every((row) => row.covariates[j] === first)) {
      throw new RangeError(`covariate ${j} is constant in every row: the information matrix is singular`);
    }
  }
  return p;
}

function validateRow(row: CoxRow, i: number, p: number, stratified: boolean): void {
  if (!(row.time >= 0) || !Number.isFinite(row.time)) {
    throw new RangeError(`row ${i}: time must be a finite number ≥ 0, got ${row.time}`);
  }
  if (row.status !== 0 && row.status !== 1) throw new RangeError(`row ${i}: status must be 0 or 1, got ${row.status}`);
  if (row.covariates.length !== p) {
    throw new RangeError(`row ${i}: expected ${p} covariates (as row 0), got ${row.covariates.length}`);
  }
  const bad = row.covariates.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`row ${i}: covariate ${bad} must be finite, got ${row.covariates[bad]}`);
  if ((row.stratum !== undefined) !== stratified) {
    throw new RangeError(`row ${i}: a stratum must be given on every row or on none`);
  }
}

export function resolveOptions(options: CoxOptions, p: number): CoxSettings {
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') {
    throw new RangeError(`ties must be 'efron' or 'breslow', got ${String(ties)}`);
  }
  const confLevel = options.confLevel ?? 0.95;
  assertConfLevel(confLevel);
  const init = options.init ?? new Array<number>(p).fill(0);
  if (init.length !== p || !init.every(Number.isFinite)) {
    throw new RangeError(`init must hold ${p} finite numbers, got [${init.join(', ')}]`);
  }
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new RangeError(`maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  const eps = options.eps ?? DEFAULT_EPS;
  if (!(eps > 0)) throw new RangeError(`eps must be positive, got ${eps}`);
  return { ties, confLevel, init, maxIterations, eps };
}
