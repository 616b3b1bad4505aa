import { ASSESSMENT_INSTRUMENTS, ASSESSMENT_PHASES, type AssessmentInstrument, type AssessmentPhase } from '@rung/contracts';
import type { AssessmentRecord } from '@rung/projections';
import { assertDisclosureK, isSmallCount, pairedTTest, welchTTest, type TTestResult } from '@rung/stats';
import { dayOf, type Day } from '../common/days';
import type { CohortMember } from '../cohorts/cohort-membership';

/**
 * Assessments after a programme (§12): per instrument and arm, the mean change of the score rescaled
 * to 0–1 from baseline to post and to follow-up, with a paired t interval (R's
 * `t.test(after, before, paired = TRUE)`), and the difference of those changes between each arm and
 * the reference arm (Welch, R's `t.test(x, y)`). Pure: no I/O, no clock.
 */

/** A change that a report shows: from the baseline to a later phase. */
export const ASSESSMENT_CHANGES = ['baseline-to-post', 'baseline-to-follow-up'] as const;
export type AssessmentChange = (typeof ASSESSMENT_CHANGES)[number];

const PHASES = ASSESSMENT_PHASES.length;
const BASELINE = ASSESSMENT_PHASES.indexOf('baseline');
const LATER_PHASE: Readonly<Record<AssessmentChange, number>> = {
  'baseline-to-post': ASSESSMENT_PHASES.indexOf('post'),
  'baseline-to-follow-up': ASSESSMENT_PHASES.indexOf('follow-up'),
};

/**
 * One member's scores rescaled to 0–1, as plain numbers so that arms can travel to a worker thread
 * by structured clone: for each instrument in `ASSESSMENT_INSTRUMENTS` order, its baseline, post and
 * follow-up score (`ASSESSMENT_PHASES` order), NaN where there is none. Read it with `scoreOf`.
 */
export type MemberAssessments = readonly number[];

/** The scores of a member with no usable assessment (one shared array: structured clone copies it once). */
export const NO_ASSESSMENTS: MemberAssessments = Object.freeze(new Array<number>(ASSESSMENT_INSTRUMENTS.length * PHASES).fill(NaN));

/** A member's rescaled score for an instrument and phase, NaN when there is none. */
export function scoreOf(scores: MemberAssessments, instrument: AssessmentInstrument, phase: AssessmentPhase): number {
  return scores[slotOf(ASSESSMENT_INSTRUMENTS.indexOf(instrument), ASSESSMENT_PHASES.indexOf(phase))] ?? NaN;
}

function slotOf(instrument: number, phase: number): number {
  return instrument * PHASES + phase;
}

/**
 * A member's baseline, post and follow-up score on each instrument, rescaled to 0–1 as
 * (score − scaleMin) / (scaleMax − scaleMin), so that instruments and scale versions compare.
 *
 * Which record counts (days are UTC dates, counted from time zero):
 * - a record is usable when score, scaleMin and scaleMax are finite, scaleMax > scaleMin and the
 *   score lies on its scale; any other record is ignored, as if it had not been made;
 * - records dated after the end of follow-up are ignored: after `censorAt` (a comparison member's own
 *   later enrolment: what follows is not untreated; a record on that day still counts, as outcomes
 *   do in follow-up.ts) and after `asOf` when given (not yet known on the as-of date);
 * - baseline: the latest on or before time zero; if there is none, the earliest after it (a baseline
 *   taken at the first session, a few days in);
 * - post and follow-up: the earliest dated strictly after both time zero and the chosen baseline's
 *   day (a record on or before time zero cannot measure the programme, and one on or before the
 *   baseline would make the change run backwards in time);
 * - two usable records of one phase on the same day: the later in the timeline (business order)
 *   counts, as a correction of the earlier.
 * The changes then pair each member's baseline with their post and follow-up scores; a member with
 * only one of the two is left out of that change.
 */
