import { addRecordKey, isSmallCount, logRank, rateRatio, withholdEstimate, type LogRankResult } from '@rung/stats';
import type { DisclosureMode } from '@rung/domain';
import type { DataVersion } from '../common/fingerprint';
import { intervalDays, monthsToDays, type IntervalKind } from '../common/intervals';
import type { CohortMember } from '../cohorts/cohort-membership';
import { followUps, sortedByTime, type FollowUp, type FollowUpWindow } from '../cohorts/follow-up';
import { FollowUpColumns, packFollowUps, unpackFollowUps, type PackedFollowUps } from '../cohorts/follow-up-columns';
import { defaultEstimator, parseOutcome, type Estimator, type Outcome, type OutcomeName } from '../cohorts/outcomes';
import { estimandOf, estimateTrajectory, type Estimand, type RawTrajectory } from '../cohorts/trajectory';
import { discloseTrajectory } from '../disclosure/exact-trajectory';
import { protectedStudyParts } from '../disclosure/protected-study';
import { publishedVersion } from '../disclosure/published-version';
import type { TrajectoryView } from '../disclosure/trajectory-view';
import { DEFAULT_APPLICATION_MONTHS, DEFAULT_STUDY_GROUPING, estimatorOf, referenceArmIndex, type Study, type StudyDefinition } from './study-definition';
import { applicationsAfterProgramme, type ApplicationsAfterProgramme } from './applications';
import { assessmentChanges, type AssessmentChanges } from './assessments';
import { GROUPS_BY_GROUPING } from '../cohorts/cohort-definition.dto';
import { protectAssessments } from '../disclosure/protected-assessments';
import { adjustedEffects, type AdjustedEffectsView } from './adjusted-effects';
import { CovariateColumns } from './covariate-columns';
import { EvaluationColumns, unpackApplications, unpackScores, type EvaluationWindow, type PackedEvaluation } from './evaluation-columns';
import { headlineTable, type HeadlineTable } from './headline-table';
import { codeOf, type AdjustTerm } from './covariates';

/** One arm's data for a report: its size and, per outcome, the members' follow-ups. */
export interface ArmData {
  name: string;
  cohortId: string;
  size: number;
  followUps: ReadonlyMap<OutcomeName, FollowUp[]>;
}

/** An arm's data with its follow-ups in typed columns, as they travel to an estimation worker. */
export interface PackedArm {
  name: string;
  cohortId: string;
  size: number;
  /** The cell key of the arm's members (the sum of their record keys). */
  sizeKey: number;
  followUps: Array<[OutcomeName, PackedFollowUps]>;
  /** Per outcome, each follow-up's covariate codes, one per adjust term, row after row (only when the study adjusts). */
  covariates?: Array<[OutcomeName, Uint8Array]>;
  /** Assessments and applications after time zero (only in reports computed from a scan). */
  evaluation?: PackedEvaluation;
}

/** What a report collects of each member beyond the follow-ups. */
export interface ArmExtras {
  adjust?: readonly AdjustTerm[];
  evaluation?: EvaluationWindow;
}

/** One arm's data, its follow-ups in order of time. */
export function armData(name: string, cohortId: string, members: readonly CohortMember[], outcomes: readonly OutcomeName[], window: FollowUpWindow): ArmData {
  const builder = new ArmDataBuilder(name, cohortId, outcomes, window);
  for (const m of members) builder.add(m);
  return unpackArm(builder.packed());
}

/** An arm's follow-ups in typed columns, as a scan would have built them (without record keys). */
export function packArm(arm: ArmData): PackedArm {
  return { ...arm, sizeKey: 0, followUps: [...arm.followUps].map(([o, list]) => [o, packFollowUps(list)]) };
}

/** An arm's follow-ups as objects again, in order of time. */
export function unpackArm(arm: PackedArm): ArmData {
  return { name: arm.name, cohortId: arm.cohortId, size: arm.size, followUps: new Map(arm.followUps.map(([o, p]) => [o, sortedByTime(unpackFollowUps(p))])) };
}

/**
 * One arm's data, built member by member as a scan finds them, so that the members need not be
 * kept. The follow-ups stay in the order found: every estimator is order-free.
 */
export class ArmDataBuilder {
  private readonly parsed: Outcome[];
  private readonly columns: FollowUpColumns[];
  private readonly covariates: CovariateColumns[];
  private readonly adjust: readonly AdjustTerm[];
  private readonly evaluation: EvaluationColumns | null;
  private size = 0;
  private sizeKey = 0;

  constructor(
    private readonly name: string,
    private readonly cohortId: string,
    private readonly outcomes: readonly OutcomeName[],
    private readonly window: FollowUpWindow,
    extras: ArmExtras = {},
  ) {
    this.parsed = outcomes.map(parseOutcome);
    this.columns = outcomes.map(() => new FollowUpColumns());
    this.adjust = extras.adjust ?? [];
    this.covariates = this.adjust.length ? outcomes.map(() => new CovariateColumns(this.adjust.length)) : [];
    this.evaluation = extras.evaluation ? new EvaluationColumns(extras.evaluation) : null;
  }

