/**
 * Distribution functions used by the estimators: the chi-square and Student t
 * upper tails, and gamma / beta / t quantiles as R's qgamma / qbeta / qt,
 * solved to full double precision by bracketed Newton iteration on the
 * incomplete gamma / beta functions. The normal quantile lives in
 * normal-quantile.ts.
 */
import { normalQuantile } from './normal-quantile';
import { betaDensity, betaTails, gammaDensity, gammaTails, logBeta, logGamma } from './special-functions';

export { normalQuantile } from './normal-quantile';

const EPS = Number.EPSILON;
const MAX_ROOT_ITERATIONS = 400;

/** z such that a two-sided interval at `confLevel` is ±z, computed as R does: qnorm(1 - (1 - level)/2). */
export function twoSidedZ(confLevel: number): number {
  assertConfLevel(confLevel);
  return normalQuantile(1 - (1 - confLevel) / 2);
}

export function assertConfLevel(confLevel: number): void {
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be in (0, 1), got ${confLevel}`);
}

/** P(X > x) for X ~ chi-square(df), as pchisq(x, df, lower.tail = FALSE). */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chi-square df must be positive, got ${df}`);
  return gammaTails(df / 2, x / 2).upper;
}

/**
 * P(T > t) for T ~ Student t(df), as pt(t, df, lower.tail = FALSE). Like R's
 * pt, the incomplete beta is taken in t²/(df + t²) while t² < df, so small t
 * keep their precision.
 */
export function studentTUpperTail(t: number, df: number): number {
  assertStudentDf(df);
  if (Number.isNaN(t)) throw new RangeError('t must be a number, got NaN');
  const t2 = t * t;
  const tail =
    df > t2
      ? betaTails(t2 / (df + t2), 0.5, df / 2).upper / 2
      : betaTails(1 / (1 + (t / df) * t), df / 2, 0.5).lower / 2;
  return t > 0 ? tail : 1 - tail;
}

/** Lower-tail quantile of Student t(df), as qt(p, df). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  assertStudentDf(df);
  if (p === 0.5) return 0;
  if (p === 0 || p === 1) return p === 0 ? -Infinity : Infinity;
  // q - P(T > t) is increasing in t; 1 - p is exact for p > 0.5 (Sterbenz)
  const q = p > 0.5 ? 1 - p : p;
  const gap = (t: number): number => q - studentTUpperTail(t, df);
  const start = -normalQuantile(q);
  const [lo, hi] = bracketPositive(gap, start);
  const t = solveIncreasing(gap, (x) => studentTDensity(x, df), lo, hi, start);
  return p > 0.5 ? t : -t;
}

function studentTDensity(t: number, df: number): number {
  return Math.exp(-logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

function assertStudentDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`t df must be positive and finite, got ${df}`);
}

/** Lower-tail quantile of Gamma(shape, rate 1), as qgamma(p, shape). */
export function gammaQuantile(p: number, shape: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (!(shape > 0)) throw new RangeError(`gamma shape must be positive, got ${shape}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const gap = signedGap(p, (x) => gammaTails(shape, x));
  const start = gammaStart(p, shape);
  const [lo, hi] = bracketPositive(gap, start);
  return solveIncreasing(gap, (x) => gammaDensity(shape, x), lo, hi, start);
}

/** Wilson–Hilferty start, or the small-x series start when that is not positive. */
function gammaStart(p: number, shape: number): number {
  const c = 1 / (9 * shape);
  const wh = shape * (1 - c + normalQuantile(p) * Math.sqrt(c)) ** 3;
  if (wh > 0) return wh;
  return Math.exp((Math.log(p) + logGamma(shape + 1)) / shape);
}

/** Lower-tail quantile of Beta(a, b), as qbeta(p, a, b). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  const gap = signedGap(p, (x) => betaTails(x, a, b));
  return solveIncreasing(gap, (x) => betaDensity(x, a, b), 0, 1, a / (a + b));
}

/**
 * F(x) - p as an increasing function of x, evaluated on the tail that is
 * small near the root, so that the root is located to full precision.
 * 1 - p is exact for p ≥ 0.5 (Sterbenz), so both forms target the same root.
 */
function signedGap(p: number, tails: (x: number) => { lower: number; upper: number }): (x: number) => number {
  if (p <= 0.5) return (x) => tails(x).lower - p;
  const q = 1 - p;
  return (x) => q - tails(x).upper;
}

function bracketPositive(gap: (x: number) => number, start: number): [number, number] {
  let lo = start;
  let hi = start;
  while (gap(lo) > 0 && lo > Number.MIN_VALUE) lo /= 2;
  while (gap(hi) < 0 && hi < Number.MAX_VALUE) hi *= 2;
  return [lo, hi];
}

/** Newton iteration kept inside a shrinking bracket [lo, hi] around the root of an increasing function. */
function solveIncreasing(
  gap: (x: number) => number,
  slope: (x: number) => number,
  lo: number,
  hi: number,
  start: number,
): number {
  let x = Math.min(Math.max(start, lo), hi);
  for (let i = 0; i < MAX_ROOT_ITERATIONS; i++) {
    const value = gap(x);
    if (value === 0) return x;
    if (value < 0) lo = x;
    else hi = x;
    let next = x - value / slope(x);
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    if (Math.abs(next - x) <= 2 * EPS * Math.abs(next) || hi - lo <= 2 * EPS * Math.abs(next)) return next;
    x = next;
  }
  return x;
}
