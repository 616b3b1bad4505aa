import { csvDocument, type CsvValue } from '../common/csv';
import type { StudyReport } from './study-report';

const HEADER = ['outcome', 'method', 'arm', 'compared_with', 'measure', 'value', 'lower', 'upper', 'df', 'p_value', 'suppressed'];

/**
 * The report's comparisons between arms in tidy long form: per outcome, the log-rank test (each arm's
 * observed and expected events, then the chi-square with its df and p), each arm's rate per `per`
 * person-years with its events and person-years, and each arm's rate ratio against the reference arm.
 */
export function comparisonsCsv(report: Pick<StudyReport, 'logRank' | 'trajectories' | 'rateRatios'>): string {
  const rows: CsvValue[][] = [];
  for (const test of report.logRank) {
    for (const a of test.arms) {
      rows.push([test.outcome, 'log-rank', a.arm, null, 'observed', a.observed, null, null, null, null, test.suppressed]);
      rows.push([test.outcome, 'log-rank', a.arm, null, 'expected', a.expected, null, null, null, null, test.suppressed]);
    }
    rows.push([test.outcome, 'log-rank', null, null, 'chi-square', test.chiSquare, null, null, test.df, test.pValue, test.suppressed]);
  }
  for (const t of report.trajectories) {
    const { rate } = t;
    rows.push([t.outcome, 'rate', t.arm, null, 'events', rate.events, null, null, null, null, rate.suppressed]);
    rows.push([t.outcome, 'rate', t.arm, null, 'person-years', rate.personYears, null, null, null, null, rate.suppressed]);
    rows.push([t.outcome, 'rate', t.arm, null, `rate-per-${rate.per}-person-years`, rate.rate, rate.lower, rate.upper, null, null, rate.suppressed]);
  }
  for (const r of report.rateRatios) {
    rows.push([r.outcome, r.method, r.numerator, r.denominator, 'rate-ratio', r.ratio, r.lower, r.upper, null, null, r.suppressed]);
  }
  return csvDocument(HEADER, rows);
}
