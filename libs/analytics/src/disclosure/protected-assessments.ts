import { addRecordKey, roundByCellKey } from '@rung/stats';
import type { AssessmentInstrument } from '@rung/contracts';
import { scoreOf, type AssessmentChange, type AssessmentChanges, type MemberAssessments } from '../studies/assessments';

/** Means and interval ends of protected answers are shown to this step on the 0–1 scale. */
export const PROTECTED_SCORE_STEP = 0.05;

export interface ScoredArm {
  scores: readonly MemberAssessments[];
  keys: ArrayLike<number>;
}

const LATER: Record<AssessmentChange, 'post' | 'follow-up'> = { 'baseline-to-post': 'post', 'baseline-to-follow-up': 'follow-up' };

/**
 * Assessment changes as a protected answer shows them (§7.1): each number of pairs rounded by the
 * cell key of those members; each mean, difference and interval end rounded to 0.05; the standard
 * error, t and degrees of freedom left out (with n they would give the exact mean back), and p to
 * two decimals. Two cohorts that differ by one member then no longer give that member's change.
 */
export function protectAssessments(result: AssessmentChanges, arms: readonly ScoredArm[], armNames: readonly string[]): AssessmentChanges {
  const n = (arm: string, instrument: AssessmentInstrument, change: AssessmentChange, exact: number | null): number | null => {
    if (exact === null) return null;
    const scored = arms[armNames.indexOf(arm)];
    let key = 0;
    scored.scores.forEach((s, i) => {
      if (Number.isFinite(scoreOf(s, instrument, 'baseline')) && Number.isFinite(scoreOf(s, instrument, LATER[change]))) key = addRecordKey(key, scored.keys[i]);
    });
    return roundByCellKey(exact, key, result.k);
  };
  return {
    ...result,
    changes: result.changes.map((c) => ({
      ...c, n: n(c.arm, c.instrument, c.change, c.n), meanChange: step(c.meanChange), lower: step(c.lower), upper: step(c.upper),
      stdErr: null, t: null, df: null, pValue: twoDecimals(c.pValue),
    })),
    differences: result.differences.map((d) => ({
      ...d, n: n(d.arm, d.instrument, d.change, d.n), referenceN: n(d.reference, d.instrument, d.change, d.referenceN),
      difference: step(d.difference), lower: step(d.lower), upper: step(d.upper), stdErr: null, t: null, df: null, pValue: twoDecimals(d.pValue),
    })),
  };
}

function step(x: number | null): number | null {
  return x === null ? null : Math.round(Math.round(x / PROTECTED_SCORE_STEP) * PROTECTED_SCORE_STEP * 100) / 100;
}

function twoDecimals(x: number | null): number | null {
  return x === null ? null : Math.round(x * 100) / 100;
}
