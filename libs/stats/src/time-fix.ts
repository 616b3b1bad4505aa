/**
 * survfit() and survdiff() default to timefix = TRUE, which runs aeqSurv():
 * distinct times closer than sqrt(machine epsilon) (absolutely, or relative to
 * the mean absolute time) are treated as tied and replaced by the smaller one.
 * Applying the same rule keeps our risk sets identical to R's.
 */
const TOLERANCE = Math.sqrt(Number.EPSILON);

export function alignNearTimes(times: readonly number[]): number[] {
  const unique = [...new Set(times)].sort((a, b) => a - b);
  if (unique.length < 2) return [...times];
  const meanAbs = unique.reduce((sum, t) => sum + Math.abs(t), 0) / unique.length;
  const cuts = [unique[0]];
  for (let i = 1; i < unique.length; i++) {
    const gap = unique[i] - unique[i - 1];
    const tied = gap <= TOLERANCE || gap / meanAbs <= TOLERANCE;
    if (!tied) cuts.push(unique[i]);
  }
  if (cuts.length === unique.length) return [...times];
  return times.map((t) => cuts[lastCutAtOrBelow(cuts, t)]);
}

function lastCutAtOrBelow(cuts: readonly number[], t: number): number {
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cuts[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function assertFiniteTimes(times: readonly number[]): void {
  for (const t of times) {
    if (!Number.isFinite(t)) throw new RangeError(`observation times must be finite numbers, got ${t}`);
  }
}
