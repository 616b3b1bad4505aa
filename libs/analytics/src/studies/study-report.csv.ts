import { csvDocument, type CsvValue } from '../common/csv';
import type { IntervalKind } from '../common/intervals';
import type { StudyReport } from './study-report';

export function elapsedColumn(interval: IntervalKind): string {
  return `time_${interval}s`;
}

/**
 * A study report in tidy long form: one row per arm × outcome × curve time, with a header row, ready
 * for R (read.csv), Stata (import delimited) or pandas (read_csv). Withheld values are empty.
 */
export function studyReportCsv(report: StudyReport): string {
  const header = [
    'study_id', 'arm', 'cohort_id', 'outcome', 'estimator', 'estimand', 'time_days', elapsedColumn(report.interval),
    'at_risk', 'events', 'competing_events', 'censored', 'estimate', 'std_err', 'lower', 'upper', 'suppressed',
  ];
  const rows: CsvValue[][] = [];
  for (const t of report.trajectories) {
    for (const row of t.curve) {
      rows.push([
        report.studyId, t.arm, t.cohortId, t.outcome, t.estimator, t.estimand, row.time, row.elapsed,
        row.atRisk, row.events, row.competingEvents, row.censored, row.estimate, row.stdErr, row.lower, row.upper, row.suppressed,
      ]);
    }
  }
  return csvDocument(header, rows);
}
