import { readFileSync } from 'fs';
import { join } from 'path';
import { compareColumn, compareValue } from '../testing/fixture-compare';
import type { FixtureFile } from '../testing/load-fixture';
import { coxProportionalHazards } from './cox';
import type { CoxResult, CoxRow, CoxTies } from './types';

type RTest = { statistic: number; df: number; pvalue: number };

type CoxCase = {
  name: string;
  ties: CoxTies;
  conf_level: number;
  terms: string[];
  input: { time: number[]; status: number[]; covariates: number[][]; stratum?: string[]; cause?: string[] };
  init?: number[];
  n: number;
  nevent: number;
  coef: number[];
  se: number[];
  exp_coef: number[];
  z: number[];
  pvalue: number[];
  lower: number[];
  upper: number[];
  var: number[][];
  loglik: number[];
  iter: number;
  wald: RTest;
  lr: RTest;
  score: RTest;
};

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'cox.json'), 'utf8')) as FixtureFile<CoxCase>;

/**
 * Agreement with R: 1e-9, absolute for |x| ≤ 1 and relative above (the
 * fixture-compare rule); p-values as the ratio to R's, so relatively.
 */
const TOLERANCE = 1e-9;

function caseNamed(name: string): CoxCase {
  const found = fixture.cases.find((c) => c.name === name);
  if (!found) throw new Error(`no fixture case ${name}`);
  return found;
}

function rowsOf(c: CoxCase): CoxRow[] {
  const { time, status, covariates, stratum } = c.input;
  return time.map((t, i) => ({ time: t, status: status[i], covariates: covariates[i], ...(stratum ? { stratum: stratum[i] } : {}) }));
}

function fit(c: CoxCase, rows = rowsOf(c)): CoxResult {
  return coxProportionalHazards(rows, { ties: c.ties, confLevel: c.conf_level, init: c.init });
}

/** p-values can be tiny: compared as the ratio to R's, and exactly where R's underflows to 0. */
function relativeP(label: string, actual: number, expected: number): string | null {
  if (expected === 0) return actual === 0 ? null : `${label}: expected 0, got ${actual}`;
  return compareValue(`${label} / R p`, actual / expected, 1, TOLERANCE);
}

function testMismatches(label: string, actual: CoxResult['waldTest'], expected: RTest): string[] {
  return [
    compareValue(`${label}.statistic`, actual.statistic, expected.statistic, TOLERANCE),
    compareValue(`${label}.df`, actual.df, expected.df, 0),
    relativeP(`${label}.p`, actual.pValue, expected.pvalue),
  ].filter((m): m is string => m !== null);
}

function mismatches(result: CoxResult, c: CoxCase): string[] {
  const column = (key: 'coef' | 'se' | 'hazardRatio' | 'lower' | 'upper' | 'z'): number[] =>
    result.coefficients.map((k) => k[key]);
  return [
    ...compareColumn('coef', column('coef'), c.coef, TOLERANCE),
    ...compareColumn('se', column('se'), c.se, TOLERANCE),
    ...compareColumn('loglik', [...result.loglik], c.loglik, TOLERANCE),
    ...compareColumn('exp(coef)', column('hazardRatio'), c.exp_coef, TOLERANCE),
    ...compareColumn('lower', column('lower'), c.lower, TOLERANCE),
    ...compareColumn('upper', column('upper'), c.upper, TOLERANCE),
    ...compareColumn('z', column('z'), c.z, TOLERANCE),
    ...result.coefficients.map((k, i) => relativeP(`p[${i}]`, k.pValue, c.pvalue[i])).filter((m): m is string => m !== null),
    ...c.var.flatMap((row, i) => compareColumn(`var[${i}]`, result.variance[i], row, TOLERANCE)),
    ...testMismatches('wald', result.waldTest, c.wald),
    ...testMismatches('lr', result.likelihoodRatioTest, c.lr),
    ...testMismatches('score', result.scoreTest, c.score),
  ];
}

