import { logRank, rateRatio, withholdEstimate } from '@rung/stats';
import { disclosedVersion, type DataVersion } from '../common/fingerprint';
import { intervalDays, monthsToDays, type IntervalKind } from '../common/intervals';
import type { CohortMember } from '../cohorts/cohort-membership';
import { followUps, sortedByTime, type FollowUp, type FollowUpWindow } from '../cohorts/follow-up';
import { defaultEstimator, parseOutcome, type Estimator, type OutcomeName } from '../cohorts/outcomes';
import { discloseTrajectory, estimandOf, estimateTrajectory, type Estimand, type RawTrajectory, type TrajectoryView } from '../cohorts/trajectory';
import type { Study } from './study-definition';

/** One arm's data for a report: its size and, per outcome, the members' follow-ups. */
export interface ArmData {
  name: string;
  cohortId: string;
  size: number;
  followUps: ReadonlyMap<OutcomeName, FollowUp[]>;
}

export function armData(name: string, cohortId: string, members: readonly CohortMember[], outcomes: readonly OutcomeName[], window: FollowUpWindow): ArmData {
  const parsed = outcomes.map(parseOutcome);
  const lists = outcomes.map((): FollowUp[] => []);
  for (const m of members) {
    const all = followUps(m, parsed, window);
    for (let i = 0; i < all.length; i++) {
      const f = all[i];
      if (f) lists[i].push(f);
    }
  }
  return { name, cohortId, size: members.length, followUps: new Map(outcomes.map((o, i) => [o, sortedByTime(lists[i])])) };
}

export interface EstimatorNote {
  outcome: OutcomeName;
  estimator: Estimator;
  estimand: Estimand;
  competingEvent: 'exit' | null;
  note: string;
}

export interface ArmTrajectory extends TrajectoryView {
  arm: string;
  cohortId: string;
}

export interface LogRankView {
  outcome: OutcomeName;
  method: 'log-rank';
  /** How leaving is treated when it is not the outcome: as a censoring (cause-specific hazards). */
  competingEvents: 'censored' | 'not-applicable';
  chiSquare: number | null;
  df: number | null;
  pValue: number | null;
  arms: Array<{ arm: string; observed: number | null; expected: number | null }>;
  suppressed: boolean;
}

export interface RateRatioView {
  outcome: OutcomeName;
  numerator: string;
  denominator: string;
  ratio: number | null;
  lower: number | null;
  upper: number | null;
  method: 'exact-conditional-binomial';
  suppressed: boolean;
}

export interface StudyReport {
  studyId: string;
  name: string;
  asOf: string;
  horizonMonths: number;
  interval: IntervalKind;
  intervalDays: number;
  timeUnit: 'days';
  k: number;
  dataVersion: DataVersion;
  estimators: EstimatorNote[];
  arms: Array<{ name: string; cohortId: string; size: number | null; suppressed: boolean }>;
  trajectories: ArmTrajectory[];
  logRank: LogRankView[];
  rateRatios: RateRatioView[];
}

export interface StudyReportInput {
  study: Study;
  arms: readonly ArmData[];
  asOf: string;
  k: number;
  dataVersion: DataVersion;
  /** The horizon of this report (a checkpoint's month, or the study's horizon). */
  horizonMonths: number;
}

/**
 * Every arm × outcome curve and interval table, log-rank tests between the arms, rates per 100
 * person-years and rate ratios against the first arm, all through disclosure control.
 */
