import type { RateView } from '../common/rate-view';
import type { Estimand } from '../cohorts/trajectory';
import type { Estimator, OutcomeName } from '../cohorts/outcomes';

/** A trajectory as an answer shows it, in either disclosure mode. */
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
