import { relativeLikelihood } from './relative-likelihood';

describe('relativeLikelihood', () => {
  it('given 10/75 against 12/225, then it matches SciPy relative_risk to 1e-12', () => {
    const r = relativeLikelihood({ successes: 10, total: 75 }, { successes: 12, total: 225 });
    expect(Math.abs((r.ratio as number) - 2.5)).toBeLessThan(1e-12);
    expect(Math.abs((r.lower as number) - 1.1261564003469628)).toBeLessThan(1e-12);
    expect(Math.abs((r.upper as number) - 5.549850800541033)).toBeLessThan(1e-12);
    expect(r.se).toBeCloseTo(Math.sqrt(1 / 10 - 1 / 75 + 1 / 12 - 1 / 225), 15);
  });

  it('given a 90% level, then the interval is narrower than at 95%', () => {
    const num = { successes: 10, total: 75 };
    const den = { successes: 12, total: 225 };
    const r90 = relativeLikelihood(num, den, { confLevel: 0.9 });
    expect(r90.lower as number).toBeGreaterThan(1.1261564003469628);
    expect(r90.upper as number).toBeLessThan(5.549850800541033);
  });

  it('given no successes in the numerator, then the ratio is 0 with lower 0 and no upper limit (as SciPy)', () => {
    expect(relativeLikelihood({ successes: 0, total: 50 }, { successes: 4, total: 60 })).toEqual({
      ratio: 0,
      lower: 0,
      upper: null,
      se: null,
    });
  });

  it('given no successes in the denominator, then the ratio is undefined (null)', () => {
    expect(relativeLikelihood({ successes: 3, total: 50 }, { successes: 0, total: 60 })).toEqual({
      ratio: null,
      lower: null,
      upper: null,
      se: null,
    });
  });

  it('given successes above the total or an empty group, then it is rejected', () => {
    expect(() => relativeLikelihood({ successes: 6, total: 5 }, { successes: 1, total: 5 })).toThrow(RangeError);
    expect(() => relativeLikelihood({ successes: 0, total: 0 }, { successes: 1, total: 5 })).toThrow(RangeError);
  });
});
