/** Survival and incidence curves as step lines that break where an estimate is withheld. */

/** A report's times are days; the page reads them in average months (365.25 / 12 days). */
export const DAYS_PER_MONTH = 30.4375;

export interface CurvePoint { arm: string; days: number; estimate: number | null; lower: number | null; upper: number | null; suppressed: boolean }

export interface Step { arm: string; month: number; y: number; lo: number; up: number }
/** A stretch in which an arm's estimate is withheld: the curve passes through the box, which says no more than the figures either side of it. */
export interface Withheld { arm: string; from: number; to: number; y1: number; y2: number }

/**
 * An arm's step curve, broken where its estimate is withheld. Curves are monotone (a survival falls, an
 * incidence rises), so a withheld stretch lies between the shown figures either side of it; after the
 * last shown figure it lies between that figure and the end of the scale.
 */
export function stepsOf(arm: string, points: readonly CurvePoint[], start: 0 | 1): { steps: Step[]; withheld: Withheld[] } {
  const steps: Step[] = [{ arm, month: 0, y: start, lo: start, up: start }];
  const withheld: Withheld[] = [];
  let last = steps[0];
  let gapFrom: number | null = null;
  let gapTo = 0;
  for (const p of [...points].sort((a, b) => a.days - b.days)) {
    const month = p.days / DAYS_PER_MONTH;
    if (p.suppressed || p.estimate === null) {
      if (gapFrom === null) {
        steps.push({ ...last, month }, { arm, month, y: NaN, lo: NaN, up: NaN });
        gapFrom = month;
      }
      gapTo = month;
      continue;
    }
    if (gapFrom !== null) {
      withheld.push({ arm, from: gapFrom, to: month, y1: Math.min(last.y, p.estimate), y2: Math.max(last.y, p.estimate) });
      gapFrom = null;
    }
    last = { arm, month, y: p.estimate, lo: p.lower ?? NaN, up: p.upper ?? NaN };
    steps.push(last);
  }
  if (gapFrom !== null) withheld.push({ arm, from: gapFrom, to: Math.max(gapTo, gapFrom + 0.5), y1: start === 1 ? 0 : last.y, y2: start === 1 ? last.y : 1 });
  return { steps, withheld };
}
