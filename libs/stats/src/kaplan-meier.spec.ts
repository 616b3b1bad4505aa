import { readFileSync } from 'fs';
import { join } from 'path';
import { kaplanMeier } from './kaplan-meier';
import type { KaplanMeierResult, KaplanMeierRow } from './kaplan-meier';
import { compareColumn, compareValue } from './testing/fixture-compare';
import type { FixtureFile, RNumber } from './testing/load-fixture';

type MedianFixture = { median: RNumber; lower: RNumber; upper: RNumber };

type KaplanMeierCase = {
  name: string;
  note: string;
  input: { time: number[]; event: boolean[] };
  n: number;
  fit: {
    time: number[];
    n_risk: number[];
    n_event: number[];
    n_censor: number[];
    surv: number[];
    std_err: RNumber[];
    lower: RNumber[];
    upper: RNumber[];
  };
  summary_std_err: RNumber[];
  quantile_median: MedianFixture;
  print_median: MedianFixture;
};

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'kaplan-meier.json'), 'utf8'),
) as FixtureFile<KaplanMeierCase>;

function observations(c: KaplanMeierCase): Array<{ time: number; event: boolean }> {
  return c.input.time.map((time, i) => ({ time, event: c.input.event[i] }));
}

function column(curve: readonly KaplanMeierRow[], pick: (row: KaplanMeierRow) => number | null): Array<number | null> {
  return curve.map(pick);
}

function curveMismatches(result: KaplanMeierResult, c: KaplanMeierCase): string[] {
  const { curve } = result;
  return [
    compareValue('n', result.n, c.n),
    ...compareColumn('time', column(curve, (r) => r.time), c.fit.time),
    ...compareColumn('n.risk', column(curve, (r) => r.atRisk), c.fit.n_risk),
    ...compareColumn('n.event', column(curve, (r) => r.events), c.fit.n_event),
    ...compareColumn('n.censor', column(curve, (r) => r.censored), c.fit.n_censor),
    ...compareColumn('surv', column(curve, (r) => r.estimate), c.fit.surv),
    ...compareColumn('std.err', column(curve, (r) => r.stdErrLogS), c.fit.std_err),
    ...compareColumn('summary std.err', column(curve, (r) => r.stdErr), c.summary_std_err),
    ...compareColumn('lower', column(curve, (r) => r.lower), c.fit.lower),
    ...compareColumn('upper', column(curve, (r) => r.upper), c.fit.upper),
  ].filter((m): m is string => m !== null);
}

function medianMismatches(actual: KaplanMeierResult['median'], expected: MedianFixture): string[] {
  return [
    compareValue('median', actual.time, expected.median),
    compareValue('median lower', actual.lower, expected.lower),
    compareValue('median upper', actual.upper, expected.upper),
  ].filter((m): m is string => m !== null);
}

describe('kaplanMeier against survival::survfit fixtures', () => {
  it('given the fixture file, then it records the R and survival versions', () => {
    expect(fixture.meta.r_version).toMatch(/^R version \d/);
    expect(fixture.meta.survival_version).toMatch(/^\d+\.\d+/);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(fixture.cases.map((c) => [c.name, c] as const))('given the %s data', (_name, c) => {
    const result = kaplanMeier(observations(c));

    it('then every curve column matches the survfit object within 1e-9, NA positions included', () => {
      expect(curveMismatches(result, c)).toEqual([]);
    });

    it('then the median and its CI match quantile(fit, 0.5)', () => {
      expect(medianMismatches(result.median, c.quantile_median)).toEqual([]);
    });

    it("then medianMethod 'print' matches print(fit)", () => {
      const printed = kaplanMeier(observations(c), { medianMethod: 'print' }).median;
      expect(medianMismatches(printed, c.print_median)).toEqual([]);
    });
  });
});

describe('kaplanMeier behaviour', () => {
  it('given a censoring at an event time, when fitted, then the censored subject is in that risk set', () => {
    const { curve } = kaplanMeier([
      { time: 2, event: true },
      { time: 2, event: false },
      { time: 3, event: true },
    ]);
    expect(curve[0]).toMatchObject({ time: 2, atRisk: 3, events: 1, censored: 1 });
    expect(curve[0].estimate).toBeCloseTo(2 / 3, 15);
    expect(curve[1]).toMatchObject({ time: 3, atRisk: 1, events: 1, estimate: 0, lower: null, upper: null });
  });

  it('given a lower confidence level, when fitted, then the interval is narrower', () => {
    const obs = [1, 2, 3, 4, 5, 6].map((time) => ({ time, event: time % 2 === 0 }));
    const wide = kaplanMeier(obs).curve[3];
    const narrow = kaplanMeier(obs, { confLevel: 0.8 }).curve[3];
    expect(narrow.lower as number).toBeGreaterThan(wide.lower as number);
    expect(narrow.upper as number).toBeLessThan(wide.upper as number);
  });

  it('given no observations, when fitted, then the curve is empty and the median undefined', () => {
    expect(kaplanMeier([])).toEqual({ n: 0, curve: [], median: { time: null, lower: null, upper: null } });
  });

  it('given a non-finite time, when fitted, then it is rejected', () => {
    expect(() => kaplanMeier([{ time: Number.NaN, event: true }])).toThrow(RangeError);
  });

  it('given an invalid confidence level, when fitted, then it is rejected', () => {
    expect(() => kaplanMeier([{ time: 1, event: true }], { confLevel: 1 })).toThrow(RangeError);
  });
});
