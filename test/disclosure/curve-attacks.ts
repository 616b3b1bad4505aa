/**
 * The audit's attacks on cohort sizes and curves, as pure functions: answers (and what the attacker
 * asked) in, claims out. A claim is only what the attacker believes; `disclosures` in truth.ts decides,
 * against the generated people, whether it gave away a small count or an exact date.
 */
import { addDays } from '@rung/testing';
import type { CurveRow, TrajectoryAnswer } from './rung';
import type { Claim, CohortDef, Outcome, Status } from './truth';

/** What the attacker asked for a trajectory: the truth of its claims is judged against this question. */
export interface CurveQuestion {
  cohort: CohortDef;
  minus?: CohortDef;
  asOf: string;
  outcome: Outcome;
  horizonMonths: number;
}

/* ------------------------------------------------------------------ rows and what they cover */

/**
 * The follow-up times (days) a curve row covers. An exact curve has one row per distinct observed
 * time, so a row is that very day; a row at a whole number of intervals is taken to cover the interval
 * that ends there.
 */
interface Span { from: number; to: number }

const EPS = 1e-6;

/** What an interval-table row counts: (start, end], as summary(fit, times = ends) does; the first row takes time 0. */
function tableSpan(row: { start: number; end: number }, index: number): { from: number; to: number } {
  return { from: index === 0 ? 0 : row.start + EPS, to: row.end };
}

function spanOf(t: TrajectoryAnswer, row: CurveRow): Span {
  const wholeInterval = Math.abs(row.elapsed - Math.round(row.elapsed)) < 1e-9;
  return wholeInterval ? { from: row.time - t.intervalDays + EPS, to: row.time } : { from: row.time, to: row.time };
}

/** The whole days in a span, as offsets [first, last]; one day when the row pins it. */
function daysIn(s: Span): [number, number] {
  return [Math.ceil(s.from - EPS), Math.floor(s.to + EPS)];
}

const dateRange = (start: string, [first, last]: [number, number], sign: 1 | -1): { from: string; to: string } =>
  sign === 1 ? { from: addDays(start, first), to: addDays(start, last) } : { from: addDays(start, -last), to: addDays(start, -first) };

/** Which follow-up endings each count of a row stands for. */
function statusesOf(t: TrajectoryAnswer, q: CurveQuestion, field: 'events' | 'competingEvents' | 'censored'): Status[] {
  if (field === 'events') return ['event'];
  if (field === 'competingEvents') return ['competing'];
  return t.estimator === 'kaplan-meier' && q.outcome !== 'exit' ? ['censored', 'competing'] : ['censored'];
}

interface CountedRow { atRisk: number | null; events: number | null; competingEvents?: number | null; censored: number | null }

/**
 * What leaves the risk set between two rows is the row's events, competing events and censorings, so
 * when all but one are shown (zeros included) the hidden one is atRisk(i) − atRisk(i+1) − the shown ones.
 */
function differenceRow(t: TrajectoryAnswer, q: CurveQuestion, row: CountedRow, nextAtRisk: number | null, span: Span, attack: string): Claim[] {
  if (row.atRisk === null || row.atRisk === undefined || nextAtRisk === null || nextAtRisk === undefined) return [];
  const fields = (['events', 'competingEvents', 'censored'] as const).filter((f) => f in row);
  const hidden = fields.filter((f) => row[f] === null || row[f] === undefined);
  if (hidden.length === 0) return [];
  const shown = fields.reduce((sum, f) => sum + (row[f] ?? 0), 0);
  const statuses = hidden.flatMap((f) => statusesOf(t, q, f));
  return [{ kind: 'count', attack, about: { q: 'ended', ...q, statuses, after: span.from - EPS, upTo: span.to }, value: row.atRisk - nextAtRisk - shown }];
}

/* ------------------------------------------------------------------ within one answer */