export function assessmentScoresOf(member: CohortMember, asOf?: Day): MemberAssessments {
  const records = member.timeline.assessments;
  if (records.length === 0) return NO_ASSESSMENTS;
  const lastDay = Math.min(member.censorAt ?? Infinity, asOf === undefined ? Infinity : asOf - member.timeZero);
  const usable = records.flatMap((r) => {
    const score = rescaled(r);
    const instrument = ASSESSMENT_INSTRUMENTS.indexOf(r.instrument);
    const phase = ASSESSMENT_PHASES.indexOf(r.phase);
    const day = dayOf(r.at) - member.timeZero;
    return score === undefined || instrument < 0 || phase < 0 || day > lastDay ? [] : [{ slot: slotOf(instrument, phase), phase, day, score }];
  });
  const days = new Array<number>(NO_ASSESSMENTS.length).fill(NaN);
  const scores = new Array<number>(NO_ASSESSMENTS.length).fill(NaN);
  // Baselines first: the later phases must come after them.
  for (const r of usable) {
    if (r.phase === BASELINE && betterBaseline(r.day, days[r.slot])) [days[r.slot], scores[r.slot]] = [r.day, r.score];
  }
  for (const r of usable) {
    if (r.phase === BASELINE) continue;
    const baselineDay = days[r.slot - r.phase + BASELINE];
    const after = Number.isNaN(baselineDay) ? 0 : Math.max(0, baselineDay);
    if (r.day > after && (Number.isNaN(days[r.slot]) || r.day <= days[r.slot])) [days[r.slot], scores[r.slot]] = [r.day, r.score];
  }
  return scores.some((s) => !Number.isNaN(s)) ? scores : NO_ASSESSMENTS;
}

/** Whether a baseline on `day` beats the one chosen so far (on day `current`, NaN for none). */
function betterBaseline(day: number, current: number): boolean {
  if (Number.isNaN(current)) return true;
  if (day <= 0) return current > 0 || day >= current;
  return current > 0 && day <= current;
}

function rescaled(r: AssessmentRecord): number | undefined {
  const { score, scaleMin, scaleMax } = r;
  if (![score, scaleMin, scaleMax].every(Number.isFinite) || !(scaleMax > scaleMin) || score < scaleMin || score > scaleMax) return undefined;
  return (score - scaleMin) / (scaleMax - scaleMin);
}

/** Why an estimate that is not withheld is null. */
export type NoEstimateReason = 'fewer-than-2-pairs' | 'no-variation';

/** A t-test's interval and statistics, as a view shows them (null when withheld or not estimable). */
interface TTestFigures {
  lower: number | null;
  upper: number | null;
  stdErr: number | null;
  t: number | null;
  df: number | null;
  pValue: number | null;
}

/** One arm's mean change on one instrument, with its paired t interval. */
export interface AssessmentChangeView extends TTestFigures {
  instrument: AssessmentInstrument;
  arm: string;
  change: AssessmentChange;
  /** Members with both scores (pairs). */
  n: number | null;
  /** Mean of (later − baseline), on the 0–1 scale. */
  meanChange: number | null;
  method: 'paired-t';
  /** Why the estimate is null when it is not withheld; null otherwise (and always when withheld). */
  reason: NoEstimateReason | null;
  suppressed: boolean;
}

/** The difference of one arm's mean change from the reference arm's, by Welch's t-test. */
export interface AssessmentDifferenceView extends TTestFigures {
  instrument: AssessmentInstrument;
  change: AssessmentChange;
  arm: string;
  reference: string;
  /** Pairs in the arm and in the reference arm, as the arms' own changes show them. */
  n: number | null;
  referenceN: number | null;
  /** Mean change in the arm − mean change in the reference arm. */
  difference: number | null;
  method: 'welch-t';
  reason: NoEstimateReason | null;
  suppressed: boolean;
}

export interface AssessmentChanges {
  k: number;
  confLevel: number;
  /** Scores are rescaled to 0–1 on each record's own scale. */
  scale: 'rescaled-0-1';
  reference: string;
  /** Every instrument × arm × change. */
  changes: AssessmentChangeView[];
  /** Every instrument × change × arm but the reference. */
  differences: AssessmentDifferenceView[];
}

export interface AssessmentArm {
  name: string;
  scores: readonly MemberAssessments[];
}

export interface AssessmentChangesOptions {
  k: number;
  /** 0.95 unless given. */
  confLevel?: number;
  /** The index of the reference arm. */
  reference: number;
}

/**
 * Per instrument × arm × change, the paired t-test of the members with both scores; per
 * instrument × change × arm but the reference, Welch's t-test of the arm's changes against the
 * reference arm's.
 *
 * Disclosure (§7.1): the number of pairs is a count, so a change whose n is from 1 to k − 1
 * (`isSmallCount`) is withheld whole (n and every figure null, `suppressed: true`, and no reason,
 * which would narrow n down), and a difference is withheld when either of its arms' changes is.
 * With fewer than 2 pairs, or changes without variation (R's t.test stops: "data are essentially
 * constant"), the figures are null with a `reason` instead.
 */