/** Fisher–Yates with a fixed linear congruential generator, so the test is deterministic. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('coxProportionalHazards against survival::coxph fixtures', () => {
  it('given the fixture file, then it covers lung, ovarian, mgus2, strata and Breslow ties', () => {
    const names = fixture.cases.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['lung', 'ovarian', 'mgus2_progression', 'sim_ties', 'sim_strata', 'sim_zero_times']));
    expect(fixture.cases.some((c) => c.ties === 'breslow' && c.input.stratum)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    'given the %s data, when fitted, then coefficients, se, logliks, intervals and tests equal R within 1e-9',
    (_name, c) => {
      const result = fit(c);
      expect(mismatches(result, c)).toEqual([]);
      expect(result.coefficients).toHaveLength(c.terms.length);
      expect([result.iterations, result.n, result.events, result.converged]).toEqual([c.iter, c.n, c.nevent, true]);
    },
  );

  it('given mgus2 with progression and death, when death is coded as censored, then the fit is the cause-specific hazard of progression', () => {
    const c = caseNamed('mgus2_progression');
    const causes = c.input.cause ?? [];
    const rows = rowsOf(c).map((row, i) => ({ ...row, status: causes[i] === 'progression' ? 1 : 0 }));
    const result = fit(c, rows);
    expect(causes.filter((x) => x === 'death').length).toBeGreaterThan(result.events);
    expect(result.events).toBe(causes.filter((x) => x === 'progression').length);
    expect(mismatches(result, c)).toEqual([]);
  });

  it.each(['lung', 'sim_strata', 'sim_ties_breslow'])(
    'given the %s rows in another order, when fitted, then nothing changes beyond rounding',
    (name) => {
      const c = caseNamed(name);
      const reference = fit(c);
      const permuted = fit(c, shuffled(rowsOf(c), 20240703));
      const values = (r: CoxResult): number[] => [
        ...r.coefficients.flatMap((k) => [k.coef, k.se, k.lower, k.upper, k.pValue]),
        ...r.loglik,
        r.waldTest.statistic,
        r.scoreTest.statistic,
        r.iterations,
      ];
      expect(compareColumn('permuted', values(permuted), values(reference), 1e-12)).toEqual([]);
    },
  );

  it('given no options, then Efron ties and a 95% level are used', () => {
    const c = caseNamed('lung');
    const result = coxProportionalHazards(rowsOf(c));
    expect([result.ties, result.confLevel]).toEqual(['efron', 0.95]);
    expect(compareColumn('coef', result.coefficients.map((k) => k.coef), c.coef, TOLERANCE)).toEqual([]);
  });

  it('given too few iterations for a poor start, then the result says it did not converge', () => {
    const c = caseNamed('lung_init');
    const result = coxProportionalHazards(rowsOf(c), { init: c.init, maxIterations: 2 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
    expect(result.loglik[1]).toBeLessThan(c.loglik[1]);
  });
});

describe('coxProportionalHazards input errors', () => {
  const rows: CoxRow[] = [
    { time: 5, status: 1, covariates: [1, 0.2] },
    { time: 8, status: 0, covariates: [0, 1.5] },
    { time: 3, status: 1, covariates: [1, -0.4] },
    { time: 9, status: 1, covariates: [0, 0.9] },
    { time: 6, status: 0, covariates: [1, 2.2] },
  ];
  const withRow = (i: number, row: Partial<CoxRow>): CoxRow[] => rows.map((r, k) => (k === i ? { ...r, ...row } : r));

  it('given only censored rows, then a RangeError says there are no events', () => {
    expect(() => coxProportionalHazards(rows.map((r) => ({ ...r, status: 0 })))).toThrow(/no events/);
  });

  it('given a covariate with the same value in every row, then a RangeError says it is constant', () => {
    expect(() => coxProportionalHazards(rows.map((r) => ({ ...r, covariates: [r.covariates[0], 7] })))).toThrow(
      /covariate 1 is constant/,
    );
  });

  it('given collinear covariates, then a RangeError says the information matrix is singular', () => {
    const collinear = rows.map((r) => ({ ...r, covariates: [...r.covariates, 2 * r.covariates[1] + 1] }));
    expect(() => coxProportionalHazards(collinear)).toThrow(/singular/);
  });

  it('given a covariate constant within each stratum, then a RangeError says the information matrix is singular', () => {
    const stratified = rows.map((r) => ({ ...r, stratum: r.covariates[0] === 1 ? 'a' : 'b' }));
    expect(() => coxProportionalHazards(stratified)).toThrow(/singular/);
  });

  it('given rows with different numbers of covariates, then a RangeError names the row', () => {
    expect(() => coxProportionalHazards(withRow(2, { covariates: [1] }))).toThrow(/row 2: expected 2 covariates/);
  });

  it('given non-finite times or covariates, then a RangeError is thrown', () => {
    expect(() => coxProportionalHazards(withRow(1, { time: Number.NaN }))).toThrow(/row 1: time/);
    expect(() => coxProportionalHazards(withRow(1, { time: Infinity }))).toThrow(/row 1: time/);
    expect(() => coxProportionalHazards(withRow(3, { covariates: [0, Number.NaN] }))).toThrow(/row 3: covariate 1 must be finite/);
    expect(() => coxProportionalHazards(withRow(3, { covariates: [-Infinity, 1] }))).toThrow(/finite/);
  });

  it('given a negative time, a status other than 0/1, or a stratum on some rows only, then a RangeError is thrown', () => {
    expect(() => coxProportionalHazards(withRow(0, { time: -1 }))).toThrow(/≥ 0/);
    expect(() => coxProportionalHazards(withRow(0, { status: 2 }))).toThrow(/status must be 0 or 1/);
    expect(() => coxProportionalHazards(withRow(4, { stratum: 'a' }))).toThrow(/stratum/);
  });

  it('given bad options, then a RangeError is thrown', () => {
    expect(() => coxProportionalHazards(rows, { init: [0] })).toThrow(/init/);
    expect(() => coxProportionalHazards(rows, { confLevel: 95 })).toThrow(/confLevel/);
    expect(() => coxProportionalHazards(rows, { maxIterations: -1 })).toThrow(/maxIterations/);
    expect(() => coxProportionalHazards([])).toThrow(RangeError);
  });
});
