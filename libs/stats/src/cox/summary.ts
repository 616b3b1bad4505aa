import { chiSquareUpperTail, normalQuantile } from '../distributions';
import { choleskyFactor, choleskyInverse, choleskySolve } from './cholesky';
import type { NewtonFit } from './newton-raphson';
import type { ChiSquareTest, CoxCoefficient, CoxResult } from './types';
import type { CoxSettings } from './validate';

export type FitContext = { readonly scale: readonly number[]; readonly n: number; readonly events: number };

/** The fit on the original covariate scale, with the tests of summary.coxph. */
export function summarise(fit: NewtonFit, context: FitContext, settings: CoxSettings): CoxResult {
  const { scale } = context;
  const coef = fit.beta.map((b, i) => b * scale[i]);
  const inverse = choleskyInverse(fit.information.factor);
  const variance = inverse.map((row, i) => row.map((v, j) => v * scale[i] * scale[j]));
  const df = coef.length;
  return {
    coefficients: coefficientTable(coef, variance, settings.confLevel),
    variance,
    loglik: fit.loglik,
    waldTest: chiSquareTest(waldStatistic(variance, coef.map((c, i) => c - settings.init[i])), df),
    likelihoodRatioTest: chiSquareTest(2 * (fit.loglik[1] - fit.loglik[0]), df),
    scoreTest: chiSquareTest(fit.scoreTest, df),
    iterations: fit.iterations,
    converged: fit.converged,
    n: context.n,
    events: context.events,
    ties: settings.ties,
    confLevel: settings.confLevel,
  };
}

function coefficientTable(
  coef: readonly number[],
  variance: ReadonlyArray<readonly number[]>,
  confLevel: number,
): CoxCoefficient[] {
  // summary.coxph's qnorm((1 + conf.int) / 2)
  const z = normalQuantile((1 + confLevel) / 2);
  return coef.map((c, i) => {
    const se = Math.sqrt(variance[i][i]);
    const wald = c / se;
    return {
      coef: c,
      se,
      hazardRatio: Math.exp(c),
      lower: Math.exp(c - z * se),
      upper: Math.exp(c + z * se),
      z: wald,
      pValue: chiSquareUpperTail(wald * wald, 1),
    };
  });
}

/** bᵀ V⁻¹ b through the same Cholesky solve as coxph.wtest. */
function waldStatistic(variance: ReadonlyArray<readonly number[]>, b: readonly number[]): number {
  const solved = choleskySolve(choleskyFactor(variance).factor, b);
  return b.reduce((sum, v, i) => sum + v * solved[i], 0);
}

function chiSquareTest(statistic: number, df: number): ChiSquareTest {
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
}
