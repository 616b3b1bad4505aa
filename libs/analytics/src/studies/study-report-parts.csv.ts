import { csvDocument, type CsvValue } from '../common/csv';
import type { AdjustedEffectsView, HazardRatioView } from './adjusted-effects';
import { applicationsCsv } from './applications.csv';
import { assessmentChangesCsv } from './assessments.csv';
import { comparisonsCsv } from './comparisons.csv';
import type { HeadlineTable } from './headline-table';
import { studyReportCsv } from './study-report.csv';
import type { StudyReport } from './study-report';

/** The parts of a report that have a CSV of their own (`?format=csv&part=`); `curves` by default. */
export const REPORT_PARTS = ['curves', 'comparisons', 'headline', 'adjusted-effects', 'assessments', 'applications'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

export function reportPartCsv(part: ReportPart): (report: StudyReport) => string {
  switch (part) {
    case 'curves':
      return studyReportCsv;
    case 'comparisons':
      return comparisonsCsv;
    case 'headline':
      return (r) => headlineCsv(r.headline);
    case 'adjusted-effects':
      return (r) => adjustedEffectsCsv(r.adjustedEffects);
    case 'assessments':
      return (r) => assessmentChangesCsv(r.assessments);
    case 'applications':
      return (r) => applicationsCsv(r.applications);
    default: {
      const unexpected: never = part;
      throw new Error(`unknown report part ${String(unexpected)}`);
    }
  }
}

/** One row per outcome × month × arm (its estimate), then per outcome × month × compared arm (its difference from the reference arm). */
export function headlineCsv(table: HeadlineTable): string {
  const header = ['outcome', 'estimand', 'month', 'arm', 'compared_with', 'measure', 'value', 'lower', 'upper', 'suppressed', 'reason'];
  const estimands = new Map(table.cells.map((c) => [c.outcome, c.estimand]));
  const rows: CsvValue[][] = [
    ...table.cells.map((c): CsvValue[] => [c.outcome, c.estimand, c.month, c.arm, null, 'estimate', c.estimate, c.lower, c.upper, c.suppressed, c.reason]),
    ...table.differences.map((d): CsvValue[] => [
      d.outcome, estimands.get(d.outcome) ?? null, d.month, d.arm, d.reference, 'difference', d.difference, d.lower, d.upper, d.difference === null, null,
    ]),
  ];
  return csvDocument(header, rows);
}

/** One row per outcome × model × coefficient: each arm against the reference arm, then each covariate level against its reference level. */
export function adjustedEffectsCsv(views: readonly AdjustedEffectsView[]): string {
  const header = ['outcome', 'model', 'adjusted_for', 'term', 'level', 'reference', 'hazard_ratio', 'lower', 'upper', 'p_value', 'suppressed', 'reason'];
  const row = (v: AdjustedEffectsView, model: string, term: string, level: string, reference: string, hr: HazardRatioView): CsvValue[] => [
    v.outcome, model, v.adjustedFor.join('+'), term, level, reference, hr.hazardRatio, hr.lower, hr.upper, hr.pValue, hr.suppressed, v.reason,
  ];
  const rows = views.flatMap((v) => [
    ...v.arms.map((a) => row(v, 'unadjusted', 'arm', a.arm, a.reference, a.unadjusted)),
    ...v.arms.map((a) => row(v, 'adjusted', 'arm', a.arm, a.reference, a.adjusted)),
    ...v.covariates.map((c) => row(v, 'adjusted', c.term, c.level, c.reference, c)),
    ...(v.arms.length ? [] : [[v.outcome, null, v.adjustedFor.join('+'), null, null, null, null, null, null, null, v.suppressed, v.reason]]),
  ]);
  return csvDocument(header, rows);
}
