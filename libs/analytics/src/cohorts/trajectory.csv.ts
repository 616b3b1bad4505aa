import { csvDocument, type CsvValue } from '../common/csv';
import type { TrajectoryResponse } from './trajectory-response';

/** A trajectory in tidy long form: one row per curve time, with a header row. */
export function trajectoryCsv(t: TrajectoryResponse): string {
  const header = [
    'cohort_id', 'outcome', 'estimator', 'estimand', 'time_days', `time_${t.interval}s`,
    'at_risk', 'events', 'competing_events', 'censored', 'estimate', 'std_err', 'lower', 'upper', 'suppressed',
  ];
  const rows: CsvValue[][] = t.curve.map((row) => [
    t.cohortId, t.outcome, t.estimator, t.estimand, row.time, row.elapsed,
    row.atRisk, row.events, row.competingEvents, row.censored, row.estimate, row.stdErr, row.lower, row.upper, row.suppressed,
  ]);
  return csvDocument(header, rows);
}
