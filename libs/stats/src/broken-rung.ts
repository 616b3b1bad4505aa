import { poissonRate, rateRatio } from './rates';
import { relativeLikelihood } from './relative-likelihood';
import { DEFAULT_CONF_LEVEL } from './types';
import { assertCount, assertPositive } from './validation';

/**
 * First moves from a junior level (≤ 2) to a senior level (≥ 3) in one group,
 * with the person-time at risk of such a move (time spent at level ≤ 2 before
 * the first move, in years). Deciding who moved and the exposure is the caller's job.
 */
export type RungPersonTime = { readonly kind: 'personTime'; readonly moves: number; readonly personYears: number };

/** The same, as a proportion: how many of `atRisk` people at level ≤ 2 made the move in a fixed window. */
export type RungHeadcount = { readonly kind: 'headcount'; readonly moves: number; readonly atRisk: number };

export type RungGroup = RungPersonTime | RungHeadcount;

export type BrokenRungOptions = {
  /** Person-years per rate unit for person-time groups (default 100). */
  readonly per?: number;
  readonly confLevel?: number;
};

export type GroupRate = {
  readonly moves: number;
  /** Person-years, or people at risk for headcount groups. */
  readonly exposure: number;
  /** Moves per `per` person-years, or the proportion who moved. */
  readonly rate: number;
};

export type BrokenRungRatio = {
  readonly focal: GroupRate;
  readonly reference: GroupRate;
  /** focal rate / reference rate; null when the reference rate is 0 (or both are 0). */
  readonly ratio: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /**
   * 'poisson-exact-conditional' for person-time (rateRatio, as poisson.test);
   * 'log-risk-ratio' for headcounts (relativeLikelihood, Katz log interval).
   */
  readonly method: 'poisson-exact-conditional' | 'log-risk-ratio';
};

/**
 * Broken-rung ratio: the rate of first moves from level ≤ 2 to level ≥ 3 in
 * the focal group divided by that of the reference group. Below 1 means the
 * focal group climbs the rung less often. Both groups must be of the same kind.
 */
export function brokenRungRatio(focal: RungPersonTime, reference: RungPersonTime, opts?: BrokenRungOptions): BrokenRungRatio;
export function brokenRungRatio(focal: RungHeadcount, reference: RungHeadcount, opts?: BrokenRungOptions): BrokenRungRatio;
export function brokenRungRatio(focal: RungGroup, reference: RungGroup, opts: BrokenRungOptions = {}): BrokenRungRatio {
  if (focal.kind === 'personTime' && reference.kind === 'personTime') return personTimeRatio(focal, reference, opts);
  if (focal.kind === 'headcount' && reference.kind === 'headcount') return headcountRatio(focal, reference, opts);
  throw new TypeError('brokenRungRatio needs both groups of the same kind (personTime or headcount)');
}

function personTimeRatio(focal: RungPersonTime, reference: RungPersonTime, opts: BrokenRungOptions): BrokenRungRatio {
  const per = opts.per ?? 100;
  const confLevel = opts.confLevel ?? DEFAULT_CONF_LEVEL;
  const rate = (g: RungPersonTime): GroupRate => ({
    moves: g.moves,
    exposure: g.personYears,
    rate: poissonRate(g.moves, g.personYears, per, { confLevel }).rate,
  });
  const rr = rateRatio(
    { events: focal.moves, personYears: focal.personYears },
    { events: reference.moves, personYears: reference.personYears },
    { confLevel },
  );
  return { focal: rate(focal), reference: rate(reference), ratio: rr.ratio, lower: rr.lower, upper: rr.upper, method: 'poisson-exact-conditional' };
}

function headcountRatio(focal: RungHeadcount, reference: RungHeadcount, opts: BrokenRungOptions): BrokenRungRatio {
  const rate = (g: RungHeadcount): GroupRate => {
    assertCount('moves', g.moves);
    assertPositive('atRisk', g.atRisk);
    return { moves: g.moves, exposure: g.atRisk, rate: g.moves / g.atRisk };
  };
  const rl = relativeLikelihood(
    { successes: focal.moves, total: focal.atRisk },
    { successes: reference.moves, total: reference.atRisk },
    { confLevel: opts.confLevel },
  );
  return { focal: rate(focal), reference: rate(reference), ratio: rl.ratio, lower: rl.lower, upper: rl.upper, method: 'log-risk-ratio' };
}
