import { alignNearTimes, assertFiniteTimes } from './time-fix';

/**
 * Counts at one distinct observed time. `counts[0]` is the number censored at
 * that time and `counts[j]` (j ≥ 1) the number with outcome j. Subjects
 * censored at an event time are still at risk at that time.
 */
export type RiskSetRow = { readonly time: number; readonly atRisk: number; readonly counts: readonly number[] };

/**
 * Tabulates follow-up by distinct time (after survfit's timefix).
 * `outcomes[i]` is 0 for censored, or 1..outcomeCount for the outcome type.
 */
export function tabulateRiskSets(
  times: readonly number[],
  outcomes: readonly number[],
  outcomeCount: number,
): RiskSetRow[] {
  assertFiniteTimes(times);
  const fixed = alignNearTimes(times);
  const order = fixed.map((_, i) => i).sort((a, b) => fixed[a] - fixed[b]);
  const rows: RiskSetRow[] = [];
  let atRisk = fixed.length;
  let i = 0;
  while (i < order.length) {
    const time = fixed[order[i]];
    const counts = new Array<number>(outcomeCount + 1).fill(0);
    let j = i;
    for (; j < order.length && fixed[order[j]] === time; j++) counts[outcomes[order[j]]] += 1;
    rows.push({ time, atRisk, counts });
    atRisk -= j - i;
    i = j;
  }
  return rows;
}
