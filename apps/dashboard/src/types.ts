/** The shapes of the API answers the page reads (only the fields it uses). */

export interface Session { keyId: string; name: string; roles: string[]; orgIds: string[]; disclosure: string | null }

/** What the page is asked to show: an organisation, a period and a grouping. */
export interface Query { orgId: string; from: string; to: string; grouping: string }

export interface RateRow {
  group: string; headcount: number | null; events: number | null; personYears: number | null;
  rate: number | null; lower: number | null; upper: number | null; suppressed: boolean; per?: number;
}

export interface Likelihood {
  indicator: string; numeratorGroup: string; denominatorGroup: string;
  numerator: { successes: number | null; total: number | null }; denominator: { successes: number | null; total: number | null };
  ratio: number | null; lower: number | null; upper: number | null; suppressed: boolean;
}

export interface BrokenRung { focalGroup: string; referenceGroup: string; ratio: number | null; lower: number | null; upper: number | null; suppressed: boolean }
export interface Level { level: number; total: number | null; groups: Array<{ group: string; count: number | null; share: number | null }>; suppressed: boolean }

export interface Indicators {
  orgId: string; from: string; to: string; grouping: string; referenceGroup: string; focalGroups: string[]; k: number; disclosure: string;
  representation: { at: string; levels: Level[]; total: number | null };
  relativeLikelihoods: Likelihood[]; leavingRate: RateRow[]; promotionRate: RateRow[]; brokenRung: BrokenRung[];
}

export interface Trend { indicator: string; disclosure: string; points: Array<{ period: string; from: string; to: string; value: unknown }> }

export interface Share { share: number | null; suppressed: boolean; participants?: number | null }
export interface Support { assigned: number | null; minorityShare: number | null; suppressed: boolean }
export interface MonitoringGroup {
  group: string; takeUp: Share & { inPost: number | null };
  outcomes: { completionRate: number | null; withdrawalRate: number | null; suppressed: boolean }; protectedTime: Share;
  mentors: Support; coaches: Support;
}
export interface Monitoring { orgId: string; from: string; to: string; disclosure: string; groups: string[]; kinds: Array<{ programmeKind: string; groups: MonitoringGroup[] }> }

export interface StudySummary { id: string; name: string; checkpointsMonths?: number[] }

export interface CurveRow { time: number; atRisk: number | null; events: number | null; estimate: number | null; lower: number | null; upper: number | null; suppressed: boolean }
export interface RateView { events: number | null; personYears: number | null; per: number; rate: number | null; lower: number | null; upper: number | null; suppressed: boolean }
export interface ArmTrajectory { arm: string; outcome: string; estimator: string; estimand: 'survival' | 'cumulative-incidence'; n: number | null; suppressed: boolean; curve: CurveRow[]; rate: RateView }
export interface HeadlineCell { arm: string; outcome: string; month: number; estimate: number | null; lower: number | null; upper: number | null; suppressed: boolean; reason: string | null }
export interface HeadlineDifference { arm: string; reference: string; outcome: string; month: number; difference: number | null; lower: number | null; upper: number | null }
export interface LogRank { outcome: string; competingEvents: string; chiSquare: number | null; df: number | null; pValue: number | null; arms: Array<{ arm: string; observed: number | null; expected: number | null }>; suppressed: boolean }
export interface RateRatio { outcome: string; numerator: string; denominator: string; ratio: number | null; lower: number | null; upper: number | null; suppressed: boolean }
export interface HazardRatio { hazardRatio: number | null; lower: number | null; upper: number | null; pValue: number | null; suppressed: boolean }
export interface AdjustedEffects { outcome: string; adjustedFor: string[]; arms: Array<{ arm: string; reference: string; unadjusted: HazardRatio; adjusted: HazardRatio }>; reason: string | null }

export interface StudyReport {
  studyId: string; name: string; asOf: string; horizonMonths: number; k: number; disclosure: string;
  arms: Array<{ name: string; size: number | null; suppressed: boolean }>;
  estimators: Array<{ outcome: string; estimand: string; note: string }>;
  trajectories: ArmTrajectory[];
  logRank: LogRank[];
  rateRatios: RateRatio[];
  headline: { months: number[]; cells: HeadlineCell[]; differences: HeadlineDifference[] };
  adjustedEffects: AdjustedEffects[];
}