export function assembleStudyReport(input: StudyReportInput): StudyReport {
  const { study, arms, k, horizonMonths } = input;
  const { outcomes, interval } = study.definition;
  const opts = { interval, horizonDays: monthsToDays(horizonMonths) };
  const raw = new Map<OutcomeName, RawTrajectory[]>();
  for (const outcome of outcomes) {
    const estimator = defaultEstimator(outcome);
    raw.set(outcome, arms.map((arm) => estimateTrajectory(arm.followUps.get(outcome) ?? [], outcome, estimator, opts)));
  }
  const small = (n: number): boolean => n > 0 && n < k;
  return {
    studyId: study.id,
    name: study.definition.name,
    asOf: input.asOf,
    horizonMonths,
    interval,
    intervalDays: intervalDays(interval),
    timeUnit: 'days',
    k,
    dataVersion: disclosedVersion(input.dataVersion, k),
    estimators: outcomes.map(estimatorNote),
    arms: arms.map((a) => ({ name: a.name, cohortId: a.cohortId, size: small(a.size) ? null : a.size, suppressed: small(a.size) })),
    trajectories: outcomes.flatMap((outcome) =>
      (raw.get(outcome) ?? []).map((r, i) => ({ arm: arms[i].name, cohortId: arms[i].cohortId, ...discloseTrajectory(r, k, interval) })),
    ),
    logRank: outcomes.map((outcome) => logRankView(outcome, arms, k)),
    rateRatios: outcomes.flatMap((outcome) => rateRatioViews(outcome, arms, raw.get(outcome) ?? [], k)),
  };
}

export function estimatorNote(outcome: OutcomeName): EstimatorNote {
  const estimator = defaultEstimator(outcome);
  const competing = estimator === 'aalen-johansen';
  return {
    outcome,
    estimator,
    estimand: estimandOf(estimator),
    competingEvent: competing ? 'exit' : null,
    note: competing
      ? 'Aalen–Johansen cumulative incidence with exit as the competing event (survfit multi-state); estimate is the probability of having had the outcome.'
      : outcome === 'exit'
        ? 'Kaplan–Meier (survfit); estimate is the probability of not yet having left.'
        : 'Kaplan–Meier (survfit), leaving censored; estimate is the probability of not yet having had the outcome.',
  };
}

function logRankView(outcome: OutcomeName, arms: readonly ArmData[], k: number): LogRankView {
  const groups = arms.map((a) => (a.followUps.get(outcome) ?? []).map((f) => ({ time: f.time, event: f.status === 'event' })));
  const competingEvents = outcome === 'exit' ? 'not-applicable' : 'censored';
  const thin = groups.some((g) => g.length < k);
  if (thin) {
    return {
      outcome, method: 'log-rank', competingEvents, chiSquare: null, df: null, pValue: null, suppressed: true,
      arms: arms.map((a) => ({ arm: a.name, observed: null, expected: null })),
    };
  }
  const test = logRank(groups);
  const small = test.observed.some((o) => o > 0 && o < k);
  return {
    outcome,
    method: 'log-rank',
    competingEvents,
    chiSquare: test.pValue === null ? null : test.chiSquare,
    df: test.pValue === null ? null : test.df,
    pValue: test.pValue,
    arms: arms.map((a, i) => ({
      arm: a.name,
      observed: test.observed[i] > 0 && test.observed[i] < k ? null : test.observed[i],
      expected: test.expected[i],
    })),
    suppressed: small,
  };
}

function rateRatioViews(outcome: OutcomeName, arms: readonly ArmData[], raw: readonly RawTrajectory[], k: number): RateRatioView[] {
  if (arms.length < 2) return [];
  const reference = raw[0];
  return arms.slice(1).map((arm, j) => {
    const r = raw[j + 1];
    const computable = r.rate.personYears > 0 && reference.rate.personYears > 0;
    const rr = computable
      ? rateRatio({ events: r.rate.events, personYears: r.rate.personYears }, { events: reference.rate.events, personYears: reference.rate.personYears })
      : { ratio: null, lower: null, upper: null, method: 'exact-conditional-binomial' as const };
    const shown = withholdEstimate(
      { ratio: rr.ratio, lower: rr.lower, upper: rr.upper },
      { numerator: r.rate.events, denominator: reference.rate.events, atRisk: Math.min(r.n, reference.n) },
      k,
    );
    return { outcome, numerator: arm.name, denominator: arms[0].name, ...shown, method: 'exact-conditional-binomial' };
  });
}