/**
 * The number at risk just after row i: the next one shown, plus whatever left on rows in between that
 * show all their counts; past the last row, `end` (0 on a curve: nobody is followed beyond it).
 */
function atRiskAfter(rows: readonly CountedRow[], i: number, end: number | null): number | null {
  let between = 0;
  for (let j = i + 1; j < rows.length; j++) {
    if (rows[j].atRisk !== null && rows[j].atRisk !== undefined) return rows[j].atRisk! + between;
    const counts = [rows[j].events, rows[j].competingEvents, rows[j].censored].filter((c) => c !== undefined);
    if (counts.some((c) => c === null)) return null;
    between += counts.reduce((sum: number, c) => sum + c!, 0);
  }
  return end === null ? null : end + between;
}

/** Attack 1: hidden counts from consecutive numbers at risk, on curve rows and on interval-table rows. */
export function atRiskDifferencing(t: TrajectoryAnswer, q: CurveQuestion): Claim[] {
  const onCurve = t.curve.flatMap((row, i) => differenceRow(t, q, row, atRiskAfter(t.curve, i, 0), spanOf(t, row), 'at-risk rows'));
  const table = t.table ?? [];
  const onTable = table.flatMap((row, i) => differenceRow(t, q, row, atRiskAfter(table, i, null), tableSpan(row, i), 'interval table'));
  return [...onCurve, ...onTable];
}

interface SteppedRow extends CountedRow { estimate: number | null }

/** S just before row i: the nearest estimate shown before it, over rows that show 0 events (1 before the first row). */
function survivalBefore(rows: readonly SteppedRow[], i: number): number | null {
  for (let j = i - 1; j >= 0; j--) {
    if (rows[j].estimate !== null) return rows[j].estimate;
    if (rows[j].events !== 0) return null;
  }
  return 1;
}

/** S just after row i: its own estimate, or the nearest one shown after it over rows that show 0 events. */
function survivalAfter(rows: readonly SteppedRow[], i: number): number | null {
  if (rows[i].estimate !== null) return rows[i].estimate;
  for (let j = i + 1; j < rows.length; j++) {
    if (rows[j].events !== 0) return null;
    if (rows[j].estimate !== null) return rows[j].estimate;
  }
  return null;
}

/**
 * Attack 2: a Kaplan–Meier step is S(i) = S(i−1) × (1 − events/atRisk), so the events hidden on a row
 * are atRisk × (1 − S(i)/S(i−1)). A withheld estimate is bridged: rows showing 0 events do not move S,
 * so the nearest estimates shown before and after stand in for it. The interval table's estimates
 * (S at each interval's end) are tried the same way: exact whenever the interval's events fell on one day.
 */
export function stepSizes(t: TrajectoryAnswer, q: CurveQuestion): Claim[] {
  if (t.estimator !== 'kaplan-meier') return [];
  const step = (rows: readonly SteppedRow[], i: number, span: Span, attack: string): Claim[] => {
    const [row, s0, s1] = [rows[i], survivalBefore(rows, i), survivalAfter(rows, i)];
    if (row.events !== null || row.atRisk === null || row.atRisk === undefined || s0 === null || s1 === null || s0 <= 0) return [];
    const value = row.atRisk * (1 - s1 / s0);
    if (Math.abs(value - Math.round(value)) > 1e-6) return [];
    return [{ kind: 'count', attack, about: { q: 'ended', ...q, statuses: ['event'], after: span.from - EPS, upTo: span.to }, value: Math.round(value) }];
  };
  const table = t.table ?? [];
  return [
    ...t.curve.flatMap((row, i) => step(t.curve, i, spanOf(t, row), 'step sizes')),
    ...table.flatMap((row, i) => step(table, i, tableSpan(row, i), 'table step sizes')),
  ];
}

/* ------------------------------------------------------------------ across cohorts */

