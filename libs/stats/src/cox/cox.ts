import { buildDesign } from './design';
import { assertFullRank, newtonRaphson } from './newton-raphson';
import { summarise } from './summary';
import type { CoxOptions, CoxResult, CoxRow } from './types';
import { resolveOptions, validateRows } from './validate';

/**
 * Cox proportional hazards regression, as
 * survival::coxph(Surv(time, status) ~ covariates [+ strata(stratum)]) with its
 * defaults: Efron ties (or Breslow), timefix, Newton–Raphson from 0 with step
 * halving, eps = 1e-9, iter.max = 20. With strata, each stratum has its own
 * baseline hazard and risk sets never cross strata.
 *
 * Competing outcomes need nothing special: for the cause-specific hazard of
 * one outcome, code the other outcomes as censored (status 0) and fit as usual.
 *
 * Throws a RangeError on invalid rows, when there are no events, and when the
 * information matrix is singular (a constant or collinear covariate), where R
 * would instead report NA coefficients.
 */
export function coxProportionalHazards(rows: readonly CoxRow[], options: CoxOptions = {}): CoxResult {
  const p = validateRows(rows);
  const settings = resolveOptions(options, p);
  const design = buildDesign(rows);
  const init = settings.init.map((b, i) => b / design.scale[i]);
  const fit = newtonRaphson(design, init, settings);
  assertFullRank(fit.information);
  return summarise(fit, { scale: design.scale, n: rows.length, events: design.events }, settings);
}
