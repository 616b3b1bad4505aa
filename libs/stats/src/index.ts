export type { CompetingObservation, CompetingStatus, ConfidenceOptions, Interval, SurvivalObservation } from './types';
export { DEFAULT_CONF_LEVEL } from './types';

export { kaplanMeier } from './kaplan-meier';
export type { KaplanMeierOptions, KaplanMeierResult, KaplanMeierRow } from './kaplan-meier';
export { medianSurvival } from './survival-median';
export type { MedianCurvePoint, MedianMethod, MedianSurvival } from './survival-median';

export { aalenJohansen } from './aalen-johansen';
export type { AalenJohansenResult, AalenJohansenRow } from './aalen-johansen';

export { logRank, logRankByLabel } from './log-rank';
export type { LabelledLogRankResult, LabelledObservation, LogRankResult } from './log-rank';

export { poissonRate, rateRatio } from './rates';
export type { PersonTimeCount, PoissonRate, RateRatio } from './rates';

export { relativeLikelihood } from './relative-likelihood';
export type { Proportion, RelativeLikelihood } from './relative-likelihood';

export { representation } from './representation';
export type { GroupShare, LevelRepresentation, RepresentationCount } from './representation';

export { brokenRungRatio } from './broken-rung';
export type { BrokenRungOptions, BrokenRungRatio, GroupRate, RungGroup, RungHeadcount, RungPersonTime } from './broken-rung';

export {
  DEFAULT_DISCLOSURE_K,
  MIN_DISCLOSURE_K,
  assertDisclosureK,
  isSmallCount,
  suppressTable,
  withholdCurve,
  withholdEstimate,
} from './disclosure';
export type {
  DisclosureBasis,
  SuppressTableOptions,
  SuppressedCount,
  SuppressedTable,
  SuppressionReason,
  Withheld,
} from './disclosure';

export { addRecordKey, cellUniform, roundByCellKey } from './cell-key-rounding';

export { intervalTable } from './interval-table';
export type { CurveValue, IntervalCurveRow, IntervalRow, IntervalTableOptions } from './interval-table';

export { chiSquareUpperTail, betaQuantile, gammaQuantile, normalQuantile, studentTQuantile, studentTUpperTail, twoSidedZ } from './distributions';

export { coxProportionalHazards } from './cox';
export type { ChiSquareTest, CoxCoefficient, CoxOptions, CoxResult, CoxRow, CoxTies } from './cox';

export { pairedTTest, welchTTest } from './t-test';
export type { TTestResult } from './t-test';
