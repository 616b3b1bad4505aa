import { csvDocument, type CsvValue } from '../common/csv';
import type { PoolView, RowMonitoring, SupportView } from './programme-monitoring';
import type { ProgrammeMonitoringResponse } from './programme-monitoring-views.service';

export const PROGRAMME_MONITORING_CSV_HEADER = [
  'org_id', 'from', 'to', 'grouping', 'programme_kind', 'programme_id', 'group', 'measure', 'count', 'denominator', 'value', 'suppressed',
] as const;

/**
 * Programme monitoring in tidy long form: one row per kind (programme_id empty) or programme × group ×
 * measure, then the mentor and coach pools (group empty). `count` over `denominator` gives `value`
 * where the JSON has a share; a withheld value is an empty field, and `suppressed` is 1 or 0.
 */
export function programmeMonitoringCsv(r: ProgrammeMonitoringResponse): string {
  const rows: CsvValue[][] = [];
  for (const kind of r.kinds) {
    for (const [programmeId, row] of [[null, kind] as const, ...kind.programmes.map((p) => [p.programmeId, p] as const)]) {
      const base = (group: string | null): CsvValue[] => [r.orgId, r.from, r.to, r.grouping, kind.programmeKind, programmeId, group];
      rows.push(...rowLines(row, base));
    }
  }
  return csvDocument(PROGRAMME_MONITORING_CSV_HEADER, rows);
}

function rowLines(row: RowMonitoring, base: (group: string | null) => CsvValue[]): CsvValue[][] {
  const lines: CsvValue[][] = [];
  for (const g of row.groups) {
    const line = (measure: string, count: number | null, denominator: number | null, value: number | null, suppressed: boolean) =>
      lines.push([...base(g.group), measure, count, denominator, value, suppressed]);
    const { takeUp, outcomes, protectedTime } = g;
    line('take_up', takeUp.participants, takeUp.inPost, takeUp.share, takeUp.suppressed);
    line('completed', outcomes.completed, outcomes.participants, outcomes.completionRate, outcomes.suppressed);
    line('withdrawn', outcomes.withdrawn, outcomes.participants, outcomes.withdrawalRate, outcomes.suppressed);
    line('still_enrolled', outcomes.enrolled, outcomes.participants, null, outcomes.suppressed);
    line('protected_time', protectedTime.withProtectedTime, protectedTime.participants, protectedTime.share, protectedTime.suppressed);
    for (const [who, v] of [['mentor', g.mentors], ['coach', g.coaches]] as const) supportLines(who, v, line);
  }
  for (const [who, pool] of [['mentor_pool', row.mentorPool], ['coach_pool', row.coachPool]] as const) {
    const line = (measure: string, count: number | null, value: number | null) => lines.push([...base(null), measure, count, pool.people, value, pool.suppressed]);
    poolLines(who, pool, line);
  }
  return lines;
}

function supportLines(who: string, v: SupportView, line: (measure: string, count: number | null, denominator: number | null, value: number | null, suppressed: boolean) => void): void {
  line(`${who}_minority`, v.minority, v.assigned, v.minorityShare, v.suppressed);
  line(`${who}_not_minority`, v.notMinority, v.assigned, null, v.suppressed);
  line(`${who}_unknown`, v.unknown, v.assigned, v.unknownShare, v.suppressed);
}

function poolLines(who: string, pool: PoolView, line: (measure: string, count: number | null, value: number | null) => void): void {
  line(`${who}_minority`, pool.minority, pool.minorityShare);
  line(`${who}_not_minority`, pool.notMinority, null);
  line(`${who}_unknown`, pool.unknown, pool.unknownShare);
}
