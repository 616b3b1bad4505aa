import { normalQuantile } from '@rung/stats';
import { monthsToDays } from '../common/intervals';
import type { Estimand } from '../cohorts/trajectory';
import type { OutcomeName } from '../cohorts/outcomes';
import type { CurveRowView } from '../disclosure/trajectory-view';
import type { ArmTrajectory } from './study-report';
import { referenceArmIndex, type StudyDefinition } from './study-definition';

export interface HeadlineCell {
  outcome: OutcomeName;
  estimand: Estimand;
  arm: string;
  month: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
  /** Why there is no figure: `suppressed` (disclosure control) or `beyond-follow-up`. */
  reason: 'suppressed' | 'beyond-follow-up' | null;
}

export interface HeadlineDifference {
  outcome: OutcomeName;
  month: number;
  arm: string;
  reference: string;
  /** arm − reference, on the estimand's scale. */
  difference: number | null;
  lower: number | null;
  upper: number | null;
}

export interface HeadlineTable {
  months: number[];
  cells: HeadlineCell[];
  differences: HeadlineDifference[];
}

/** When no checkpoints are named: the interim and longitudinal points evaluators publish. */
const DEFAULT_MONTHS = [6, 12, 24, 36];
const Z = normalQuantile(0.975);

/**
 * Each arm × outcome × checkpoint month: the estimate and 95 % interval at that time, read from the
 * trajectories as the report shows them (so a withheld figure stays withheld), and each arm's
 * difference from the reference arm with a normal interval from the two standard errors.
 */
export function headlineTable(definition: StudyDefinition, trajectories: readonly ArmTrajectory[], horizonMonths: number): HeadlineTable {
  const named = definition.checkpointsMonths.length ? definition.checkpointsMonths : DEFAULT_MONTHS;
  const months = named.filter((m) => m <= horizonMonths);
  const reference = definition.arms[referenceArmIndex(definition)].name;
  const cells: HeadlineCell[] = [];
  const differences: HeadlineDifference[] = [];
  for (const outcome of definition.outcomes) {
    const byArm = new Map(trajectories.filter((t) => t.outcome === outcome).map((t) => [t.arm, t]));
    for (const month of months) {
      const points = new Map([...byArm].map(([arm, t]) => [arm, pointAt(t, monthsToDays(month))]));
      for (const [arm, t] of byArm) cells.push(cellOf(t, arm, month, points.get(arm)!));
      const ref = points.get(reference);
      for (const arm of byArm.keys()) {
        if (arm !== reference && ref) differences.push({ outcome, month, arm, reference, ...differenceOf(points.get(arm)!, ref) });
      }
    }
  }
  return { months, cells, differences };
}

interface Point {
  estimate: number | null;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
  reason: HeadlineCell['reason'];
}

/**
 * The estimate at `time`: the interval table's row that ends there, when there is one (its figures are
 * disclosed per interval, whereas a curve row with a few events is withheld whole); else the step curve.
 */
function pointAt(t: ArmTrajectory, time: number): Point {
  const row = t.table.find((r) => Math.abs(r.end - time) < 1e-9);
  if (!row) return curvePointAt(t, time);
  if (row.suppressed) return { estimate: null, stdErr: null, lower: null, upper: null, reason: 'suppressed' };
  if (row.estimate === null) return { estimate: null, stdErr: null, lower: null, upper: null, reason: 'beyond-follow-up' };
  return { estimate: row.estimate, stdErr: logScaleStdErr(row.estimate, row.lower, row.upper), lower: row.lower, upper: row.upper, reason: null };
}

/** Both estimators give log-scale intervals, exp(log e ± z·s): so se(e) = e·s = e·log(upper/lower)/(2z) (the delta method). */
function logScaleStdErr(estimate: number, lower: number | null, upper: number | null): number | null {
  if (lower === null || upper === null) return null;
  if (lower === upper) return 0;
  if (!(lower > 0)) return null;
  return (estimate * Math.log(upper / lower)) / (2 * Z);
}

/** The step curve at `time`: its last row at or before it, or its starting value before the first; none past the end of follow-up. */
function curvePointAt(t: ArmTrajectory, time: number): Point {
  const rows = t.curve;
  if (!rows.length || time > rows[rows.length - 1].time) return { estimate: null, stdErr: null, lower: null, upper: null, reason: 'beyond-follow-up' };
  let row: CurveRowView | undefined;
  for (const r of rows) {
    if (r.time > time) break;
    row = r;
  }
  if (!row) {
    const start = t.estimand === 'survival' ? 1 : 0;
    return { estimate: start, stdErr: 0, lower: start, upper: start, reason: null };
  }
  if (row.suppressed || row.estimate === null) return { estimate: null, stdErr: null, lower: null, upper: null, reason: 'suppressed' };
  return { estimate: row.estimate, stdErr: row.stdErr, lower: row.lower, upper: row.upper, reason: null };
}

function cellOf(t: ArmTrajectory, arm: string, month: number, p: Point): HeadlineCell {
  return {
    outcome: t.outcome, estimand: t.estimand, arm, month, estimate: p.estimate, lower: p.lower, upper: p.upper,
    suppressed: p.reason === 'suppressed', reason: p.reason,
  };
}

function differenceOf(a: Point, ref: Point): Pick<HeadlineDifference, 'difference' | 'lower' | 'upper'> {
  if (a.estimate === null || ref.estimate === null) return { difference: null, lower: null, upper: null };
  const difference = a.estimate - ref.estimate;
  if (a.stdErr === null || ref.stdErr === null) return { difference, lower: null, upper: null };
  const se = Math.hypot(a.stdErr, ref.stdErr);
  return { difference, lower: difference - Z * se, upper: difference + Z * se };
}
