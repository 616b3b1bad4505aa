import { csvDocument, type CsvValue } from '../common/csv';
import type { ApplicationFigures, ApplicationsAfterProgramme } from './applications';

export const APPLICATIONS_CSV_HEADER = [
  'window_months', 'arm', 'scope', 'group', 'measure', 'count', 'denominator', 'share', 'suppressed',
] as const;

/**
 * Applications after a programme in tidy long form: for each arm, its overall figures (scope
 * `overall`, group empty) and then each group's (scope `group`; group empty for the members the
 * grouping leaves out), one row per measure: `members`, then `applied` (share of members),
 * `with_outcome` and `appointed` (shares of those who applied). A withheld value is an empty field,
 * and `suppressed` is 1 or 0.
 */
export function applicationsCsv(result: ApplicationsAfterProgramme): string {
  const rows: CsvValue[][] = [];
  for (const arm of result.arms) {
    const scopes: Array<['overall' | 'group', string | null, ApplicationFigures]> = [
      ['overall', null, arm.overall],
      ...arm.groups.map((g): ['group', string | null, ApplicationFigures] => ['group', g.group, g]),
    ];
    for (const [scope, group, f] of scopes) {
      const line = (measure: string, count: number | null, denominator: number | null, share: number | null, suppressed: boolean) =>
        rows.push([result.windowMonths, arm.arm, scope, group, measure, count, denominator, share, suppressed]);
      line('members', f.n, null, null, f.n === null);
      line('applied', f.applied.count, f.n, f.applied.share, f.applied.suppressed);
      line('with_outcome', f.withOutcome.count, f.applied.count, f.withOutcome.share, f.withOutcome.suppressed);
      line('appointed', f.appointed.count, f.applied.count, f.appointed.share, f.appointed.suppressed);
    }
  }
  return csvDocument(APPLICATIONS_CSV_HEADER, rows);
}
