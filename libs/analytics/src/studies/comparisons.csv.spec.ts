import type { FollowUp } from '../cohorts/follow-up';
import type { OutcomeName } from '../cohorts/outcomes';
import { comparisonsCsv } from './comparisons.csv';
import type { Study } from './study-definition';
import { assembleStudyReport, packArm, type ArmData } from './study-report';

const study: Study = {
  id: 'study-1', definedAt: '2025-01-01T00:00:00Z',
  definition: { name: 'Mentoring', arms: [{ name: 'mentored', cohortId: 'c1' }, { name: 'tiny', cohortId: 'c2' }, { name: 'comparison', cohortId: 'c3' }], outcomes: ['exit'], horizonMonths: 12, interval: 'quarter', checkpointsMonths: [], referenceArm: 'comparison' },
};

function arm(name: string, cohortId: string, n: number, every: number): ArmData {
  const exit: FollowUp[] = Array.from({ length: n }, (_, i) => (i % every === 0 ? { time: 30 + i, status: 'event' } : { time: 360, status: 'censored' }));
  return { name, cohortId, size: n, followUps: new Map<OutcomeName, FollowUp[]>([['exit', exit]]) };
}

const report = assembleStudyReport({
  study, arms: [arm('mentored', 'c1', 60, 3), arm('tiny', 'c2', 3, 1), arm('comparison', 'c3', 80, 2)].map(packArm),
  disclosure: 'exact', asOf: '2025-06-30', k: 5, dataVersion: { subjects: 143, events: 1, fingerprint: 'f' }, horizonMonths: 12,
});
const lines = comparisonsCsv(report).trimEnd().split('\r\n');
const rowsOf = (measure: string): string[][] => lines.slice(1).map((l) => l.split(',')).filter((r) => r[4] === measure);

describe('the comparisons part of a study report as CSV', () => {
  it('given a report, then the header names the tidy columns', () => {
    expect(lines[0]).toBe('outcome,method,arm,compared_with,measure,value,lower,upper,df,p_value,suppressed');
  });

  it('given three arms, one smaller than k, then the log-rank rows are withheld with it (empty values, suppressed 1)', () => {
    const test = report.logRank[0];
    expect(test.suppressed).toBe(true);
    expect(rowsOf('chi-square')).toEqual([['exit', 'log-rank', '', '', 'chi-square', '', '', '', '', '', '1']]);
    expect(rowsOf('observed').map((r) => r[2])).toEqual(['mentored', 'tiny', 'comparison']);
  });

  it('given each arm’s rate, then its events, person-years and rate with interval are the report’s', () => {
    const mentored = report.trajectories.find((t) => t.arm === 'mentored')!.rate;
    expect(rowsOf('rate-per-100-person-years').find((r) => r[2] === 'mentored')).toEqual(
      ['exit', 'rate', 'mentored', '', 'rate-per-100-person-years', String(mentored.rate), String(mentored.lower), String(mentored.upper), '', '', '0'],
    );
    expect(rowsOf('events').find((r) => r[2] === 'mentored')?.[5]).toBe('20');
    expect(rowsOf('person-years').find((r) => r[2] === 'tiny')).toEqual(['exit', 'rate', 'tiny', '', 'person-years', '', '', '', '', '', '1']);
  });

  it('given a reference arm, then each other arm’s rate ratio against it is one row, naming both arms', () => {
    const ratio = report.rateRatios.find((r) => r.numerator === 'mentored')!;
    expect(ratio.suppressed).toBe(false);
    expect(rowsOf('rate-ratio').map((r) => [r[2], r[3], r[5]])).toEqual([['mentored', 'comparison', String(ratio.ratio)], ['tiny', 'comparison', '']]);
  });
});
