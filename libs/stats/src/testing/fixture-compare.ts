/**
 * Comparison helpers for the R fixture tests (not part of the public API).
 * R's non-finite values arrive as the strings "NA", "NaN", "Inf", "-Inf" and
 * must correspond to null on our side; numbers must agree within `tolerance`,
 * absolutely for |expected| ≤ 1 and relatively above that.
 */
export type FixtureNumber = number | string;

export const FIXTURE_TOLERANCE = 1e-9;

export function compareValue(
  label: string,
  actual: number | null | undefined,
  expected: FixtureNumber,
  tolerance = FIXTURE_TOLERANCE,
): string | null {
  if (typeof expected === 'string') {
    return actual === null ? null : `${label}: expected ${expected} (null), got ${String(actual)}`;
  }
  if (typeof actual !== 'number' || !Number.isFinite(actual)) {
    return `${label}: expected ${expected}, got ${String(actual)}`;
  }
  const scale = Math.max(1, Math.abs(expected));
  return Math.abs(actual - expected) <= tolerance * scale ? null : `${label}: expected ${expected}, got ${actual}`;
}

/** All mismatches between two columns; a length mismatch is reported as one. */
export function compareColumn(
  label: string,
  actual: ReadonlyArray<number | null>,
  expected: readonly FixtureNumber[],
  tolerance = FIXTURE_TOLERANCE,
): string[] {
  if (actual.length !== expected.length) return [`${label}: expected ${expected.length} values, got ${actual.length}`];
  return actual
    .map((value, i) => compareValue(`${label}[${i}]`, value, expected[i], tolerance))
    .filter((message): message is string => message !== null);
}
