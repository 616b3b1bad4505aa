import { readFileSync } from 'fs';
import { join } from 'path';
import { studentTQuantile, studentTUpperTail } from '../distributions';
import { compareValue } from '../testing/fixture-compare';
import type { FixtureMeta } from '../testing/load-fixture';
import { pairedTTest, welchTTest } from './t-test';
import type { TTestResult } from './t-test';

type Expected = { estimate: number; lower: number; upper: number; t: number; df: number; pvalue: number; stderr: number };
type PairedCase = Expected & { name: string; kind: 'paired'; conf_level: number; before: number[]; after: number[] };
type WelchCase = Expected & { name: string; kind: 'welch'; conf_level: number; x: number[]; y: number[] };
type TTestCase = PairedCase | WelchCase;
type DistributionPoint = { df: number; value: number };

type TTestFixture = {
  meta: FixtureMeta;
  cases: TTestCase[];
  qt: Array<DistributionPoint & { p: number }>;
  pt_upper: Array<DistributionPoint & { t: number }>;
};

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 't-test.json'), 'utf8'),
) as TTestFixture;

const TOLERANCE = 1e-9;

function run(c: TTestCase): TTestResult {
  return c.kind === 'paired' ? pairedTTest(c.before, c.after, c.conf_level) : welchTTest(c.x, c.y, c.conf_level);
}

/** Within 1e-9, absolute for |x| ≤ 1 and relative above; p-values relatively. */
function mismatches(result: TTestResult, c: TTestCase): string[] {
  return [
    compareValue('estimate', result.estimate, c.estimate, TOLERANCE),
    compareValue('lower', result.lower, c.lower, TOLERANCE),
    compareValue('upper', result.upper, c.upper, TOLERANCE),
    compareValue('stdErr', result.stdErr, c.stderr, TOLERANCE),
    compareValue('t', result.t, c.t, TOLERANCE),
    compareValue('df', result.df, c.df, TOLERANCE),
    compareValue('p / R p', result.pValue / c.pvalue, 1, TOLERANCE),
  ].filter((m): m is string => m !== null);
}

function relativeMismatch(label: string, actual: number, expected: number): string | null {
  const ok = expected === 0 ? Math.abs(actual) <= 1e-15 : Math.abs(actual / expected - 1) <= TOLERANCE;
  return ok ? null : `${label}: expected ${expected}, got ${actual}`;
}

describe('t-tests against R fixtures', () => {
  it('given the fixture file, then it has paired and Welch cases, small n and a 90% level', () => {
    expect(fixture.cases.some((c) => c.kind === 'paired' && c.before.length === 2)).toBe(true);
    expect(fixture.cases.some((c) => c.kind === 'welch' && c.x.length !== c.y.length)).toBe(true);
    expect(fixture.cases.some((c) => c.conf_level === 0.9)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    'given the %s case, when tested, then estimate, CI, t, df and p equal R within 1e-9',
    (_name, c) => {
      expect(mismatches(run(c), c)).toEqual([]);
    },
  );

  it('given qt reference points, when the Student t quantile is computed, then it equals R within 1e-9 relative', () => {
    const found = fixture.qt.map((q) => relativeMismatch(`qt(${q.p}, ${q.df})`, studentTQuantile(q.p, q.df), q.value));
    expect(found.filter((m) => m !== null)).toEqual([]);
  });

  it('given pt reference points, when the upper tail is computed, then it equals R within 1e-9 relative', () => {
    const found = fixture.pt_upper.map((q) =>
      relativeMismatch(`pt(${q.t}, ${q.df})`, studentTUpperTail(q.t, q.df), q.value),
    );
    expect(found.filter((m) => m !== null)).toEqual([]);
  });

  it('given before and after swapped, when a paired test is run, then the estimate, CI and t change sign', () => {
    const c = fixture.cases.find((x): x is PairedCase => x.name === 'sleep_paired') as PairedCase;
    const swapped = pairedTTest(c.after, c.before);
    expect(swapped.estimate).toBeCloseTo(-c.estimate, 12);
    expect(swapped.lower).toBeCloseTo(-c.upper, 12);
    expect(swapped.pValue).toBeCloseTo(c.pvalue, 12);
  });
});

describe('t-test input errors', () => {
  it('given fewer than 2 pairs or observations, then a RangeError is thrown', () => {
    expect(() => pairedTTest([0.4], [0.5])).toThrow(/at least 2/);
    expect(() => welchTTest([0.4], [0.5, 0.6])).toThrow(/at least 2/);
    expect(() => welchTTest([0.4, 0.7], [])).toThrow(RangeError);
  });

  it('given paired samples of unequal length, then a RangeError is thrown', () => {
    expect(() => pairedTTest([0.1, 0.2, 0.3], [0.2, 0.3])).toThrow(/equal lengths/);
  });

  it('given constant differences or constant samples, then "data are essentially constant" as in R', () => {
    expect(() => pairedTTest([0.1, 0.2, 0.3], [0.3, 0.4, 0.5])).toThrow('data are essentially constant');
    expect(() => pairedTTest([0.1, 0.2], [0.1, 0.2])).toThrow('data are essentially constant');
    expect(() => welchTTest([0.5, 0.5, 0.5], [0.2, 0.2])).toThrow('data are essentially constant');
  });

  it('given non-finite values, then a RangeError is thrown', () => {
    expect(() => pairedTTest([0.1, Number.NaN], [0.2, 0.3])).toThrow(/finite/);
    expect(() => welchTTest([0.1, 0.4], [0.2, Infinity])).toThrow(/finite/);
  });

  it('given a confidence level outside (0, 1), then a RangeError is thrown', () => {
    expect(() => welchTTest([0.1, 0.4], [0.2, 0.3], 1)).toThrow(/confLevel/);
  });
});