  add(member: CohortMember, recordKey = 0): void {
    this.size += 1;
    this.sizeKey = addRecordKey(this.sizeKey, recordKey);
    const all = followUps(member, this.parsed, this.window);
    const codes = this.adjust.map((term) => codeOf(term, member));
    this.evaluation?.add(member, recordKey);
    for (let i = 0; i < all.length; i++) {
      const f = all[i];
      if (!f) continue;
      this.columns[i].push(f, recordKey);
      this.covariates[i]?.push(codes);
    }
  }

  packed(): PackedArm {
    const { name, cohortId, size, sizeKey } = this;
    const packed: PackedArm = { name, cohortId, size, sizeKey, followUps: this.outcomes.map((o, i) => [o, this.columns[i].packed()]) };
    if (this.covariates.length) packed.covariates = this.outcomes.map((o, i) => [o, this.covariates[i].packed()]);
    if (this.evaluation) packed.evaluation = this.evaluation.packed();
    return packed;
  }
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
  disclosure: DisclosureMode;
  dataVersion: DataVersion;
  estimators: EstimatorNote[];
  arms: Array<{ name: string; cohortId: string; size: number | null; suppressed: boolean }>;
  trajectories: ArmTrajectory[];
  logRank: LogRankView[];
  rateRatios: RateRatioView[];
  /** Each arm × outcome × checkpoint month, and each arm's difference from the reference arm (§12). */
  headline: HeadlineTable;
  /** Cox hazard ratios of each arm, unadjusted and adjusted for `adjust`; empty when the study adjusts for nothing. */
  adjustedEffects: AdjustedEffectsView[];
  /** Mean changes in assessment scores per arm, and between arms (§12). */
  assessments: AssessmentChanges;
  /** Applications above the member's level after time zero, per arm and group (§12). */
  applications: ApplicationsAfterProgramme;
}

export interface StudyReportInput {
  study: Study;
  arms: readonly PackedArm[];
  asOf: string;
  k: number;
  disclosure: DisclosureMode;
  dataVersion: DataVersion;
  /** The horizon of this report (a checkpoint's month, or the study's horizon). */
  horizonMonths: number;
}

/** The parts of a report that depend on the disclosure mode. */
export type StudyReportParts = Pick<StudyReport, 'arms' | 'trajectories' | 'logRank' | 'rateRatios'>;

/**
 * Every arm × outcome curve and interval table, log-rank tests between the arms, rates per 100
 * person-years and rate ratios against the reference arm (the first unless named), in the input's disclosure mode.
 */
export function assembleStudyReport(input: StudyReportInput): StudyReport {
  const { study, k, horizonMonths, disclosure } = input;
  const { interval } = study.definition;
  const parts = reportParts(input);
  return {
    studyId: study.id,
    name: study.definition.name,
    asOf: input.asOf,
    horizonMonths,
    interval,
    intervalDays: intervalDays(interval),
    timeUnit: 'days',
    k,
    disclosure,
    dataVersion: publishedVersion(input.dataVersion, disclosure, k),
    estimators: study.definition.outcomes.map((outcome) => estimatorNote(outcome, estimatorOf(study.definition, outcome))),
    ...parts,
    headline: headlineTable(study.definition, parts.trajectories, horizonMonths),
    adjustedEffects: adjustedEffects(study.definition, input.arms, { k, disclosure }),
    ...evaluationParts(study.definition, input.arms, { k, disclosure }),
  };
}

/** Assessments and applications after time zero, from what the scan collected (nothing, for arms built without). */
function evaluationParts(definition: StudyDefinition, arms: readonly PackedArm[], { k, disclosure }: { k: number; disclosure: DisclosureMode }) {
  const empty: PackedEvaluation = { scores: new Float64Array(0), scoreKeys: new Uint32Array(0), groups: new Uint8Array(0), flags: new Uint8Array(0), keys: new Uint32Array(0) };
  const evaluation = arms.map((a) => a.evaluation ?? empty);
  const names = arms.map((a) => a.name);
  const groups = GROUPS_BY_GROUPING[definition.grouping ?? DEFAULT_STUDY_GROUPING];
  const scored = evaluation.map((e) => ({ scores: unpackScores(e), keys: e.scoreKeys }));
  const exact = assessmentChanges(names.map((name, i) => ({ name, scores: scored[i].scores })), { k, reference: referenceArmIndex(definition) });
  return {
    assessments: disclosure === 'protected' ? protectAssessments(exact, scored, names) : exact,
    applications: applicationsAfterProgramme(names.map((name, i) => ({ name, members: unpackApplications(evaluation[i], groups) })), {
      k, disclosure, groups, windowMonths: definition.applicationsWithinMonths ?? DEFAULT_APPLICATION_MONTHS,
    }),
  };
}

