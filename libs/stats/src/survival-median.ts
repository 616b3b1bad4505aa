/**
 * Median survival and its confidence limits, read off the estimate and the
 * lower/upper confidence curves exactly as R's survival package does it.
 *
 * - 'quantile' (default) ports quantile.survfit()'s findq(): a flat stretch at
 *   0.5 (within sqrt(eps)) gives the midpoint of that stretch; if the curve
 *   ends at exactly 0.5, the midpoint of the stretch and the last follow-up time.
 * - 'print' ports print.survfit()'s survmean()/minmin(), which agrees with
 *   quantile() except that it takes the first time the (possibly non-monotone)
 *   bound curve is ≤ 0.5, and a curve ending at 0.5 gives the start of the stretch.
 */
export type MedianMethod = 'quantile' | 'print';

export type MedianSurvival = { readonly time: number | null; readonly lower: number | null; readonly upper: number | null };

export type MedianCurvePoint = {
  readonly time: number;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
};

const TOLERANCE = Math.sqrt(Number.EPSILON);
const HALF = 0.5;

export function medianSurvival(curve: readonly MedianCurvePoint[], method: MedianMethod = 'quantile'): MedianSurvival {
  const read = pickReader(method);
  const times = curve.map((row) => row.time);
  return {
    time: read(times, curve.map((row) => row.estimate)),
    lower: read(times, curve.map((row) => row.lower)),
    upper: read(times, curve.map((row) => row.upper)),
  };
}

type CurveReader = (times: readonly number[], surv: ReadonlyArray<number | null>) => number | null;

function pickReader(method: MedianMethod): CurveReader {
  switch (method) {
    case 'quantile':
      return quantileMedian;
    case 'print':
      return printMedian;
  }
}

function quantileMedian(times: readonly number[], surv: ReadonlyArray<number | null>): number | null {
  // quantile.survfit: x = c(start = 0, time), y = c(0, 1 - surv)
  const x = [0, ...times];
  const y = [0, ...surv.map((s) => (s === null ? null : 1 - s))];
  return findQuantile(x, y, HALF);
}

/** Port of survival:::findq for one probability p in (0, 1). */
function findQuantile(xAll: readonly number[], yAll: ReadonlyArray<number | null>, p: number): number | null {
  const highest = yAll.reduce<number>((max, v) => (v !== null && v > max ? v : max), -Infinity);
  if (highest < p) return null;
  const xmax = xAll[xAll.length - 1];
  const { x, y } = dropDuplicatedY(xAll, yAll);
  const first = approxConstantIndex(y, TOLERANCE, p);
  const second = approxConstantIndex(y, -TOLERANCE, p);
  const last = y[y.length - 1];
  if (last !== null && Math.abs(p - last) < TOLERANCE) return first === null ? null : (x[first] + xmax) / 2;
  return first === null || second === null ? null : (x[first] + x[second]) / 2;
}

/** duplicated(y) removal, keeping the first occurrence (NA counts as a value). */
function dropDuplicatedY(
  xAll: readonly number[],
  yAll: ReadonlyArray<number | null>,
): { x: number[]; y: Array<number | null> } {
  const seen = new Set<number | null>();
  const x: number[] = [];
  const y: Array<number | null> = [];
  yAll.forEach((value, i) => {
    if (seen.has(value)) return;
    seen.add(value);
    x.push(xAll[i]);
    y.push(value);
  });
  return { x, y };
}

/**
 * approx(y + shift, seq_along(y), p, method = "constant", f = 1)$y - 1:
 * NA pairs are dropped, points sorted by their shifted value, and the index
 * of the first point whose shifted value is ≥ p is returned (null outside the range).
 */
function approxConstantIndex(y: ReadonlyArray<number | null>, shift: number, p: number): number | null {
  const points = y
    .map((value, index) => ({ key: value === null ? null : value + shift, index }))
    .filter((pt): pt is { key: number; index: number } => pt.key !== null)
    .sort((a, b) => a.key - b.key);
  if (points.length === 0 || p < points[0].key || p > points[points.length - 1].key) return null;
  const hit = points.find((pt) => pt.key >= p);
  return hit === undefined ? null : hit.index;
}

/** Port of survmean()'s minmin(): first time the curve is below 0.5 (+tol), midpoint if flat at 0.5. */
function printMedian(times: readonly number[], surv: ReadonlyArray<number | null>): number | null {
  const kept = times
    .map((time, i) => ({ time, value: surv[i] }))
    .filter((pt): pt is { time: number; value: number } => pt.value !== null && pt.value < HALF + TOLERANCE);
  if (kept.length === 0) return null;
  const head = kept[0];
  const drop = kept.find((pt) => pt.value < head.value);
  if (Math.abs(head.value - HALF) < TOLERANCE && drop !== undefined) return (head.time + drop.time) / 2;
  return head.time;
}
