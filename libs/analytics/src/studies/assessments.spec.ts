import type { AssessmentInstrument, AssessmentPhase } from '@rung/contracts';
import { emptyTimeline, type AssessmentRecord } from '@rung/projections';
import { pairedTTest, welchTTest } from '@rung/stats';
import { dayOf } from '../common/days';
import type { CohortMember } from '../cohorts/cohort-membership';
import {
  assessmentChanges, assessmentScoresOf, scoreOf, NO_ASSESSMENTS, type AssessmentArm, type AssessmentChangeView, type MemberAssessments,
} from './assessments';
import { assessmentChangesCsv, ASSESSMENT_CHANGES_CSV_HEADER } from './assessments.csv';

const T0 = '2024-01-01';

type Rec = Partial<AssessmentRecord> & { at: string; phase: AssessmentPhase; score: number };

function member(records: Rec[], extra: Partial<CohortMember> = {}): CohortMember {
  const assessments = records.map((r): AssessmentRecord => ({ instrument: 'confidence-self', scaleMin: 1, scaleMax: 5, ...r }));
  return { timeline: { ...emptyTimeline('s1', 'rx1-trust'), assessments }, timeZero: dayOf(T0), levelAtEntry: 2, ...extra };
}

/** A member with a baseline the day before time zero and a post score 90 days after, each on its own scale. */
function prePost(before: number, after: number, scales: { before: [number, number]; after: [number, number] }, instrument: AssessmentInstrument = 'confidence-self'): MemberAssessments {
  return assessmentScoresOf(member([
    { instrument, at: '2023-12-31T09:00:00Z', phase: 'baseline', score: before, scaleMin: scales.before[0], scaleMax: scales.before[1] },
    { instrument, at: '2024-03-31T09:00:00Z', phase: 'post', score: after, scaleMin: scales.after[0], scaleMax: scales.after[1] },
  ]));
}

const score = (s: MemberAssessments, phase: AssessmentPhase, instrument: AssessmentInstrument = 'confidence-self') => scoreOf(s, instrument, phase);

/**
 * Two arms on confidence-self. The mentored arm's baseline was on a 1–5 scale and its post on 1–7;
 * the comparison arm's were both on 1–5. R, on the rescaled scores:
 *   mb <- (c(2,3,1,4,2,3)-1)/4; mp <- (c(5,6,3,7,4,4)-1)/6
 *   cb <- (c(3,2,4,3,2,1,3)-1)/4; cp <- (c(3,3,4,4,2,2,3)-1)/4
 *   t.test(mp, mb, paired = TRUE); t.test(cp, cb, paired = TRUE); t.test(mp - mb, cp - cb)
 */
const MENTORED = { before: [2, 3, 1, 4, 2, 3], after: [5, 6, 3, 7, 4, 4] };
const COMPARISON = { before: [3, 2, 4, 3, 2, 1, 3], after: [3, 3, 4, 4, 2, 2, 3] };
const R = {
  mentored: { estimate: 0.2638888888888888951, lower: 0.113259768810562253, upper: 0.4145180089672155788, t: 4.5034318998297839798, df: 5, p: 0.0063793420924933971, se: 0.0585972864159138504 },
  comparison: { estimate: 0.107142857142857137, lower: -0.016444854493595392, upper: 0.230730568779309669, t: 2.121320343559642385, df: 6, p: 0.078140749411215821, se: 0.050507627227610534 },
  welch: { estimate: 0.156746031746031744, lower: -0.014721515911845442, upper: 0.328213579403908884, t: 2.026173948835102934, df: 10.403827176095820306, p: 0.069159351970290064, se: 0.077360599684024603 },
};

function twoArms(): AssessmentArm[] {
  return [
    { name: 'comparison', scores: COMPARISON.before.map((b, i) => prePost(b, COMPARISON.after[i], { before: [1, 5], after: [1, 5] })) },
    { name: 'mentored', scores: MENTORED.before.map((b, i) => prePost(b, MENTORED.after[i], { before: [1, 5], after: [1, 7] })) },
  ];
}

