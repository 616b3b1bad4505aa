import { assertConfLevel, studentTQuantile, studentTUpperTail } from '../distributions';
import { assertNotConstant, assertSample, mean, variance } from './sample';

export type TTestResult = {
  /** Mean difference: after − before (paired), mean(x) − mean(y) (Welch). */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confLevel: number;
  readonly stdErr: number;
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value, 2 · P(T > |t|). */
  readonly pValue: number;
};

/**
 * Paired t-test of after − before, as t.test(after, before, paired = TRUE).
 * Throws a RangeError for fewer than 2 pairs, unequal lengths, non-finite
 * values, and differences that are (essentially) constant; R gives NaN
 * instead of stopping when every difference is exactly 0.
 */
export function pairedTTest(before: readonly number[], after: readonly number[], confLevel = 0.95): TTestResult {
  assertConfLevel(confLevel);
  if (before.length !== after.length) {
    throw new RangeError(`paired samples must have equal lengths, got ${before.length} and ${after.length}`);
  }
  assertSample('before', before);
  assertSample('after', after);
  const differences = after.map((a, i) => a - before[i]);
  const estimate = mean(differences);
  const stdErr = Math.sqrt(variance(differences) / differences.length);
  assertNotConstant(stdErr, estimate);
  return studentResult(estimate, stdErr, differences.length - 1, confLevel);
}

/** Welch two-sample t-test of mean(x) − mean(y), as t.test(x, y) (var.equal = FALSE). */
export function welchTTest(x: readonly number[], y: readonly number[], confLevel = 0.95): TTestResult {
  assertConfLevel(confLevel);
  assertSample('x', x);
  assertSample('y', y);
  const [mx, my] = [mean(x), mean(y)];
  const seX2 = variance(x) / x.length;
  const seY2 = variance(y) / y.length;
  const stdErr = Math.sqrt(seX2 + seY2);
  assertNotConstant(stdErr, mx, my);
  const df = stdErr ** 4 / (seX2 ** 2 / (x.length - 1) + seY2 ** 2 / (y.length - 1));
  return studentResult(mx - my, stdErr, df, confLevel);
}

/** The interval is (t ± q)·se, the order of operations of R's t.test. */
function studentResult(estimate: number, stdErr: number, df: number, confLevel: number): TTestResult {
  const t = estimate / stdErr;
  const q = studentTQuantile(1 - (1 - confLevel) / 2, df);
  const pValue = 2 * studentTUpperTail(Math.abs(t), df);
  return { estimate, lower: (t - q) * stdErr, upper: (t + q) * stdErr, confLevel, stdErr, t, df, pValue };
}
