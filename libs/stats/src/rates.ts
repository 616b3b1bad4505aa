import { assertConfLevel, betaQuantile, gammaQuantile } from './distributions';
import { DEFAULT_CONF_LEVEL } from './types';
import type { ConfidenceOptions } from './types';
import { assertCount, assertPositive } from './validation';

export type PoissonRate = {
  readonly events: number;
  readonly personYears: number;
  /** Rates are expressed per `per` person-years. */
  readonly per: number;
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
};

/** Events over person-time for one group. */
export type PersonTimeCount = { readonly events: number; readonly personYears: number };

export type RateRatio = {
  /** (events1 / personYears1) / (events2 / personYears2); null when undefined or infinite. */
  readonly ratio: number | null;
  readonly lower: number | null;
  /** null when the upper limit is infinite (no events in the second group). */
  readonly upper: number | null;
  readonly method: 'exact-conditional-binomial';
};

/**
 * Rate with the exact Poisson interval of poisson.test(events, personYears):
 * lower = qgamma(α/2, x) / T (0 when x = 0), upper = qgamma(1 − α/2, x + 1) / T,
 * all multiplied by `per`.
 */
export function poissonRate(events: number, personYears: number, per = 100, opts: ConfidenceOptions = {}): PoissonRate {
  assertCount('events', events);
  assertPositive('personYears', personYears);
  assertPositive('per', per);
  const alpha = halfAlpha(opts.confLevel);
  const lower = events === 0 ? 0 : gammaQuantile(alpha, events);
  const upper = gammaQuantile(1 - alpha, events + 1);
  return {
    events,
    personYears,
    per,
    rate: (events / personYears) * per,
    lower: (lower / personYears) * per,
    upper: (upper / personYears) * per,
  };
}

/**
 * Ratio of two Poisson rates with the exact conditional interval of
 * poisson.test(c(x1, x2), c(T1, T2)): conditional on x1 + x2, x1 is binomial,
 * the Clopper–Pearson limits pp of binom.test are mapped to pp / (1 − pp) · T2 / T1.
 * With no events at all there is nothing to estimate and every field is null.
 */
export function rateRatio(a: PersonTimeCount, b: PersonTimeCount, opts: ConfidenceOptions = {}): RateRatio {
  for (const [name, group] of [['a', a], ['b', b]] as const) {
    assertCount(`${name}.events`, group.events);
    assertPositive(`${name}.personYears`, group.personYears);
  }
  const total = a.events + b.events;
  if (total === 0) return { ratio: null, lower: null, upper: null, method: 'exact-conditional-binomial' };
  const alpha = halfAlpha(opts.confLevel);
  const pLower = a.events === 0 ? 0 : betaQuantile(alpha, a.events, total - a.events + 1);
  const pUpper = a.events === total ? 1 : betaQuantile(1 - alpha, a.events + 1, total - a.events);
  const toRatio = (pp: number): number => ((pp / (1 - pp)) * b.personYears) / a.personYears;
  return {
    ratio: finite(a.events / a.personYears / (b.events / b.personYears)),
    lower: toRatio(pLower),
    upper: finite(toRatio(pUpper)),
    method: 'exact-conditional-binomial',
  };
}

function halfAlpha(confLevel: number = DEFAULT_CONF_LEVEL): number {
  assertConfLevel(confLevel);
  return (1 - confLevel) / 2;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
