import { poissonRate } from '@rung/stats';
import { estimandOf, estimateCurve, type RawCurveRow } from '../cohorts/trajectory';
import type { KeyedFollowUps } from '../cohorts/follow-up-columns';
import type { Estimator, OutcomeName } from '../cohorts/outcomes';
import { intervalLabel, type IntervalKind } from '../common/intervals';
import { followUpsOf, protectedLifeTable, type ProtectedLifeTable, type ProtectedRow } from './protected-life-table';
import type { CurveRowView, MedianView, TableRowView, TrajectoryView } from './trajectory-view';

export interface ProtectedTrajectoryOptions {
  interval: IntervalKind;
  intervalDays: number;
  horizonDays: number;
  k: number;
}

/**
 * A trajectory in protected mode (§7.1): the protected life table of the follow-ups, and the same
 * estimators as exact mode run on it, as if each row's events and censorings fell on its last day.
 * Curve rows are whole intervals, so no row carries anyone's date; nothing is withheld, because
 * every count is already 0 or a multiple of k.
 */
export function protectTrajectory(followUps: KeyedFollowUps, outcome: OutcomeName, estimator: Estimator, opts: ProtectedTrajectoryOptions): TrajectoryView {
  return protectedTrajectoryOf(protectedLifeTable(followUps, opts), outcome, estimator, opts);
}

/** The trajectory view of a protected life table already made (a study report also tests and rates it). */
export function protectedTrajectoryOf(table: ProtectedLifeTable, outcome: OutcomeName, estimator: Estimator, opts: ProtectedTrajectoryOptions): TrajectoryView {
  const { curve, median } = estimateCurve(followUpsOf(table), estimator);
  const competing = estimator === 'aalen-johansen';
  const start = estimator === 'aalen-johansen' ? { estimate: 0, stdErr: 0, lower: null, upper: null } : { estimate: 1, stdErr: 0, lower: 1, upper: 1 };
  const followed = table.rows.filter((row) => row.atRisk > 0);
  const curveRows = followed.map((row) => curveRow(row, valueAt(curve, row.end, start), opts.intervalDays, competing));
  return {
    outcome,
    estimator,
    estimand: estimandOf(estimator),
    competingEvent: competing ? 'exit' : null,
    n: table.n,
    suppressed: false,
    curve: curveRows,
    median: median === null ? null : protectedMedian(median),
    table: table.rows.map((row, i) => tableRow(row, i, followed.includes(row) ? curveRows[followed.indexOf(row)] : null, opts.interval, competing)),
    rate: protectedRate(table),
  };
}

type CurveValue = Pick<RawCurveRow, 'estimate' | 'stdErr' | 'lower' | 'upper'>;

function valueAt(curve: readonly RawCurveRow[], time: number, start: CurveValue): CurveValue {
  let value = start;
  for (const row of curve) {
    if (row.time > time) break;
    value = row;
  }
  return value;
}

function curveRow(row: ProtectedRow, value: CurveValue, intervalDays: number, competing: boolean): CurveRowView {
  return {
    time: row.end,
    elapsed: Math.round((row.end / intervalDays) * 1e9) / 1e9,
    atRisk: row.atRisk,
    events: row.events,
    ...(competing ? { competingEvents: row.competing } : {}),
    censored: row.censored,
    estimate: value.estimate,
    stdErr: value.stdErr,
    lower: value.lower,
    upper: value.upper,
    suppressed: false,
  };
}

function tableRow(row: ProtectedRow, index: number, shown: CurveRowView | null, interval: IntervalKind, competing: boolean): TableRowView {
  return {
    interval: intervalLabel(interval, index),
    start: row.start,
    end: row.end,
    atRisk: row.atRisk,
    events: row.events,
    ...(competing ? { competingEvents: row.competing } : {}),
    censored: row.censored,
    estimate: shown?.estimate ?? null,
    lower: shown?.lower ?? null,
    upper: shown?.upper ?? null,
    suppressed: false,
  };
}

function protectedMedian(median: { time: number | null; lower: number | null; upper: number | null }): MedianView {
  return { time: median.time, lower: median.lower, upper: median.upper, suppressed: false };
}

export function protectedRate(table: ProtectedLifeTable): TrajectoryView['rate'] {
  const estimate = table.personYears > 0 ? poissonRate(table.events, table.personYears, 100) : null;
  return {
    events: table.events, personYears: table.personYears, per: 100,
    rate: estimate?.rate ?? null, lower: estimate?.lower ?? null, upper: estimate?.upper ?? null, suppressed: false,
  };
}
