import { choleskyFactor, choleskySolve } from './cholesky';
import type { CholeskyFactor } from './cholesky';
import type { CoxDesign } from './design';
import { evaluate } from './partial-likelihood';
import type { Evaluation } from './partial-likelihood';
import type { CoxSettings } from './validate';

/** The Newton–Raphson result on the scaled covariates. */
export type NewtonFit = {
  readonly beta: readonly number[];
  /** Cholesky factor of the information matrix at beta. */
  readonly information: CholeskyFactor;
  readonly loglik: readonly [number, number];
  /** Score test at the starting point: uᵀ I⁻¹ u. */
  readonly scoreTest: number;
  readonly iterations: number;
  readonly converged: boolean;
};

type Point = { beta: number[]; at: Evaluation; information: CholeskyFactor };
type Start = { point: Point; scoreTest: number };

/**
 * Maximises the partial likelihood as survival's coxfit6 (survival 3.5-3):
 * Newton steps from `init`; a step that lowers the log-likelihood (or
 * overflows) is pulled back towards the last accepted point, by 1/2, then
 * 2/3, 3/4, …; converged when |1 − loglik_best / loglik_new| ≤ eps.
 */
export function newtonRaphson(design: CoxDesign, init: readonly number[], settings: CoxSettings): NewtonFit {
  const point = pointAt(design, [...init], settings);
  assertFullRank(point.information);
  const firstStep = choleskySolve(point.information.factor, point.at.score);
  const start = { point, scoreTest: dot(point.at.score, firstStep) };
  if (settings.maxIterations === 0 || !Number.isFinite(point.at.loglik)) return finish(start, point, 0, false);
  return iterate(design, settings, start, point.beta.map((b, i) => b + firstStep[i]));
}

function iterate(design: CoxDesign, settings: CoxSettings, start: Start, first: number[]): NewtonFit {
  let best = start.point;
  let next = first;
  let halving = 0;
  for (let iteration = 1; iteration <= settings.maxIterations; iteration++) {
    const trial = pointAt(design, next, settings);
    const finite = isFinitePoint(trial.at);
    if (finite && Math.abs(1 - best.at.loglik / trial.at.loglik) <= settings.eps) {
      return finish(start, trial, iteration, true);
    }
    if (!finite || trial.at.loglik < best.at.loglik) {
      halving++;
      const back = best.beta;
      next = next.map((b, i) => (b + halving * back[i]) / (halving + 1));
    } else {
      halving = 0;
      best = trial;
      const step = choleskySolve(trial.information.factor, trial.at.score);
      next = next.map((b, i) => b + step[i]);
    }
  }
  return finish(start, best, settings.maxIterations, false);
}

function finish(start: Start, point: Point, iterations: number, converged: boolean): NewtonFit {
  return {
    beta: point.beta,
    information: point.information,
    loglik: [start.point.at.loglik, point.at.loglik],
    scoreTest: start.scoreTest,
    iterations,
    converged,
  };
}

function pointAt(design: CoxDesign, beta: number[], settings: CoxSettings): Point {
  const at = evaluate(design, beta, settings.ties);
  return { beta, at, information: choleskyFactor(at.information) };
}

export function assertFullRank(information: CholeskyFactor): void {
  const dropped = information.factor.findIndex((row, i) => row[i] === 0);
  if (dropped >= 0) {
    const why = 'is constant (within strata) or collinear with earlier covariates';
    throw new RangeError(`the information matrix is singular: covariate ${dropped} ${why}`);
  }
}

function isFinitePoint(at: Evaluation): boolean {
  const finiteRows = at.information.every((row) => row.every(Number.isFinite));
  return Number.isFinite(at.loglik) && at.score.every(Number.isFinite) && finiteRows;
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, v, i) => sum + v * b[i], 0);
}