const find = (views: AssessmentChangeView[], arm: string, change: string, instrument = 'confidence-self') =>
  views.find((v) => v.arm === arm && v.change === change && v.instrument === instrument)!;

describe('a member’s assessment scores', () => {
  it('given a baseline and a post score on different scales, then each is rescaled to 0–1 on its own scale', () => {
    const s = prePost(2, 5, { before: [1, 5], after: [1, 7] });
    expect(score(s, 'baseline')).toBe(0.25);
    expect(score(s, 'post')).toBeCloseTo(4 / 6, 15);
    expect(score(s, 'follow-up')).toBeNaN();
    expect(score(prePost(40, 70, { before: [0, 100], after: [0, 100] }, '360-leadership'), 'post', '360-leadership')).toBe(0.7);
  });

  it('given several baselines, then the latest on or before time zero counts, and one after it only when there is none before', () => {
    const s = assessmentScoresOf(member([
      { at: '2023-11-01', phase: 'baseline', score: 1 },
      { at: '2024-01-01', phase: 'baseline', score: 2 },
      { at: '2024-01-10', phase: 'baseline', score: 5 },
    ]));
    expect(score(s, 'baseline')).toBe(0.25);
    const late = assessmentScoresOf(member([
      { at: '2024-01-20', phase: 'baseline', score: 4 },
      { at: '2024-01-10', phase: 'baseline', score: 3 },
      { at: '2024-03-01', phase: 'post', score: 5 },
    ]));
    expect([score(late, 'baseline'), score(late, 'post')]).toEqual([0.5, 1]);
  });

  it('given several post scores, then the earliest after time zero counts; one on or before time zero, or on or before the baseline, is ignored', () => {
    const s = assessmentScoresOf(member([
      { at: '2023-12-01', phase: 'baseline', score: 1 },
      { at: '2024-01-01', phase: 'post', score: 2 },
      { at: '2024-05-01', phase: 'post', score: 5 },
      { at: '2024-04-01', phase: 'post', score: 4 },
      { at: '2025-01-01', phase: 'follow-up', score: 3 },
    ]));
    expect([score(s, 'baseline'), score(s, 'post'), score(s, 'follow-up')]).toEqual([0, 0.75, 0.5]);
    const lateBaseline = assessmentScoresOf(member([
      { at: '2024-01-05', phase: 'post', score: 2 },
      { at: '2024-01-10', phase: 'baseline', score: 1 },
      { at: '2024-01-10', phase: 'follow-up', score: 4 },
      { at: '2024-02-10', phase: 'post', score: 3 },
    ]));
    expect([score(lateBaseline, 'baseline'), score(lateBaseline, 'post'), score(lateBaseline, 'follow-up')]).toEqual([0, 0.5, NaN]);
  });

  it('given two records of one phase on the same day, then the later in the timeline counts', () => {
    const s = assessmentScoresOf(member([
      { at: '2024-03-01T09:00:00Z', phase: 'post', score: 2 },
      { at: '2024-03-01T08:00:00Z', phase: 'post', score: 3 },
      { at: '2023-12-01', phase: 'baseline', score: 4 },
      { at: '2023-12-01', phase: 'baseline', score: 5 },
    ]));
    expect([score(s, 'baseline'), score(s, 'post')]).toEqual([1, 0.5]);
  });

  it('given records after the end of follow-up (censorAt, or the as-of date when given), then they are ignored; one on that day counts', () => {
    const records: Rec[] = [
      { at: '2023-12-01', phase: 'baseline', score: 1 },
      { at: '2024-03-01', phase: 'post', score: 3 },
      { at: '2024-06-01', phase: 'follow-up', score: 5 },
    ];
    const censored = assessmentScoresOf(member(records, { censorAt: dayOf('2024-03-01') - dayOf(T0) }));
    expect([score(censored, 'post'), score(censored, 'follow-up')]).toEqual([0.5, NaN]);
    const asOf = assessmentScoresOf(member(records), dayOf('2024-05-31'));
    expect([score(asOf, 'post'), score(asOf, 'follow-up')]).toEqual([0.5, NaN]);
    expect(score(assessmentScoresOf(member(records), dayOf('2024-06-01')), 'follow-up')).toBe(1);
  });

  it('given records off their scale (outside it, an empty or reversed scale, non-finite), then they are ignored', () => {
    const s = assessmentScoresOf(member([
      { at: '2023-12-01', phase: 'baseline', score: 6 },
      { at: '2023-12-02', phase: 'post', score: 3, scaleMin: 3, scaleMax: 3 },
      { at: '2024-02-01', phase: 'post', score: 3, scaleMin: 5, scaleMax: 1 },
      { at: '2024-02-01', phase: 'follow-up', score: Number.NaN },
    ]));
    expect(s).toBe(NO_ASSESSMENTS);
  });

  it('given no assessments, then the member shares one all-NaN array, and any member’s scores survive a structured clone', () => {
    expect(assessmentScoresOf(member([]))).toBe(NO_ASSESSMENTS);
    expect(NO_ASSESSMENTS.every(Number.isNaN)).toBe(true);
    const s = prePost(2, 5, { before: [1, 5], after: [1, 7] });
    expect(structuredClone(s)).toEqual(s);
    expect(s.every((x) => typeof x === 'number')).toBe(true);
  });
});