export interface CohortPair {
  /** The bigger cohort, its size and its exit curve; `minus` the smaller one built inside it. */
  cohort: CohortDef;
  minus: CohortDef;
  asOf: string;
  sizes: [number | null, number | null];
  exits: [TrajectoryAnswer, TrajectoryAnswer];
  /** When the cohorts differ only in one entry day, the newcomers' time zero. */
  newcomersEntered?: string;
}

/**
 * Attack 4: two cohorts, one inside the other: the sizes give how many are in one and not the other,
 * and where the numbers at risk stop differing by one, the exit curves give when the newcomer's
 * follow-up ended; if before the as-of date, that is the day they left.
 */
export function cohortDifference(p: CohortPair): Claim[] {
  const claims: Claim[] = [];
  const [a, b] = p.sizes;
  if (a !== null && b !== null) claims.push({ kind: 'count', attack: 'cohort differencing', about: { q: 'members', cohort: p.cohort, minus: p.minus, asOf: p.asOf }, value: a - b });
  const [big, small] = p.exits;
  if (p.newcomersEntered === undefined || a === null || b === null || a - b !== 1) return claims;
  const atRiskIn = (t: TrajectoryAnswer, time: number): number | null => {
    const row = t.curve.find((r) => r.time >= time);
    return row === undefined ? 0 : row.atRisk;
  };
  const gap = (row: CurveRow): number | null => {
    const other = atRiskIn(small, row.time);
    return row.atRisk === null || other === null ? null : row.atRisk - other;
  };
  const last = big.curve.map(gap).lastIndexOf(1);
  if (last < 0 || (last + 1 < big.curve.length && gap(big.curve[last + 1]) !== 0)) return claims;
  const days = daysIn(spanOf(big, big.curve[last]));
  const endOfData = Math.round((Date.parse(big.asOf) - Date.parse(p.newcomersEntered)) / 86_400_000);
  if (days[1] >= endOfData) return claims;
  const question = { cohort: p.cohort, minus: p.minus, asOf: p.asOf, outcome: 'exit' as const, horizonMonths: big.horizonMonths, statuses: ['event' as const] };
  claims.push({ kind: 'date', attack: 'cohort differencing', about: { q: 'end-dates', ...question }, ...dateRange(p.newcomersEntered, days, 1) });
  return claims;
}

/* ------------------------------------------------------------------ exact times */

/**
 * Attack 7: a member still in post is censored at asOf − time zero, and a withheld row keeps its time,
 * so asOf − time is a member's entry date (rows at the horizon say nothing).
 */
export function entryDatesFromCensoring(t: TrajectoryAnswer, q: CurveQuestion): Claim[] {
  const horizon = t.horizonMonths * 30.4375;
  return t.curve.flatMap((row): Claim[] => {
    if (row.censored === 0 || row.time >= horizon - EPS) return [];
    return [{ kind: 'date', attack: 'entry dates', about: { q: 'entry-dates', cohort: q.cohort, asOf: q.asOf }, ...dateRange(t.asOf, daysIn(spanOf(t, row)), -1) }];
  });
}

/**
 * Attack 8: when every member entered on one known day, a row with an event (shown, hidden or withheld)
 * before the end of follow-up dates someone's outcome: time zero + time.
 */
export function eventDatesFromTimeZero(t: TrajectoryAnswer, q: CurveQuestion, enteredOn: string): Claim[] {
  const endOfData = Math.round((Date.parse(t.asOf) - Date.parse(enteredOn)) / 86_400_000);
  return t.curve.flatMap((row): Claim[] => {
    const days = daysIn(spanOf(t, row));
    if (row.events === 0 || days[0] >= endOfData) return [];
    const statuses: Status[] = row.atRisk === null && q.outcome !== 'exit' ? ['event', 'competing'] : ['event'];
    return [{ kind: 'date', attack: 'event dates', about: { q: 'end-dates', ...q, statuses }, ...dateRange(enteredOn, days, 1) }];
  });
}
