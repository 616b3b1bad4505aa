import { readFileSync } from 'fs';
import { join } from 'path';
import { logRank, logRankByLabel } from './log-rank';
import type { LogRankResult } from './log-rank';
import { compareColumn, compareValue } from './testing/fixture-compare';
import type { FixtureFile } from './testing/load-fixture';

type LogRankCase = {
  name: string;
  input: { time: number[]; event: boolean[]; group: string[] };
  levels: string[];
  obs: number[];
  exp: number[];
  var: number[][];
  chisq: number;
  df: number;
  pvalue: number;
};

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'log-rank.json'), 'utf8'),
) as FixtureFile<LogRankCase>;

function mismatches(result: LogRankResult, c: LogRankCase): string[] {
  return [
    ...compareColumn('obs', result.observed, c.obs),
    ...compareColumn('exp', result.expected, c.exp),
    ...c.var.flatMap((row, i) => compareColumn(`var[${i}]`, result.variance[i] ?? [], row)),
    compareValue('chisq', result.chiSquare, c.chisq),
    compareValue('df', result.df, c.df),
    // p-values can be tiny: compare them relatively
    compareValue('pvalue', (result.pValue ?? Number.NaN) / c.pvalue, 1),
  ].filter((m): m is string => m !== null);
}

function labelled(c: LogRankCase): Array<{ time: number; event: boolean; group: string }> {
  return c.input.time.map((time, i) => ({ time, event: c.input.event[i], group: c.input.group[i] }));
}

describe('logRank against survival::survdiff (rho = 0) fixtures', () => {
  it('given the fixture file, then it has two-group and more-than-two-group cases', () => {
    expect(fixture.cases.some((c) => c.levels.length === 2)).toBe(true);
    expect(fixture.cases.some((c) => c.levels.length > 2)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    'given the %s data, then obs, exp, var, chisq, df and p match within 1e-9',
    (_name, c) => {
      const result = logRankByLabel(labelled(c), c.levels);
      expect(result.groups).toEqual(c.levels);
      expect(mismatches(result, c)).toEqual([]);
    },
  );

  it('given groups in another order, when tested, then the statistic is unchanged and the vectors permute', () => {
    const c = fixture.cases.find((x) => x.levels.length > 2) as LogRankCase;
    const reversed = logRankByLabel(labelled(c), [...c.levels].reverse());
    expect(compareValue('chisq', reversed.chiSquare, c.chisq)).toBeNull();
    expect(compareColumn('obs', [...reversed.observed].reverse(), c.obs)).toEqual([]);
  });
});

describe('logRank behaviour', () => {
  it('given a group with no subjects, when tested, then it is left out of df like survdiff', () => {
    const a = [1, 2, 3].map((time) => ({ time, event: true }));
    const b = [2, 4, 5].map((time) => ({ time, event: true }));
    const withEmpty = logRank([a, [], b]);
    const without = logRank([a, b]);
    expect(withEmpty.df).toBe(1);
    expect(withEmpty.chiSquare).toBeCloseTo(without.chiSquare, 12);
    expect(withEmpty.expected[1]).toBe(0);
  });

  it('given a single group, when tested, then there is no test', () => {
    const result = logRank([[{ time: 1, event: true }]]);
    expect(result).toMatchObject({ chiSquare: 0, df: 0, pValue: null });
  });

  it('given a label missing from levels, when tested, then it is rejected', () => {
    expect(() => logRankByLabel([{ time: 1, event: true, group: 'x' }], ['y'])).toThrow(RangeError);
  });
});
