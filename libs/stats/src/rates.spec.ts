import { readFileSync } from 'fs';
import { join } from 'path';
import { poissonRate, rateRatio } from './rates';
import { compareValue } from './testing/fixture-compare';
import type { FixtureMeta, RNumber } from './testing/load-fixture';

type RateCase = { events: number; person_years: number; estimate: number; lower: number; upper: number };
type RatioCase = {
  events1: number;
  person_years1: number;
  events2: number;
  person_years2: number;
  estimate: RNumber;
  lower: RNumber;
  upper: RNumber;
};

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'rates.json'), 'utf8')) as {
  meta: FixtureMeta;
  rates: RateCase[];
  ratios: RatioCase[];
};

const relative = (label: string, actual: number | null, expected: RNumber): string | null =>
  typeof expected === 'number' && expected !== 0 && actual !== null
    ? compareValue(label, actual / expected, 1)
    : compareValue(label, actual, expected);

describe('poissonRate against poisson.test(x, T)', () => {
  it.each(fixture.rates.map((c) => [c.events, c.person_years, c] as const))(
    'given %d events in %d person-years, then the rate and exact CI match to 1e-9 relative',
    (events, personYears, c) => {
      const r = poissonRate(events, personYears, 1);
      const found = [
        relative('rate', r.rate, c.estimate),
        relative('lower', r.lower, c.lower),
        relative('upper', r.upper, c.upper),
      ].filter((m) => m !== null);
      expect(found).toEqual([]);
    },
  );

  it('given per = 100, then every figure is scaled by 100', () => {
    const one = poissonRate(7, 123.4, 1);
    const hundred = poissonRate(7, 123.4);
    expect(hundred.per).toBe(100);
    expect(hundred.rate).toBeCloseTo(one.rate * 100, 12);
    expect(hundred.upper).toBeCloseTo(one.upper * 100, 12);
  });

  it('given zero events, then the rate and lower limit are 0 and the upper limit is -log(α/2)/T', () => {
    const r = poissonRate(0, 10, 1);
    expect(r).toMatchObject({ rate: 0, lower: 0 });
    expect(r.upper).toBeCloseTo(-Math.log(0.025) / 10, 14);
  });

  it('given invalid inputs, then they are rejected', () => {
    expect(() => poissonRate(-1, 10)).toThrow(RangeError);
    expect(() => poissonRate(1.5, 10)).toThrow(RangeError);
    expect(() => poissonRate(1, 0)).toThrow(RangeError);
    expect(() => poissonRate(1, 10, 100, { confLevel: 0 })).toThrow(RangeError);
  });
});

describe('rateRatio against poisson.test(c(x1, x2), c(T1, T2))', () => {
  it.each(fixture.ratios.map((c) => [`${c.events1}/${c.person_years1} vs ${c.events2}/${c.person_years2}`, c] as const))(
    'given %s, then the ratio and exact conditional CI match to 1e-9 relative',
    (_label, c) => {
      const r = rateRatio({ events: c.events1, personYears: c.person_years1 }, { events: c.events2, personYears: c.person_years2 });
      const found = [
        relative('ratio', r.ratio, c.estimate),
        relative('lower', r.lower, c.lower),
        relative('upper', r.upper, c.upper),
      ].filter((m) => m !== null);
      expect(found).toEqual([]);
      expect(r.method).toBe('exact-conditional-binomial');
    },
  );

  it('given no events in either group, then nothing is estimated', () => {
    const r = rateRatio({ events: 0, personYears: 10 }, { events: 0, personYears: 20 });
    expect(r).toMatchObject({ ratio: null, lower: null, upper: null });
  });

  it('given no events in the reference group, then the ratio and upper limit are null (infinite)', () => {
    const r = rateRatio({ events: 5, personYears: 10 }, { events: 0, personYears: 20 });
    expect(r.ratio).toBeNull();
    expect(r.upper).toBeNull();
    expect(r.lower).toBeGreaterThan(0);
  });
});