describe('assessment changes by arm', () => {
  const result = assessmentChanges(twoArms(), { k: 5, reference: 0 });

  it('given two arms, then each mean change is the paired t-test of the same numbers, and equals R', () => {
    const mentored = find(result.changes, 'mentored', 'baseline-to-post');
    const before = MENTORED.before.map((b) => (b - 1) / 4);
    const after = MENTORED.after.map((a) => (a - 1) / 6);
    const lib = pairedTTest(before, after, 0.95);
    expect(mentored).toEqual({
      instrument: 'confidence-self', arm: 'mentored', change: 'baseline-to-post', n: 6,
      meanChange: lib.estimate, lower: lib.lower, upper: lib.upper, stdErr: lib.stdErr, t: lib.t, df: lib.df, pValue: lib.pValue,
      method: 'paired-t', reason: null, suppressed: false,
    });
    for (const [view, r] of [[mentored, R.mentored], [find(result.changes, 'comparison', 'baseline-to-post'), R.comparison]] as const) {
      expect(view.meanChange).toBeCloseTo(r.estimate, 12);
      expect(view.lower).toBeCloseTo(r.lower, 12);
      expect(view.upper).toBeCloseTo(r.upper, 12);
      expect(view.t).toBeCloseTo(r.t, 11);
      expect(view.df).toBe(r.df);
      expect(view.pValue! / r.p).toBeCloseTo(1, 10);
      expect(view.stdErr).toBeCloseTo(r.se, 12);
    }
  });

  it('given two arms, then the difference is Welch’s t-test of the arms’ changes, arm minus reference, and equals R', () => {
    expect(result.reference).toBe('comparison');
    expect(result.differences.map((d) => [d.instrument, d.change, d.arm, d.reference])).toEqual([
      ['confidence-self', 'baseline-to-post', 'mentored', 'comparison'],
      ['confidence-self', 'baseline-to-follow-up', 'mentored', 'comparison'],
      ['360-leadership', 'baseline-to-post', 'mentored', 'comparison'],
      ['360-leadership', 'baseline-to-follow-up', 'mentored', 'comparison'],
      ['other', 'baseline-to-post', 'mentored', 'comparison'],
      ['other', 'baseline-to-follow-up', 'mentored', 'comparison'],
    ]);
    const d = result.differences[0];
    const x = MENTORED.before.map((b, i) => (MENTORED.after[i] - 1) / 6 - (b - 1) / 4);
    const y = COMPARISON.before.map((b, i) => (COMPARISON.after[i] - 1) / 4 - (b - 1) / 4);
    const lib = welchTTest(x, y, 0.95);
    expect(d).toEqual({
      instrument: 'confidence-self', change: 'baseline-to-post', arm: 'mentored', reference: 'comparison', n: 6, referenceN: 7,
      difference: lib.estimate, lower: lib.lower, upper: lib.upper, stdErr: lib.stdErr, t: lib.t, df: lib.df, pValue: lib.pValue,
      method: 'welch-t', reason: null, suppressed: false,
    });
    expect(d.difference).toBeCloseTo(R.welch.estimate, 12);
    expect(d.lower).toBeCloseTo(R.welch.lower, 12);
    expect(d.upper).toBeCloseTo(R.welch.upper, 12);
    expect(d.df).toBeCloseTo(R.welch.df, 10);
    expect(d.pValue! / R.welch.p).toBeCloseTo(1, 10);
  });

  it('given a confidence level, then the intervals are at that level', () => {
    const at90 = assessmentChanges(twoArms(), { k: 5, reference: 0, confLevel: 0.9 });
    const lib = pairedTTest(COMPARISON.before.map((b) => (b - 1) / 4), COMPARISON.after.map((a) => (a - 1) / 4), 0.9);
    expect(at90.confLevel).toBe(0.9);
    expect(find(at90.changes, 'comparison', 'baseline-to-post')).toMatchObject({ lower: lib.lower, upper: lib.upper });
  });

  it('given every instrument, arm and change, then there is one view each, in instrument × arm × change order', () => {
    expect(result.changes.map((c) => `${c.instrument}/${c.arm}/${c.change}`)).toEqual([
      'confidence-self/comparison/baseline-to-post', 'confidence-self/comparison/baseline-to-follow-up',
      'confidence-self/mentored/baseline-to-post', 'confidence-self/mentored/baseline-to-follow-up',
      '360-leadership/comparison/baseline-to-post', '360-leadership/comparison/baseline-to-follow-up',
      '360-leadership/mentored/baseline-to-post', '360-leadership/mentored/baseline-to-follow-up',
      'other/comparison/baseline-to-post', 'other/comparison/baseline-to-follow-up',
      'other/mentored/baseline-to-post', 'other/mentored/baseline-to-follow-up',
    ]);
  });

  it('given no pairs for a change, then n is 0 and the figures are null with a reason, not withheld', () => {
    expect(find(result.changes, 'mentored', 'baseline-to-follow-up')).toMatchObject({
      n: 0, meanChange: null, lower: null, pValue: null, reason: 'fewer-than-2-pairs', suppressed: false,
    });
    expect(result.differences[1]).toMatchObject({ n: 0, referenceN: 0, difference: null, reason: 'fewer-than-2-pairs', suppressed: false });
  });

  it('given members missing a phase, then they are left out of that change only', () => {
    const arms = twoArms();
    const baselineOnly = assessmentScoresOf(member([{ at: '2023-12-01', phase: 'baseline', score: 5 }]));
    const postOnly = assessmentScoresOf(member([{ at: '2024-02-01', phase: 'post', score: 1 }]));
    const withFollowUp = (later: number) => assessmentScoresOf(member([
      { at: '2023-12-01', phase: 'baseline', score: 5 }, { at: '2024-09-01', phase: 'follow-up', score: later },
    ]));
    arms[1] = { ...arms[1], scores: [...arms[1].scores, baselineOnly, postOnly, withFollowUp(1), withFollowUp(2), withFollowUp(3), NO_ASSESSMENTS] };
    const withMissing = assessmentChanges(arms, { k: 3, reference: 0 });
    expect(find(withMissing.changes, 'mentored', 'baseline-to-post')).toEqual(find(result.changes, 'mentored', 'baseline-to-post'));
    expect(find(withMissing.changes, 'mentored', 'baseline-to-follow-up')).toMatchObject({
      n: 3, meanChange: pairedTTest([1, 1, 1], [0, 0.25, 0.5]).estimate, reason: null, suppressed: false,
    });
  });

  it('given an arm with 1 to k − 1 pairs, then its change is withheld whole, with no reason, and so is every difference involving it', () => {
    const arms = twoArms();
    const small = [{ ...arms[0], scores: arms[0].scores.slice(0, 4) }, arms[1]];
    const r = assessmentChanges(small, { k: 5, reference: 0 });
    expect(find(r.changes, 'comparison', 'baseline-to-post')).toEqual({
      instrument: 'confidence-self', arm: 'comparison', change: 'baseline-to-post', n: null,
      meanChange: null, lower: null, upper: null, stdErr: null, t: null, df: null, pValue: null, method: 'paired-t', reason: null, suppressed: true,
    });
    expect(find(r.changes, 'mentored', 'baseline-to-post')).toMatchObject({ n: 6, suppressed: false });
    expect(r.differences[0]).toMatchObject({ n: 6, referenceN: null, difference: null, lower: null, pValue: null, reason: null, suppressed: true });
    // With k = 3 the four pairs are shown.
    expect(find(assessmentChanges(small, { k: 3, reference: 0 }).changes, 'comparison', 'baseline-to-post')).toMatchObject({ n: 4, suppressed: false });
  });

  it('given one pair under k = 3, then it is withheld rather than said to be too few', () => {
    const one = [{ name: 'a', scores: [prePost(1, 2, { before: [1, 5], after: [1, 5] })] }];
    expect(assessmentChanges(one, { k: 3, reference: 0 }).changes[0]).toMatchObject({ n: null, reason: null, suppressed: true });
  });

  it('given changes without variation, then the figures are null with the reason, instead of an error', () => {
    const same = Array.from({ length: 5 }, () => prePost(2, 3, { before: [1, 5], after: [1, 5] }));
    const r = assessmentChanges([{ name: 'flat', scores: same }, twoArms()[1]], { k: 5, reference: 1 });
    expect(find(r.changes, 'flat', 'baseline-to-post')).toMatchObject({ n: 5, meanChange: null, t: null, reason: 'no-variation', suppressed: false });
    // Welch still has the other arm's variance, as R's t.test does.
    expect(r.differences[0]).toMatchObject({ arm: 'flat', reference: 'mentored', reason: null, suppressed: false });
    expect(r.differences[0].difference).toBeCloseTo(0.25 - R.mentored.estimate, 14);
  });

  it('given a bad reference or k, then it throws', () => {
    expect(() => assessmentChanges(twoArms(), { k: 5, reference: 2 })).toThrow(RangeError);
    expect(() => assessmentChanges(twoArms(), { k: 2, reference: 0 })).toThrow(RangeError);
  });
});

