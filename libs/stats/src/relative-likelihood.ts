import { twoSidedZ } from './distributions';
import { DEFAULT_CONF_LEVEL } from './types';
import type { ConfidenceOptions } from './types';
import { assertCount } from './validation';

export type Proportion = { readonly successes: number; readonly total: number };

export type RelativeLikelihood = {
  /** (a / n1) / (c / n0); null when the reference proportion is 0 (or both are 0). */
  readonly ratio: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Standard error of log(ratio); null when either count of successes is 0. */
  readonly se: number | null;
};

/**
 * Relative likelihood (risk ratio) of `num` against `den` with the usual
 * log-scale (Katz) interval: se = sqrt(1/a − 1/n1 + 1/c − 1/n0),
 * ratio · exp(±z · se), z = qnorm(1 − α/2), computed in the same order as
 * scipy.stats.contingency.relative_risk(...).confidence_interval(), and
 * following its zero conventions: a = 0 gives ratio 0, lower 0, upper null;
 * c = 0 gives an infinite ratio, reported as null with null bounds.
 */
export function relativeLikelihood(num: Proportion, den: Proportion, opts: ConfidenceOptions = {}): RelativeLikelihood {
  assertProportion('num', num);
  assertProportion('den', den);
  const z = twoSidedZ(opts.confLevel ?? DEFAULT_CONF_LEVEL);
  const a = num.successes;
  const c = den.successes;
  if (c === 0) return { ratio: null, lower: null, upper: null, se: null };
  const ratio = a / num.total / (c / den.total);
  if (a === 0) return { ratio, lower: 0, upper: null, se: null };
  const se = Math.sqrt(1 / a - 1 / num.total + 1 / c - 1 / den.total);
  const delta = z * se;
  return { ratio, lower: ratio * Math.exp(-delta), upper: ratio * Math.exp(delta), se };
}

function assertProportion(name: string, p: Proportion): void {
  assertCount(`${name}.successes`, p.successes);
  assertCount(`${name}.total`, p.total);
  if (p.total === 0 || p.successes > p.total) {
    throw new RangeError(`${name} needs 0 ≤ successes ≤ total and total > 0, got ${p.successes}/${p.total}`);
  }
}
