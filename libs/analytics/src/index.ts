export * from './common/days';
export * from './common/intervals';
export * from './common/csv';
export type { DataVersion } from './common/fingerprint';
export { OrgFingerprints } from './common/fingerprint';
export type { Format } from './common/query-params';
export { orThrow, validateDto, type Checked } from './common/validation';

export * from './cohorts/cohort-definition';
export { GROUPS_BY_GROUPING, validateCohortDefinition } from './cohorts/cohort-definition.dto';
export * from './cohorts/cohort-membership';
export * from './cohorts/follow-up';
export * from './cohorts/outcomes';
export * from './cohorts/trajectory';
export * from './cohorts/trajectory-response';
export * from './disclosure/trajectory-view';
export * from './cohorts/trajectory-query';
export * from './cohorts/trajectory.csv';
export * from './cohorts/cohort-resource';
export * from './cohorts/cohort.store';
export * from './cohorts/cohorts.messages';
export * from './cohorts/cohort-views.service';

export * from './studies/study-definition';
export { validateStudyDefinition, MAX_HORIZON_MONTHS } from './studies/study-definition.dto';
export { ADJUST_NAMES, TENURE_BANDS, termName, type AdjustTerm } from './studies/covariates';
export type { AdjustedEffectsView, ArmEffectView, CovariateEffectView, HazardRatioView } from './studies/adjusted-effects';
export type { HeadlineCell, HeadlineDifference, HeadlineTable } from './studies/headline-table';
export * from './studies/study-report';
export * from './studies/study-report.csv';
export * from './studies/study-report-parts.csv';
export * from './studies/checkpoints';
export * from './studies/report-query';
export * from './studies/study-resource';
export * from './studies/study.store';
export * from './studies/studies.messages';
export * from './studies/study-reports.service';

export * from './indicators/indicator-tally';
export * from './indicators/indicators';
export * from './indicators/indicator-query';
export * from './indicators/indicators.csv';
export * from './indicators/indicators.messages';
export * from './indicators/indicator-views.service';

export * from './programmes/programme-tally';
export * from './programmes/programme-monitoring';
export * from './programmes/programme-monitoring-query';
export * from './programmes/programme-monitoring.csv';
export * from './programmes/programme-monitoring.messages';
export * from './programmes/programme-monitoring-views.service';

export * from './materialisation/data-versions';
export * from './materialisation/view-cache';
export * from './materialisation/representation';
export * from './materialisation/analytics-reader';
export * from './materialisation/materialise.job';

export * from './stores/document-store';
export * from './stores/jsonl-document-store';
export * from './analytics.module';
export * from './scoping/analytics-scope.service';
export * from './common/rate-view';
