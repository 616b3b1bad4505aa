/**
 * Life-table style summary of a survival (or cumulative incidence) curve in
 * fixed-width intervals [start, end) from day 0 up to the horizon.
 */
export type IntervalCurveRow = {
  readonly time: number;
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
};

export type CurveValue = { readonly estimate: number; readonly lower: number | null; readonly upper: number | null };

export type IntervalTableOptions = {
  readonly intervalDays: number;
  readonly horizonDays: number;
  /** Label for interval i (0-based); default "start-end". */
  readonly label?: (i: number, start: number, end: number) => string;
  /**
   * Value before the first curve time: Kaplan–Meier's {1, 1, 1} by default
   * (as summary.survfit); use { estimate: 0, lower: null, upper: null } for a cumulative incidence.
   */
  readonly initial?: CurveValue;
};

export type IntervalRow = {
  readonly interval: string;
  readonly start: number;
  readonly end: number;
  /** Number at risk at `start` (time ≥ start). */
  readonly atRisk: number;
  /** Events and censorings with start ≤ time < end. */
  readonly events: number;
  readonly censored: number;
  /**
   * The right-continuous curve at `end`, as summary(fit, times = end): it
   * includes any step at exactly `end`, whose events are counted in the next
   * interval. null when `end` is beyond the last observed time (not followed up).
   */
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
};

const KAPLAN_MEIER_START: CurveValue = { estimate: 1, lower: 1, upper: 1 };

/** `curve` must be sorted by time and list every observed time (as kaplanMeier/aalenJohansen return it); `n` is the number followed. */
export function intervalTable(curve: readonly IntervalCurveRow[], n: number, opts: IntervalTableOptions): IntervalRow[] {
  const { intervalDays, horizonDays } = opts;
  if (!(intervalDays > 0) || !(horizonDays > 0) || !Number.isFinite(horizonDays)) {
    throw new RangeError(`intervalDays and horizonDays must be positive and finite, got ${intervalDays}, ${horizonDays}`);
  }
  const label = opts.label ?? ((_i: number, start: number, end: number): string => `${start}-${end}`);
  const rows: IntervalRow[] = [];
  for (let i = 0; i * intervalDays < horizonDays; i++) {
    const start = i * intervalDays;
    const end = Math.min(start + intervalDays, horizonDays);
    const inside = curve.filter((row) => row.time >= start && row.time < end);
    rows.push({
      interval: label(i, start, end),
      start,
      end,
      atRisk: atRiskAt(curve, n, start),
      events: inside.reduce((sum, row) => sum + row.events, 0),
      censored: inside.reduce((sum, row) => sum + row.censored, 0),
      ...valueAt(curve, end, opts.initial ?? KAPLAN_MEIER_START),
    });
  }
  return rows;
}

function atRiskAt(curve: readonly IntervalCurveRow[], n: number, time: number): number {
  if (curve.length === 0 || time <= curve[0].time) return n;
  return curve.find((row) => row.time >= time)?.atRisk ?? 0;
}

function valueAt(
  curve: readonly IntervalCurveRow[],
  time: number,
  initial: CurveValue,
): { estimate: number | null; lower: number | null; upper: number | null } {
  if (curve.length === 0 || time > curve[curve.length - 1].time) return { estimate: null, lower: null, upper: null };
  let current: CurveValue = initial;
  for (const row of curve) {
    if (row.time > time) break;
    current = row;
  }
  return { estimate: current.estimate, lower: current.lower, upper: current.upper };
}
