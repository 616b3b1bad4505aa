import { aalenJohansen, intervalTable, kaplanMeier, poissonRate, type IntervalRow, type MedianSurvival, type PoissonRate } from '@rung/stats';
import { DAYS_PER_YEAR, intervalDays, intervalLabel, type IntervalKind } from '../common/intervals';
import type { FollowUp } from './follow-up';
import type { Estimator, OutcomeName } from './outcomes';

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
  });
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