export function assessmentChanges(arms: readonly AssessmentArm[], options: AssessmentChangesOptions): AssessmentChanges {
  const { k, reference } = options;
  const confLevel = options.confLevel ?? 0.95;
  assertDisclosureK(k);
  if (!Number.isInteger(reference) || reference < 0 || reference >= arms.length) {
    throw new RangeError(`the reference arm must be the index of an arm (0 to ${arms.length - 1}), got ${reference}`);
  }
  const changes: AssessmentChangeView[] = [];
  const differences: AssessmentDifferenceView[] = [];
  ASSESSMENT_INSTRUMENTS.forEach((instrument, i) => {
    const byChange = ASSESSMENT_CHANGES.map((change) => arms.map((arm) => pairsOf(arm.scores, i, LATER_PHASE[change])));
    arms.forEach((arm, a) => {
      ASSESSMENT_CHANGES.forEach((change, c) => changes.push(changeView(instrument, arm.name, change, byChange[c][a], k, confLevel)));
    });
    ASSESSMENT_CHANGES.forEach((change, c) => {
      arms.forEach((arm, a) => {
        if (a === reference) return;
        differences.push(differenceView(instrument, change, arm.name, arms[reference].name, byChange[c][a], byChange[c][reference], k, confLevel));
      });
    });
  });
  return { k, confLevel, scale: 'rescaled-0-1', reference: arms[reference].name, changes, differences };
}

interface Pairs {
  before: number[];
  after: number[];
  /** after − before, member by member. */
  changes: number[];
}

function pairsOf(scores: readonly MemberAssessments[], instrument: number, laterPhase: number): Pairs {
  const pairs: Pairs = { before: [], after: [], changes: [] };
  const b = slotOf(instrument, BASELINE);
  const l = slotOf(instrument, laterPhase);
  for (const s of scores) {
    const before = s[b];
    const after = s[l];
    if (Number.isNaN(before) || Number.isNaN(after) || before === undefined || after === undefined) continue;
    pairs.before.push(before);
    pairs.after.push(after);
    pairs.changes.push(after - before);
  }
  return pairs;
}

type Figures = Pick<TTestResult, 'estimate' | 'lower' | 'upper' | 'stdErr' | 't' | 'df' | 'pValue'>;
type Outcome = { figures: Figures | null; reason: NoEstimateReason | null; suppressed: boolean };

const WITHHELD: Outcome = { figures: null, reason: null, suppressed: true };

function changeView(instrument: AssessmentInstrument, arm: string, change: AssessmentChange, pairs: Pairs, k: number, confLevel: number): AssessmentChangeView {
  const n = pairs.changes.length;
  const outcome = isSmallCount(n, k) ? WITHHELD : tested(n < 2, () => pairedTTest(pairs.before, pairs.after, confLevel));
  const f = outcome.figures;
  return {
    instrument, arm, change, n: outcome.suppressed ? null : n,
    meanChange: f?.estimate ?? null, lower: f?.lower ?? null, upper: f?.upper ?? null, stdErr: f?.stdErr ?? null,
    t: f?.t ?? null, df: f?.df ?? null, pValue: f?.pValue ?? null, method: 'paired-t', reason: outcome.reason, suppressed: outcome.suppressed,
  };
}

function differenceView(
  instrument: AssessmentInstrument, change: AssessmentChange, arm: string, reference: string, x: Pairs, y: Pairs, k: number, confLevel: number,
): AssessmentDifferenceView {
  const [nx, ny] = [x.changes.length, y.changes.length];
  const [smallX, smallY] = [isSmallCount(nx, k), isSmallCount(ny, k)];
  const outcome = smallX || smallY ? WITHHELD : tested(nx < 2 || ny < 2, () => welchTTest(x.changes, y.changes, confLevel));
  const f = outcome.figures;
  return {
    instrument, change, arm, reference, n: smallX ? null : nx, referenceN: smallY ? null : ny,
    difference: f?.estimate ?? null, lower: f?.lower ?? null, upper: f?.upper ?? null, stdErr: f?.stdErr ?? null,
    t: f?.t ?? null, df: f?.df ?? null, pValue: f?.pValue ?? null, method: 'welch-t', reason: outcome.reason, suppressed: outcome.suppressed,
  };
}

/** A t-test's figures, or the reason there are none: too few pairs, or no variation (the test's own check). */
function tested(tooFew: boolean, test: () => TTestResult): Outcome {
  if (tooFew) return { figures: null, reason: 'fewer-than-2-pairs', suppressed: false };
  try {
    return { figures: test(), reason: null, suppressed: false };
  } catch (e) {
    if (e instanceof RangeError && /essentially constant/.test(e.message)) return { figures: null, reason: 'no-variation', suppressed: false };
    throw e;
  }
}
