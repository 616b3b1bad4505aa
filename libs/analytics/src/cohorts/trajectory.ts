import {
  aalenJohansen, intervalTable, kaplanMeier, poissonRate, suppressTable, withholdEstimate,
  type IntervalRow, type MedianSurvival, type PoissonRate,
} from '@rung/stats';
import { disclosedVersion, type DataVersion } from '../common/fingerprint';
import { DAYS_PER_YEAR, intervalDays, intervalLabel, monthsToDays, type IntervalKind } from '../common/intervals';
import type { FollowUp } from './follow-up';
import type { Estimator, OutcomeName } from './outcomes';
import type { RateView } from '../common/rate-view';

/** One row of a curve as survfit reports it (one per distinct observed time), before disclosure control. */
export interface RawCurveRow {
  time: number;
  atRisk: number;
  events: number;
  competingEvents: number | null;
  censored: number;
  estimate: number;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

export interface RawTableRow extends IntervalRow {
  competingEvents: number | null;
}

export interface RawTrajectory {
  outcome: OutcomeName;
  estimator: Estimator;
  n: number;
  curve: RawCurveRow[];
  median: MedianSurvival | null;
  table: RawTableRow[];
  /** Outcome events per 100 person-years of follow-up, exact Poisson CI; null without person-time. */
  rate: { events: number; personYears: number; estimate: PoissonRate | null };
}

export interface TrajectoryOptions {
  interval: IntervalKind;
  /** The horizon in days: follow-up is censored there and the interval table ends there. */
  horizonDays: number;
}

/** What the estimate means for each estimator: the probability of not yet having had the outcome, or its cumulative incidence. */
export type Estimand = 'survival' | 'cumulative-incidence';

export function estimandOf(estimator: Estimator): Estimand {
  switch (estimator) {
    case 'kaplan-meier':
      return 'survival';
    case 'aalen-johansen':
      return 'cumulative-incidence';
    default: {
      const unexpected: never = estimator;
      throw new Error(`unknown estimator ${String(unexpected)}`);
    }
  }
}

/**
 * The curve, interval table and rate for one outcome over some follow-ups, with the stats library's
 * estimators exactly as they come (Kaplan–Meier treats a competing leaving as a censoring).
 */
export function estimateTrajectory(followUps: readonly FollowUp[], outcome: OutcomeName, estimator: Estimator, opts: TrajectoryOptions): RawTrajectory {
  const { curve, median } = estimateCurve(followUps, estimator);
  const days = intervalDays(opts.interval);
  const n = followUps.length;
  const table = intervalTable(curve, n, {
    intervalDays: days,
    horizonDays: opts.horizonDays,
    label: (i) => intervalLabel(opts.interval, i),
    ...(estimator === 'aalen-johansen' ? { initial: { estimate: 0, lower: null, upper: null } } : {}),
  }).map((row): RawTableRow => ({ ...row, competingEvents: estimator === 'aalen-johansen' ? competingIn(curve, row.start, row.end) : null }));
  const events = followUps.reduce((sum, f) => sum + (f.status === 'event' ? 1 : 0), 0);
  const personYears = followUps.reduce((sum, f) => sum + f.time, 0) / DAYS_PER_YEAR;
  const rate = personYears > 0 ? poissonRate(events, personYears, 100) : null;
  return { outcome, estimator, n, curve, median, table, rate: { events, personYears, estimate: rate } };
}

export function estimateCurve(followUps: readonly FollowUp[], estimator: Estimator): { curve: RawCurveRow[]; median: MedianSurvival | null } {
  switch (estimator) {
    case 'kaplan-meier': {
      const km = kaplanMeier(followUps.map((f) => ({ time: f.time, event: f.status === 'event' })));
      const curve = km.curve.map(({ time, atRisk, events, censored, estimate, stdErr, lower, upper }) => ({
        time, atRisk, events, competingEvents: null, censored, estimate, stdErr, lower, upper,
      }));
      return { curve, median: km.median };
    }
    case 'aalen-johansen': {
      const aj = aalenJohansen(followUps);
      const curve = aj.curve.map(({ time, atRisk, events, competingEvents, censored, estimate, stdErr, lower, upper }) => ({
        time, atRisk, events, competingEvents, censored, estimate, stdErr, lower, upper,
      }));
      return { curve, median: null };
    }
    default: {
      const unexpected: never = estimator;
      throw new Error(`unknown estimator ${String(unexpected)}`);
    }
  }
}

function competingIn(curve: readonly RawCurveRow[], start: number, end: number): number {
  return curve.reduce((sum, row) => sum + (row.time >= start && row.time < end ? (row.competingEvents ?? 0) : 0), 0);
}

/* ------------------------------------------------------------------ disclosure control */

export interface CurveRowView {
  time: number;
  /** `time` in the report's interval unit (months, quarters or years). */
  elapsed: number;
  atRisk: number | null;
  events: number | null;
  competingEvents?: number | null;
  censored: number | null;
  estimate: number | null;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
}

export interface TableRowView {
  interval: string;
  start: number;
  end: number;
  atRisk: number | null;
  events: number | null;
  competingEvents?: number | null;
  censored: number | null;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
}

export interface MedianView {
  time: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
}

export interface TrajectoryView {
  outcome: OutcomeName;
  estimator: Estimator;
  estimand: Estimand;
  competingEvent: 'exit' | null;
  /** Members followed for this outcome; null when suppressed. */
  n: number | null;
  suppressed: boolean;
  curve: CurveRowView[];
  /** Median time to the outcome (Kaplan–Meier only: null for a cumulative incidence). */
  median: MedianView | null;
  table: TableRowView[];
  rate: RateView;
}

const isSmall = (value: number, k: number): boolean => value > 0 && value < k;

/**
 * Disclosure control (§7) on one trajectory:
 * - n from 1 to k − 1 is suppressed;
 * - a curve row with fewer than k at risk is withheld (everything but its time is null);
 * - on a shown row, event, competing and censoring counts from 1 to k − 1 are nulled, together with
 *   the row's other non-zero counts, since their sum follows from consecutive numbers at risk;
 * - the interval table's counts go through suppressTable (primary and complementary suppression
 *   against the row totals, which follow from the numbers at risk, and the column totals, which
 *   are the event counts shown with the rates); a number at risk below k is suppressed, and so is
 *   the next one when a row total is, so that the difference does not give it away; an estimate
 *   resting on fewer than k at risk is withheld;
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
    estimate: row.estimate,
    stdErr: row.stdErr,
    lower: row.lower,
    upper: row.upper,
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
    const estimateHidden = row.estimate !== null && thinAt(raw.curve, row.end, k);
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

/* ------------------------------------------------------------------ the trajectory endpoint's answer */

/** Everything a cohort trajectory says about itself besides the curve. */
export interface TrajectoryHeader {
  cohortId: string;
  cohortName: string;
  asOf: string;
  interval: IntervalKind;
  horizonMonths: number;
  k: number;
  /** As scanned: disclosure control is applied to it here. */
  dataVersion: DataVersion;
}

export interface TrajectoryResponse extends TrajectoryView, Omit<TrajectoryHeader, 'dataVersion'> {
  intervalDays: number;
  timeUnit: 'days';
  dataVersion: DataVersion;
}

/** One cohort's trajectory for one outcome over its members' follow-ups, through disclosure control. */
export function trajectoryResponse(header: TrajectoryHeader, followUps: readonly FollowUp[], outcome: OutcomeName, estimator: Estimator): TrajectoryResponse {
  const { cohortId, cohortName, asOf, interval, horizonMonths, k } = header;
  const raw = estimateTrajectory(followUps, outcome, estimator, { interval, horizonDays: monthsToDays(horizonMonths) });
  return {
    cohortId, cohortName, asOf, interval, intervalDays: intervalDays(interval), horizonMonths, timeUnit: 'days', k,
    dataVersion: disclosedVersion(header.dataVersion, k),
    ...discloseTrajectory(raw, k, interval),
  };
}
