import { isSmallCount as isSmall, suppressTable, withholdEstimate, type MedianSurvival } from '@rung/stats';
import type { RateView } from '../common/rate-view';
import { intervalDays, type IntervalKind } from '../common/intervals';
import { estimandOf, type RawCurveRow, type RawTrajectory } from '../cohorts/trajectory';
import type { CurveRowView, MedianView, TableRowView, TrajectoryView } from './trajectory-view';

/**
 * Disclosure control (§7) on one trajectory:
 * - n from 1 to k − 1 is suppressed;
 * - a curve row with fewer than k at risk is withheld (everything but its time is null);
 * - on a shown row, event, competing and censoring counts from 1 to k − 1 are nulled, together with
 *   the row's other non-zero counts, since their sum follows from consecutive numbers at risk, and
 *   with the row's estimate, whose step size would give the events back;
 * - the interval table's counts go through suppressTable (primary and complementary suppression
 *   against the row totals, which follow from the numbers at risk, and the column totals, which
 *   are the event counts shown with the rates); a number at risk below k is suppressed, and so is
 *   the next one when a row total is, so that the difference does not give it away; an estimate
 *   resting on fewer than k at risk, or beside a withheld count, is withheld;
 * - the median and its limits are withheld where they fall on rows with fewer than k at risk;
 * - the rate is withheld when its events or n are below k.
 */
export function discloseTrajectory(raw: RawTrajectory, k: number, interval: IntervalKind): TrajectoryView {
  const days = intervalDays(interval);
  const competing = raw.estimator === 'aalen-johansen';
  return {
    outcome: raw.outcome,
    estimator: raw.estimator,
    estimand: estimandOf(raw.estimator),
    competingEvent: competing ? 'exit' : null,
    n: isSmall(raw.n, k) ? null : raw.n,
    suppressed: isSmall(raw.n, k),
    curve: raw.curve.map((row) => discloseCurveRow(row, k, days, competing)),
    median: raw.median === null ? null : discloseMedian(raw.median, raw.curve, raw.n, k),
    table: discloseTable(raw, k, competing),
    rate: discloseRate(raw, k),
  };
}

function discloseCurveRow(row: RawCurveRow, k: number, days: number, competing: boolean): CurveRowView {
  const elapsed = row.time / days;
  if (row.atRisk < k) {
    return {
      time: row.time, elapsed, atRisk: null, events: null, ...(competing ? { competingEvents: null } : {}), censored: null,
      estimate: null, stdErr: null, lower: null, upper: null, suppressed: true,
    };
  }
  const counts = [row.events, row.competingEvents ?? 0, row.censored];
  const hide = counts.some((c) => isSmall(c, k));
  const shown = (c: number): number | null => (hide && c > 0 ? null : c);
  return {
    time: row.time,
    elapsed,
    atRisk: row.atRisk,
    events: shown(row.events),
    ...(competing ? { competingEvents: shown(row.competingEvents ?? 0) } : {}),
    censored: shown(row.censored),
    estimate: hide ? null : row.estimate,
    stdErr: hide ? null : row.stdErr,
    lower: hide ? null : row.lower,
    upper: hide ? null : row.upper,
    suppressed: hide,
  };
}

function discloseTable(raw: RawTrajectory, k: number, competing: boolean): TableRowView[] {
  const counts = raw.table.map((r) => (competing ? [r.events, r.competingEvents ?? 0, r.censored] : [r.events, r.censored]));
  const masked = suppressTable(counts, k, { rowTotals: true, columnTotals: true });
  return raw.table.map((row, i): TableRowView => {
    const cells = masked.cells[i];
    const previousTotalHidden = i > 0 && (masked.rowTotals?.[i - 1].suppressed ?? false);
    const atRiskHidden = isSmall(row.atRisk, k) || (previousTotalHidden && row.atRisk > 0);
    const estimateHidden = row.estimate !== null && (thinAt(raw.curve, row.end, k) || cells.some((c) => c.suppressed));
    const suppressed = atRiskHidden || estimateHidden || cells.some((c) => c.suppressed);
    return {
      interval: row.interval,
      start: row.start,
      end: row.end,
      atRisk: atRiskHidden ? null : row.atRisk,
      events: cells[0].value,
      ...(competing ? { competingEvents: cells[1].value } : {}),
      censored: cells[competing ? 2 : 1].value,
      estimate: estimateHidden ? null : row.estimate,
      lower: estimateHidden ? null : row.lower,
      upper: estimateHidden ? null : row.upper,
      suppressed,
    };
  });
}

/** Whether the curve's value at `time` rests on a step taken with fewer than k at risk. */
function thinAt(curve: readonly RawCurveRow[], time: number, k: number): boolean {
  let last: RawCurveRow | undefined;
  for (const row of curve) {
    if (row.time > time) break;
    last = row;
  }
  return last !== undefined && last.atRisk < k;
}

function discloseMedian(median: MedianSurvival, curve: readonly RawCurveRow[], n: number, k: number): MedianView {
  if (n < k) return { time: null, lower: null, upper: null, suppressed: median.time !== null || median.lower !== null || median.upper !== null };
  const guard = (value: number | null): number | null => {
    if (value === null) return null;
    const row = curve.find((r) => r.time >= value);
    return row === undefined || row.atRisk < k ? null : value;
  };
  const shown = { time: guard(median.time), lower: guard(median.lower), upper: guard(median.upper) };
  const suppressed = shown.time !== median.time || shown.lower !== median.lower || shown.upper !== median.upper;
  return { ...shown, suppressed };
}

function discloseRate(raw: RawTrajectory, k: number): RateView {
  const { events, personYears, estimate } = raw.rate;
  const rate: Omit<RateView, 'suppressed'> = {
    events, personYears, per: 100, rate: estimate?.rate ?? null, lower: estimate?.lower ?? null, upper: estimate?.upper ?? null,
  };
  return withholdEstimate(rate, { numerator: events, atRisk: raw.n }, k, ['per']);
}

