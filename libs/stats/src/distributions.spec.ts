import { readFileSync } from 'fs';
import { join } from 'path';
import { betaQuantile, chiSquareUpperTail, gammaQuantile, normalQuantile, twoSidedZ } from './distributions';
import { logGamma } from './special-functions';
import type { FixtureMeta } from './testing/load-fixture';

type Point<K extends string> = Record<K, number> & { value: number };

type DistributionFixture = {
  meta: FixtureMeta;
  qnorm: Array<Point<'p'>>;
  qgamma: Array<Point<'p' | 'shape'>>;
  qbeta: Array<Point<'p' | 'a' | 'b'>>;
  pchisq_upper: Array<Point<'x' | 'df'>>;
};

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'distributions.json'), 'utf8'),
) as DistributionFixture;

/** Relative agreement (these values span hundreds of orders of magnitude). */
function relativeMismatch(label: string, actual: number, expected: number): string | null {
  const ok = expected === 0 ? actual === 0 : Math.abs(actual - expected) <= 1e-9 * Math.abs(expected);
  return ok ? null : `${label}: expected ${expected}, got ${actual}`;
}

function mismatches<T extends { value: number }>(points: readonly T[], compute: (p: T) => number, name: (p: T) => string): string[] {
  return points
    .map((p) => relativeMismatch(name(p), compute(p), p.value))
    .filter((m): m is string => m !== null);
}

describe('distribution functions against R', () => {
  it('given qnorm reference points, then normalQuantile agrees to 1e-9 relative', () => {
    expect(mismatches(fixture.qnorm, (p) => normalQuantile(p.p), (p) => `qnorm(${p.p})`)).toEqual([]);
  });

  it('given qgamma reference points, then gammaQuantile agrees to 1e-9 relative', () => {
    const found = mismatches(fixture.qgamma, (p) => gammaQuantile(p.p, p.shape), (p) => `qgamma(${p.p}, ${p.shape})`);
    expect(found).toEqual([]);
  });

  it('given qbeta reference points, then betaQuantile agrees to 1e-9 relative', () => {
    const found = mismatches(fixture.qbeta, (p) => betaQuantile(p.p, p.a, p.b), (p) => `qbeta(${p.p}, ${p.a}, ${p.b})`);
    expect(found).toEqual([]);
  });

  it('given pchisq upper-tail reference points, then chiSquareUpperTail agrees to 1e-9 relative', () => {
    const found = mismatches(fixture.pchisq_upper, (p) => chiSquareUpperTail(p.x, p.df), (p) => `pchisq(${p.x}, ${p.df})`);
    expect(found).toEqual([]);
  });

  it("given a 95% level, then the two-sided z is R's qnorm(0.975) to the last bit", () => {
    expect(twoSidedZ(0.95)).toBe(1.9599639845400536);
  });

  it('given integers, then logGamma is log((n - 1)!)', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(20)).toBeCloseTo(Math.log(121645100408832000), 12);
  });

  it('given probabilities outside [0, 1], then the quantiles are rejected', () => {
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => gammaQuantile(-0.1, 2)).toThrow(RangeError);
    expect(() => betaQuantile(2, 1, 1)).toThrow(RangeError);
  });
});
