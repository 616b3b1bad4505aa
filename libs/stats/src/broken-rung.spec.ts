import { brokenRungRatio } from './broken-rung';
import type { RungGroup, RungHeadcount, RungPersonTime } from './broken-rung';
import { rateRatio } from './rates';
import { relativeLikelihood } from './relative-likelihood';

describe('brokenRungRatio', () => {
  it('given person-time groups, then the ratio and CI are the exact Poisson rate ratio', () => {
    const focal: RungPersonTime = { kind: 'personTime', moves: 12, personYears: 340.25 };
    const reference: RungPersonTime = { kind: 'personTime', moves: 30, personYears: 410.75 };
    const result = brokenRungRatio(focal, reference);
    // poisson.test(c(12, 30), c(340.25, 410.75)) in R 4.2.2
    expect(result.ratio).toBeCloseTo(12 / 340.25 / (30 / 410.75), 14);
    expect(result.lower).toBeCloseTo(0.22515390340084943, 9);
    expect(result.upper).toBeCloseTo(0.97122799039629015, 9);
    expect(result.method).toBe('poisson-exact-conditional');
    expect(result.focal).toEqual({ moves: 12, exposure: 340.25, rate: (12 / 340.25) * 100 });
    expect(result.reference.rate).toBeCloseTo((30 / 410.75) * 100, 12);
  });

  it('given headcount groups, then the ratio and CI are the log-scale risk ratio', () => {
    const focal: RungHeadcount = { kind: 'headcount', moves: 10, atRisk: 75 };
    const reference: RungHeadcount = { kind: 'headcount', moves: 12, atRisk: 225 };
    const result = brokenRungRatio(focal, reference);
    const expected = relativeLikelihood({ successes: 10, total: 75 }, { successes: 12, total: 225 });
    expect(result).toMatchObject({ ratio: expected.ratio, lower: expected.lower, upper: expected.upper, method: 'log-risk-ratio' });
    expect(result.focal).toEqual({ moves: 10, exposure: 75, rate: 10 / 75 });
  });

  it('given a rate unit and confidence level, then they are passed through', () => {
    const focal: RungPersonTime = { kind: 'personTime', moves: 3, personYears: 100 };
    const reference: RungPersonTime = { kind: 'personTime', moves: 10, personYears: 120 };
    const result = brokenRungRatio(focal, reference, { per: 1000, confLevel: 0.9 });
    const expected = rateRatio({ events: 3, personYears: 100 }, { events: 10, personYears: 120 }, { confLevel: 0.9 });
    expect(result.focal.rate).toBeCloseTo(30, 12);
    expect(result.lower).toBe(expected.lower);
    expect(result.upper).toBe(expected.upper);
  });

  it('given no moves in the reference group, then the ratio is null rather than infinite', () => {
    const result = brokenRungRatio(
      { kind: 'personTime', moves: 4, personYears: 50 },
      { kind: 'personTime', moves: 0, personYears: 60 },
    );
    expect(result.ratio).toBeNull();
    expect(result.upper).toBeNull();
  });

  it('given groups of different kinds, then it is rejected', () => {
    const focal: RungGroup = { kind: 'personTime', moves: 1, personYears: 5 };
    const reference: RungGroup = { kind: 'headcount', moves: 1, atRisk: 5 };
    const call = brokenRungRatio as (a: RungGroup, b: RungGroup) => unknown;
    expect(() => call(focal, reference)).toThrow(TypeError);
  });
});
