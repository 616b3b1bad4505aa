import type { Interval } from './types';

/**
 * survfit's conf.type = "log" interval (survfit_confint): exp(log p ± z·se),
 * where `seLog` is the standard error of log p. Bounds are NA (null) when
 * p = 0; the upper bound is capped at 1 (ulimit = TRUE).
 */
export function logScaleInterval(p: number, seLog: number, z: number): Interval {
  if (p === 0 || !Number.isFinite(seLog)) return { lower: null, upper: null };
  const half = z * seLog;
  return { lower: Math.exp(Math.log(p) - half), upper: Math.min(Math.exp(Math.log(p) + half), 1) };
}

/** The same interval when the standard error is on the probability scale (multi-state survfit, logse = FALSE). */
export function logScaleIntervalFromSe(p: number, se: number, z: number): Interval {
  return logScaleInterval(p, se === 0 ? 0 : se / p, z);
}

/** null for values R reports as NA/NaN/Inf, which do not survive JSON. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