describe('assessment changes as CSV', () => {
  it('given a result, then it is one row per change and per difference, withheld values empty, suppressed 1 or 0', () => {
    const arms = twoArms();
    const r = assessmentChanges([{ ...arms[0], scores: arms[0].scores.slice(0, 4) }, arms[1]], { k: 5, reference: 1 });
    const lines = assessmentChangesCsv(r).trimEnd().split('\r\n');
    expect(lines[0]).toBe(ASSESSMENT_CHANGES_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + r.changes.length + r.differences.length);
    expect(lines[1]).toBe('confidence-self,baseline-to-post,comparison,,paired-t,,,,,,,,,,0.95,,1');
    const m = find(r.changes, 'mentored', 'baseline-to-post');
    expect(lines[3]).toBe(`confidence-self,baseline-to-post,mentored,,paired-t,6,,${m.meanChange},${m.lower},${m.upper},${m.stdErr},${m.t},5,${m.pValue},0.95,,0`);
    expect(lines[4]).toBe('confidence-self,baseline-to-follow-up,mentored,,paired-t,0,,,,,,,,,0.95,fewer-than-2-pairs,0');
    expect(lines[1 + r.changes.length]).toBe('confidence-self,baseline-to-post,comparison,mentored,welch-t,,6,,,,,,,,0.95,,1');
  });
});
