import { aalenJohansen, kaplanMeier, logRank, rateRatio } from '@rung/stats';
import type { FollowUp } from '../cohorts/follow-up';
import type { OutcomeName } from '../cohorts/outcomes';
import type { Study } from './study-definition';
import { assembleStudyReport, packArm, type ArmData, type PackedArm } from './study-report';
import { studyReportCsv } from './study-report.csv';

const study: Study = {
  id: 'study-1', definedAt: '2025-01-01T00:00:00Z',
  definition: {
    name: 'Mentoring', arms: [{ name: 'mentored', cohortId: 'c1' }, { name: 'comparison', cohortId: 'c2' }, { name: 'tiny', cohortId: 'c3' }],
    outcomes: ['promotion', 'exit'], horizonMonths: 12, interval: 'quarter', checkpointsMonths: [],
  },
};

function arm(name: string, cohortId: string, n: number, shift: number): ArmData {
  const promotion: FollowUp[] = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? { time: 10 + i * shift, status: 'event' } : i % 5 === 1 ? { time: 20 + i, status: 'competing' } : { time: 360, status: 'censored' }));
  const exit: FollowUp[] = promotion.map((f) => (f.status === 'competing' ? { time: f.time, status: 'event' } : { time: 360, status: 'censored' }));
  return { name, cohortId, size: n, followUps: new Map<OutcomeName, FollowUp[]>([['promotion', promotion], ['exit', exit]]) };
}

const arms = [arm('mentored', 'c1', 40, 3), arm('comparison', 'c2', 50, 5), arm('tiny', 'c3', 3, 1)];
const report = assembleStudyReport({ study, arms: arms.map(packArm), disclosure: 'exact', asOf: '2025-06-30', k: 5, dataVersion: { subjects: 93, events: 400, fingerprint: 'f' }, horizonMonths: 12 });
const km = (f: FollowUp[]) => f.map((x) => ({ time: x.time, event: x.status === 'event' }));

