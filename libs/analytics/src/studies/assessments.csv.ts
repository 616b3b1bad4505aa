import { csvDocument, type CsvValue } from '../common/csv';
import type { AssessmentChanges } from './assessments';

export const ASSESSMENT_CHANGES_CSV_HEADER = [
  'instrument', 'change', 'arm', 'compared_with', 'method', 'n', 'n_compared_with',
  'estimate', 'lower', 'upper', 'std_err', 't', 'df', 'p_value', 'conf_level', 'reason', 'suppressed',
] as const;

/**
 * Assessment changes in tidy long form, on the 0–1 scale: one row per instrument × change × arm for
 * the arm's mean change (`paired-t`, compared_with empty), then one per instrument × change × arm but
 * the reference for the difference from the reference arm (`welch-t`). `estimate` is the mean change
 * or the difference; a withheld or missing value is an empty field, `reason` says why an estimate
 * that is not withheld is missing, and `suppressed` is 1 or 0.
 */
export function assessmentChangesCsv(result: AssessmentChanges): string {
  const rows: CsvValue[][] = [];
  for (const c of result.changes) {
    rows.push([
      c.instrument, c.change, c.arm, null, c.method, c.n, null,
      c.meanChange, c.lower, c.upper, c.stdErr, c.t, c.df, c.pValue, result.confLevel, c.reason, c.suppressed,
    ]);
  }
  for (const d of result.differences) {
    rows.push([
      d.instrument, d.change, d.arm, d.reference, d.method, d.n, d.referenceN,
      d.difference, d.lower, d.upper, d.stdErr, d.t, d.df, d.pValue, result.confLevel, d.reason, d.suppressed,
    ]);
  }
  return csvDocument(ASSESSMENT_CHANGES_CSV_HEADER, rows);
}
