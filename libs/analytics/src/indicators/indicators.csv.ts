import { csvDocument, type CsvValue } from '../common/csv';
import type { IndicatorsResponse, TrendResponse } from './indicator-views.service';
import type { BrokenRungView, GroupRateView, IndicatorName, RelativeLikelihoodView, RepresentationView } from './indicators';

const HEADER = ['org_id', 'indicator', 'grouping', 'period', 'from', 'to', 'level', 'group', 'reference_group', 'count', 'denominator', 'value', 'lower', 'upper', 'suppressed'];

/**
 * A trend in tidy long form: one row per period × group (or level × group for representation,
 * numerator × denominator for ratios), with a header row.
 */
export function trendCsv(t: TrendResponse): string {
  const rows = t.points.flatMap((p) => valueRows(t.indicator, p.value).map((row): CsvValue[] => [t.orgId, t.indicator, t.grouping, p.period, p.from, p.to, ...row]));
  return csvDocument(HEADER, rows);
}

/** The indicators of one period in the same tidy long form as a trend: one block of rows per indicator, `period` empty. */
export function indicatorsCsv(r: IndicatorsResponse): string {
  const likelihoods = (name: IndicatorName): RelativeLikelihoodView[] => r.relativeLikelihoods.filter((x) => x.indicator === name);
  const parts: Array<[IndicatorName, unknown]> = [
    ['representation', r.representation],
    ['appointed-from-shortlisting', likelihoods('appointed-from-shortlisting')],
    ['entering-disciplinary', likelihoods('entering-disciplinary')],
    ['accessing-non-mandatory-training', likelihoods('accessing-non-mandatory-training')],
    ['leaving-rate', r.leavingRate],
    ['promotion-rate', r.promotionRate],
    ['broken-rung', r.brokenRung],
  ];
  const rows = parts.flatMap(([name, value]) => valueRows(name, value).map((row): CsvValue[] => [r.orgId, name, r.grouping, null, r.from, r.to, ...row]));
  return csvDocument(HEADER, rows);
}

/** One indicator's value as rows of the columns from `level` on. */
function valueRows(indicator: IndicatorName, value: unknown): CsvValue[][] {
  switch (indicator) {
    case 'representation': {
      const v = value as RepresentationView;
      return v.levels.flatMap((l) => l.groups.map((g): CsvValue[] => [l.level, g.group, null, g.count, l.total, g.share, null, null, l.suppressed]));
    }
    case 'appointed-from-shortlisting':
    case 'entering-disciplinary':
    case 'accessing-non-mandatory-training':
      return (value as RelativeLikelihoodView[]).map((r) => [null, r.numeratorGroup, r.denominatorGroup, r.numerator.successes, r.numerator.total, r.ratio, r.lower, r.upper, r.suppressed]);
    case 'leaving-rate':
    case 'promotion-rate':
      return (value as GroupRateView[]).map((r) => [null, r.group, null, r.events, r.personYears, r.rate, r.lower, r.upper, r.suppressed]);
    case 'broken-rung':
      return (value as BrokenRungView[]).map((r) => [null, r.focalGroup, r.referenceGroup, r.focal.moves, r.focal.personYears, r.ratio, r.lower, r.upper, r.suppressed]);
    default: {
      const unexpected: never = indicator;
      throw new Error(`unknown indicator ${String(unexpected)}`);
    }
  }
}
