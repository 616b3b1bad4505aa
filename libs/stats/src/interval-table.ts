/**
 * Life-table style summary of a survival (or cumulative incidence) curve in
 * fixed-width rows from day 0 up to the horizon, counted as R's
 * summary(fit, times = ends) counts them: each row is (start, end], the first
 * row also takes time 0, and the last row ends at the horizon and takes
 * everything at exactly the horizon.
 *
 * The table adds up: atRisk(row i + 1) = atRisk(row i) − events − competingEvents
 * − censored of row i, and when follow-up is censored at the horizon (nobody
 * has a time past it) n = Σ events + Σ competingEvents + Σ censored.
 */
export type IntervalCurveRow = {
  readonly time: number;
  readonly atRisk: number;
  readonly events: number;
  /** Competing events at this time (Aalen–Johansen); absent or null for a curve without competing risks. */
  readonly competingEvents?: number | null;
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
  /** Row i is (start, end] with start = i · intervalDays and end = min(start + intervalDays, horizonDays). */
  readonly start: number;
  readonly end: number;
  /**
   * Number at risk at the start of the row: n for the first row (which takes
   * time 0); for later rows the number still followed just after `start`
   * (time > start), i.e. n.risk at the first observed time after `start`,
   * which is summary(fit, times = t)$n.risk for any t in (start, next observed
   * time], and summary(fit, times = start)$n.risk less those with an event or
   * censoring at exactly `start`. 0 once everyone has left.
   */
  readonly atRisk: number;
  /**
   * Events with start < time ≤ end (the first row: time ≤ end, so time 0
   * included), as summary(fit, times = ends)$n.event (its "promotion"
   * column for an Aalen–Johansen fit).
   */
  readonly events: number;
  /**
   * Competing events counted like `events` (summary's n.event of the competing
   * state); null when the curve rows carry no competing events (Kaplan–Meier).
   */
  readonly competingEvents: number | null;
  /** Censorings counted like `events`, as summary(fit, times = ends)$n.censor; the last row includes those censored at the horizon. */
  readonly censored: number;
  /**
   * The right-continuous curve at `end`, as summary(fit, times = end): it
   * includes any step at exactly `end`, whose events are counted in this row.
   * null when `end` is beyond the last observed time (not followed up).
   */
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
};

const KAPLAN_MEIER_START: CurveValue = { estimate: 1, lower: 1, upper: 1 };

/**
 * `curve` must be sorted by time and list every observed time, events and
 * censorings alike (as kaplanMeier/aalenJohansen return it); `n` is the number
 * followed. Times past the horizon are in no row.
 */
export function intervalTable(curve: readonly IntervalCurveRow[], n: number, opts: IntervalTableOptions): IntervalRow[] {
  const { intervalDays, horizonDays } = opts;
  if (!(intervalDays > 0) || !(horizonDays > 0) || !Number.isFinite(horizonDays)) {
    throw new RangeError(`intervalDays and horizonDays must be positive and finite, got ${intervalDays}, ${horizonDays}`);
  }
  const label = opts.label ?? ((_i: number, start: number, end: number): string => `${start}-${end}`);
  const initial = opts.initial ?? KAPLAN_MEIER_START;
  const hasCompeting = curve.some((row) => typeof row.competingEvents === 'number');
  const lastTime = curve.length === 0 ? -Infinity : curve[curve.length - 1].time;
  const rows: IntervalRow[] = [];
  // `next` is the first curve row not yet counted: every row before it has time ≤ the previous end.
  let next = 0;
  for (let i = 0; i * intervalDays < horizonDays; i++) {
    const start = i * intervalDays;
    const end = Math.min(start + intervalDays, horizonDays);
    const atRisk = i === 0 ? n : (curve[next]?.atRisk ?? 0);
    let events = 0;
    let competing = 0;
    let censored = 0;
    for (; next < curve.length && curve[next].time <= end; next++) {
      events += curve[next].events;
      competing += curve[next].competingEvents ?? 0;
      censored += curve[next].censored;
    }
    const value: CurveValue | null = end > lastTime ? null : next > 0 ? curve[next - 1] : initial;
    rows.push({
      interval: label(i, start, end),
      start,
      end,
      atRisk,
      events,
      competingEvents: hasCompeting ? competing : null,
      censored,
      estimate: value?.estimate ?? null,
      lower: value === null ? null : value.lower,
      upper: value === null ? null : value.upper,
    });
  }
  return rows;
}
