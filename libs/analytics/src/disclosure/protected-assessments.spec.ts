import { assessmentChanges, type MemberAssessments } from '../studies/assessments';
import { protectAssessments } from './protected-assessments';

/** Confidence-self baseline and post scores on the 0–1 scale (the other slots empty). */
const member = (baseline: number, post: number): MemberAssessments => {
  const scores = new Array<number>(9).fill(Number.NaN);
  scores[0] = baseline;
  scores[1] = post;
  return scores;
};

describe('assessment changes in protected answers', () => {
  const a = Array.from({ length: 23 }, (_, i) => member(0.25, 0.5 + (i % 3) * 0.01));
  const b = Array.from({ length: 17 }, (_, i) => member(0.5, 0.5 + (i % 2) * 0.1));
  const exact = assessmentChanges([{ name: 'a', scores: a }, { name: 'b', scores: b }], { k: 5, reference: 0 });

  it('given exact changes, then means and interval ends are rounded to 0.05, se, t and df left out, p to two decimals, and n rounded by cell key', () => {
    const keys = (n: number) => Uint32Array.from({ length: n }, (_, i) => (i + 1) * 2654435761);
    const shown = protectAssessments(exact, [{ scores: a, keys: keys(23) }, { scores: b, keys: keys(17) }], ['a', 'b']);
    const before = exact.changes.find((c) => c.arm === 'a' && c.instrument === 'confidence-self' && c.change === 'baseline-to-post')!;
    const after = shown.changes.find((c) => c.arm === 'a' && c.instrument === 'confidence-self' && c.change === 'baseline-to-post')!;

    expect(before.meanChange).toBeCloseTo(0.2596, 4);
    expect(after).toMatchObject({ meanChange: 0.25, stdErr: null, t: null, df: null });
    expect([after.lower! * 20, after.upper! * 20].every((x) => Math.abs(x - Math.round(x)) < 1e-9)).toBe(true);
    expect(after.n! % 5).toBe(0);
    expect(after.pValue).toBe(Math.round(before.pValue! * 100) / 100);
    const difference = shown.differences.find((d) => d.instrument === 'confidence-self' && d.change === 'baseline-to-post')!;
    expect(difference).toMatchObject({ arm: 'b', reference: 'a', referenceN: after.n, stdErr: null, t: null });
  });

  it('given the same members, then the same rounded n; given one member more, then n may move by a whole step, never by one', () => {
    const keys = (n: number) => Uint32Array.from({ length: n }, (_, i) => (i + 7) * 40503);
    const once = protectAssessments(exact, [{ scores: a, keys: keys(23) }, { scores: b, keys: keys(17) }], ['a', 'b']);
    const twice = protectAssessments(exact, [{ scores: a, keys: keys(23) }, { scores: b, keys: keys(17) }], ['a', 'b']);
    expect(twice).toEqual(once);
    const bigger = [...a, member(0.25, 0.75)];
    const more = protectAssessments(assessmentChanges([{ name: 'a', scores: bigger }, { name: 'b', scores: b }], { k: 5, reference: 0 }),
      [{ scores: bigger, keys: keys(24) }, { scores: b, keys: keys(17) }], ['a', 'b']);
    const n = (r: typeof once) => r.changes.find((c) => c.arm === 'a' && c.instrument === 'confidence-self' && c.change === 'baseline-to-post')!.n!;
    expect((n(more) - n(once)) % 5).toBe(0);
  });
});
