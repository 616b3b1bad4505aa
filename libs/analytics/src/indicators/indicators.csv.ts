import { csvDocument, type CsvValue } from '../common/csv';
import type { TrendResponse } from './indicator-views.service';
import type { BrokenRungView, GroupRateView, RelativeLikelihoodView, RepresentationView } from './indicators';

/**
 * A trend in tidy long form: one row per period × group (or level × group for representation,
 * numerator × denominator for ratios), with a header row.
 */
export function trendCsv(t: TrendResponse): string {
  const header = ['org_id', 'indicator', 'grouping', 'period', 'from', 'to', 'level', 'group', 'reference_group', 'count', 'denominator', 'value', 'lower', 'upper', 'suppressed'];
  const rows: CsvValue[][] = [];
  const base = (p: TrendResponse['points'][number]): CsvValue[] => [t.orgId, t.indicator, t.grouping, p.period, p.from, p.to];
  for (const p of t.points) {
    switch (t.indicator) {
      case 'representation': {
        const v = p.value as RepresentationView;
        for (const l of v.levels) {
          for (const g of l.groups) rows.push([...base(p), l.level, g.group, null, g.count, l.total, g.share, null, null, l.suppressed]);
        }
        break;
      }
      case 'appointed-from-shortlisting':
      case 'entering-disciplinary':
      case 'accessing-non-mandatory-training':
        for (const r of p.value as RelativeLikelihoodView[]) {
          rows.push([...base(p), null, r.numeratorGroup, r.denominatorGroup, r.numerator.successes, r.numerator.total, r.ratio, r.lower, r.upper, r.suppressed]);
        }
        break;
      case 'leaving-rate':
      case 'promotion-rate':
        for (const r of p.value as GroupRateView[]) {
          rows.push([...base(p), null, r.group, null, r.events, r.personYears, r.rate, r.lower, r.upper, r.suppressed]);
        }
        break;
      case 'broken-rung':
        for (const r of p.value as BrokenRungView[]) {
          rows.push([...base(p), null, r.focalGroup, r.referenceGroup, r.focal.moves, r.focal.personYears, r.ratio, r.lower, r.upper, r.suppressed]);
        }
        break;
      default: {
        const unexpected: never = t.indicator;
        throw new Error(`unknown indicator ${String(unexpected)}`);
      }
    }
  }
  return csvDocument(header, rows);
}