function reportParts(input: StudyReportInput): StudyReportParts {
  switch (input.disclosure) {
    case 'exact':
      return exactParts(input.study, input.arms.map(unpackArm), input.k, input.horizonMonths);
    case 'protected':
      return protectedStudyParts(input.study, input.arms, input.k, input.horizonMonths);
    default: {
      const unexpected: never = input.disclosure;
      throw new Error(`unknown disclosure mode ${String(unexpected)}`);
    }
  }
}

/** Exact mode: R-equal estimates, with the small-count rule applied to each part. */
function exactParts(study: Study, arms: readonly ArmData[], k: number, horizonMonths: number): StudyReportParts {
  const { outcomes, interval } = study.definition;
  const opts = { interval, horizonDays: monthsToDays(horizonMonths) };
  const raw = new Map<OutcomeName, RawTrajectory[]>();
  for (const outcome of outcomes) {
    const estimator = estimatorOf(study.definition, outcome);
    raw.set(outcome, arms.map((arm) => estimateTrajectory(arm.followUps.get(outcome) ?? [], outcome, estimator, opts)));
  }
  const small = (n: number): boolean => isSmallCount(n, k);
  return {
    arms: arms.map((a) => ({ name: a.name, cohortId: a.cohortId, size: small(a.size) ? null : a.size, suppressed: small(a.size) })),
    trajectories: outcomes.flatMap((outcome) =>
      (raw.get(outcome) ?? []).map((r, i) => ({ arm: arms[i].name, cohortId: arms[i].cohortId, ...discloseTrajectory(r, k, interval) })),
    ),
    logRank: outcomes.map((outcome) => logRankView(outcome, arms, k)),
    rateRatios: outcomes.flatMap((outcome) => rateRatioViews(study.definition, outcome, arms, raw.get(outcome) ?? [], k)),
  };
}

export function estimatorNote(outcome: OutcomeName, estimator: Estimator = defaultEstimator(outcome)): EstimatorNote {
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
  const groups = arms.map((a) => survivalObservations(a.followUps.get(outcome) ?? []));
  if (groups.some((g) => g.length < k)) return logRankViewOf(outcome, arms, null, true);
  const test = logRank(groups);
  // Observed and expected events add up to the same total, so one small observed count would follow
  // from the others; the statistic and p-value would narrow it down too. The whole test is withheld.
  if (test.observed.some((o) => isSmallCount(o, k))) return logRankViewOf(outcome, arms, null, true);
  return logRankViewOf(outcome, arms, test, false);
}

/** Follow-ups as a log-rank test takes them: the outcome is the event, anything else a censoring. */
export function survivalObservations(followUps: readonly FollowUp[]): Array<{ time: number; event: boolean }> {
  return followUps.map((f) => ({ time: f.time, event: f.status === 'event' }));
}

/** A log-rank test as a report shows it, or with every figure null when there is no test to show. */
export function logRankViewOf(outcome: OutcomeName, arms: ReadonlyArray<{ name: string }>, test: LogRankResult | null, suppressed: boolean): LogRankView {
  const competingEvents = outcome === 'exit' ? 'not-applicable' : 'censored';
  if (!test) {
    return {
      outcome, method: 'log-rank', competingEvents, chiSquare: null, df: null, pValue: null, suppressed,
      arms: arms.map((a) => ({ arm: a.name, observed: null, expected: null })),
    };
  }
  return {
    outcome,
    method: 'log-rank',
    competingEvents,
    chiSquare: test.pValue === null ? null : test.chiSquare,
    df: test.pValue === null ? null : test.df,
    pValue: test.pValue,
    arms: arms.map((a, i) => ({ arm: a.name, observed: test.observed[i], expected: test.expected[i] })),
    suppressed,
  };
}

/** Every arm but the reference, with its index: the numerators of the rate ratios. */
export function comparedArms<A>(arms: readonly A[], definition: StudyDefinition): Array<{ arm: A; index: number; reference: number }> {
  const reference = referenceArmIndex(definition);
  return arms.flatMap((arm, index) => (index === reference ? [] : [{ arm, index, reference }]));
}

function rateRatioViews(definition: StudyDefinition, outcome: OutcomeName, arms: readonly ArmData[], raw: readonly RawTrajectory[], k: number): RateRatioView[] {
  return comparedArms(arms, definition).map(({ arm, index, reference: ref }) => {
    const r = raw[index];
    const reference = raw[ref];
    const computable = r.rate.personYears > 0 && reference.rate.personYears > 0;
    const rr = computable
      ? rateRatio({ events: r.rate.events, personYears: r.rate.personYears }, { events: reference.rate.events, personYears: reference.rate.personYears })
      : { ratio: null, lower: null, upper: null, method: 'exact-conditional-binomial' as const };
    const shown = withholdEstimate(
      { ratio: rr.ratio, lower: rr.lower, upper: rr.upper },
      { numerator: r.rate.events, denominator: reference.rate.events, atRisk: Math.min(r.n, reference.n) },
      k,
    );
    return { outcome, numerator: arm.name, denominator: arms[ref].name, ...shown, method: 'exact-conditional-binomial' };
  });
}