describe('study report assembly', () => {
  it('given three arms and two outcomes, then it has every arm × outcome, with the estimator chosen and named per outcome', () => {
    expect(report.trajectories.map((t) => [t.arm, t.outcome, t.estimator])).toEqual([
      ['mentored', 'promotion', 'aalen-johansen'], ['comparison', 'promotion', 'aalen-johansen'], ['tiny', 'promotion', 'aalen-johansen'],
      ['mentored', 'exit', 'kaplan-meier'], ['comparison', 'exit', 'kaplan-meier'], ['tiny', 'exit', 'kaplan-meier'],
    ]);
    expect(report.estimators.map((e) => [e.outcome, e.estimator, e.estimand, e.competingEvent])).toEqual([
      ['promotion', 'aalen-johansen', 'cumulative-incidence', 'exit'], ['exit', 'kaplan-meier', 'survival', null],
    ]);
    expect(report).toMatchObject({ studyId: 'study-1', asOf: '2025-06-30', horizonMonths: 12, interval: 'quarter', intervalDays: 91.3125, k: 5 });
  });

  it('given the arms, then each curve is the stats library’s estimate on that arm’s follow-ups', () => {
    const promotion = report.trajectories.find((t) => t.arm === 'comparison' && t.outcome === 'promotion')!;
    const expected = aalenJohansen(arms[1].followUps.get('promotion')!);
    const byTime = new Map(expected.curve.map((r) => [r.time, r.estimate]));
    const shown = promotion.curve.filter((r) => r.estimate !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) expect(row.estimate).toBe(byTime.get(row.time));
    const exit = report.trajectories.find((t) => t.arm === 'mentored' && t.outcome === 'exit')!;
    expect(exit.median).toMatchObject({ time: kaplanMeier(km(arms[0].followUps.get('exit')!)).median.time });
    expect(promotion.table.map((r) => r.interval)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });

  it('given an arm smaller than k, then its size is suppressed, its curves withheld, and the tests involving it withheld', () => {
    expect(report.arms.map((a) => [a.name, a.size, a.suppressed])).toEqual([['mentored', 40, false], ['comparison', 50, false], ['tiny', null, true]]);
    const tiny = report.trajectories.filter((t) => t.arm === 'tiny');
    expect(tiny.every((t) => t.n === null && t.curve.every((r) => r.estimate === null))).toBe(true);
    expect(report.logRank.every((l) => l.suppressed && l.chiSquare === null && l.pValue === null)).toBe(true);
    expect(report.rateRatios.filter((r) => r.numerator === 'tiny').every((r) => r.suppressed && r.ratio === null)).toBe(true);
  });

  it('given two well-populated arms, then the log-rank test and the rate ratio are the stats library’s', () => {
    const two = assembleStudyReport({ study: { ...study, definition: { ...study.definition, arms: study.definition.arms.slice(0, 2) } }, arms: arms.slice(0, 2).map(packArm), disclosure: 'exact', asOf: '2025-06-30', k: 5, dataVersion: { subjects: 90, events: 1, fingerprint: 'f' }, horizonMonths: 12 });
    const test = logRank(arms.slice(0, 2).map((a) => km(a.followUps.get('promotion')!)));
    expect(two.logRank[0]).toMatchObject({ outcome: 'promotion', method: 'log-rank', competingEvents: 'censored', chiSquare: test.chiSquare, df: 1, pValue: test.pValue, suppressed: false });
    const py = (a: ArmData) => a.followUps.get('promotion')!.reduce((s, f) => s + f.time, 0) / 365.25;
    const expected = rateRatio({ events: 25, personYears: py(arms[1]) }, { events: 20, personYears: py(arms[0]) });
    expect(two.rateRatios[0]).toMatchObject({ outcome: 'promotion', numerator: 'comparison', denominator: 'mentored', ratio: expected.ratio, lower: expected.lower, upper: expected.upper, suppressed: false });
  });

  it('given data from fewer than k subjects, then the data version’s counts are suppressed too, its fingerprint kept', () => {
    const small = assembleStudyReport({ study, arms: arms.map(packArm), disclosure: 'exact', asOf: '2025-06-30', k: 5, dataVersion: { subjects: 3, events: 12, fingerprint: 'abc' }, horizonMonths: 12 });
    expect(small.dataVersion).toEqual({ subjects: null, events: 12, fingerprint: 'abc' });
    expect(report.dataVersion).toEqual({ subjects: 93, events: 400, fingerprint: 'f' });
  });

  it('given a report, then the CSV has a header and one row per arm × outcome × curve time', () => {
    const lines = studyReportCsv(report).trimEnd().split('\r\n');
    expect(lines[0]).toBe('study_id,arm,cohort_id,outcome,estimator,estimand,time_days,time_quarters,at_risk,events,competing_events,censored,estimate,std_err,lower,upper,suppressed');
    expect(lines).toHaveLength(1 + report.trajectories.reduce((s, t) => s + t.curve.length, 0));
    const tinyRow = lines.find((l) => l.startsWith('study-1,tiny,'))!.split(',');
    expect(tinyRow.slice(8)).toEqual(['', '', '', '', '', '', '', '', '1']);
  });

  it('given an outcome that names its estimator and a named reference arm, then the report uses both', () => {
    const definition = { ...study.definition, arms: study.definition.arms.slice(0, 2), estimators: { promotion: 'kaplan-meier' as const }, referenceArm: 'comparison' };
    const named = assembleStudyReport({ study: { ...study, definition }, arms: arms.slice(0, 2).map(packArm), disclosure: 'exact', asOf: '2025-06-30', k: 5, dataVersion: { subjects: 90, events: 1, fingerprint: 'f' }, horizonMonths: 12 });
    expect(named.estimators.find((e) => e.outcome === 'promotion')).toMatchObject({ estimator: 'kaplan-meier', estimand: 'survival' });
    expect(named.trajectories.filter((t) => t.outcome === 'promotion').every((t) => t.estimator === 'kaplan-meier')).toBe(true);
    expect(named.rateRatios.map((r) => [r.outcome, r.numerator, r.denominator])).toEqual([['promotion', 'mentored', 'comparison'], ['exit', 'mentored', 'comparison']]);
  });

  it('given protected mode, then every count is 0 or a multiple of k, rows are whole intervals, and asking twice gives the same report', () => {
    const withKeys = (a: PackedArm, n: number): PackedArm => ({
      ...a, sizeKey: 0x9e3779b9 * (n + 1),
      followUps: a.followUps.map(([o, p]) => [o, { ...p, keys: Uint32Array.from(p.times, (_, i) => (i + 1) * 2654435761 + n) }]),
    });
    const input = { study, arms: arms.map(packArm).map(withKeys), disclosure: 'protected' as const, asOf: '2025-06-30', k: 5, dataVersion: { subjects: 93, events: 400, fingerprint: 'f' }, horizonMonths: 12 };
    const protectedReport = assembleStudyReport(input);
    expect(protectedReport.disclosure).toBe('protected');
    expect(protectedReport.dataVersion).toEqual({ subjects: null, events: null, fingerprint: 'f' });
    const counts = [
      ...protectedReport.arms.map((a) => a.size),
      ...protectedReport.trajectories.flatMap((t) => [t.n, ...t.curve.flatMap((r) => [r.atRisk, r.events, r.censored, r.competingEvents ?? 0])]),
      ...protectedReport.logRank.flatMap((l) => l.arms.map((a) => a.observed ?? 0)),
    ];
    expect(counts.every((c) => c !== null && c % 5 === 0)).toBe(true);
    const quarter = 365.25 / 4;
    for (const t of protectedReport.trajectories) for (const row of t.curve) expect(row.time / quarter).toBeCloseTo(Math.round(row.time / quarter), 9);
    expect(JSON.stringify(assembleStudyReport(input))).toBe(JSON.stringify(protectedReport));
  });
});
