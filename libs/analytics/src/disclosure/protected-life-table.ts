import { addRecordKey, roundByCellKey } from '@rung/stats';
import type { FollowUp } from '../cohorts/follow-up';
import type { KeyedFollowUps } from '../cohorts/follow-up-columns';
import { DAYS_PER_YEAR } from '../common/intervals';

/** One whole interval (start, end] of a protected life table: counts rounded by cell key, so 0 or multiples of k. */
export interface ProtectedRow {
  start: number;
  end: number;
  atRisk: number;
  events: number;
  competing: number;
  censored: number;
}

export interface ProtectedLifeTable {
  /** The number followed, rounded. */
  n: number;
  rows: ProtectedRow[];
  events: number;
  /** Person-years from the protected counts (those leaving a row count half of it). */
  personYears: number;
}

const STATUS_EVENT = 1;
const STATUS_COMPETING = 2;

interface Cumulative {
  n: number;
  key: number;
}

/**
 * The protected life table of some follow-ups (§7.1). Each row's cumulative counts of events,
 * competing events and censorings (everyone whose follow-up ended by the row's end) are cells: each
 * is rounded to a multiple of k by the sum of its members' record keys. The rows' own counts are the
 * differences of those rounded totals, and the number at risk is the rounded n less everyone who left
 * before the row, so no row's counts can be worked back to anything but multiples of k. Everyone
 * still followed at the last row's end is censored there: the table adds up to the rounded n.
 */
export function protectedLifeTable(followUps: KeyedFollowUps, opts: { intervalDays: number; horizonDays: number; k: number }): ProtectedLifeTable {
  const { intervalDays, horizonDays, k } = opts;
  const rowCount = Math.max(1, Math.ceil(horizonDays / intervalDays));
  const perRow = Array.from({ length: rowCount }, () => ({ events: zero(), competing: zero(), censored: zero() }));
  const all = zero();
  for (let i = 0; i < followUps.times.length; i++) {
    const key = followUps.keys[i];
    const row = perRow[rowOf(followUps.times[i], intervalDays, rowCount)];
    const cell = followUps.statuses[i] === STATUS_EVENT ? row.events : followUps.statuses[i] === STATUS_COMPETING ? row.competing : row.censored;
    add(cell, key);
    add(all, key);
  }
  const n = roundByCellKey(all.n, all.key, k);
  const totals = { events: zero(), competing: zero(), censored: zero() };
  const shown = { events: 0, competing: 0, censored: 0 };
  const rows: ProtectedRow[] = [];
  let left = 0;
  let personYears = 0;
  for (let j = 0; j < rowCount; j++) {
    const start = j * intervalDays;
    const end = Math.min(start + intervalDays, horizonDays);
    const atRisk = Math.max(0, n - left);
    const counts = { events: 0, competing: 0, censored: 0 };
    for (const kind of ['events', 'competing', 'censored'] as const) {
      add(totals[kind], perRow[j][kind].key, perRow[j][kind].n);
      const cumulative = Math.max(shown[kind], roundByCellKey(totals[kind].n, totals[kind].key, k));
      counts[kind] = cumulative - shown[kind];
    }
    fitWithin(counts, atRisk, j === rowCount - 1);
    for (const kind of ['events', 'competing', 'censored'] as const) shown[kind] += counts[kind];
    const leaving = counts.events + counts.competing + counts.censored;
    left += leaving;
    personYears += ((atRisk - leaving / 2) * (end - start)) / DAYS_PER_YEAR;
    rows.push({ start, end, atRisk, ...counts });
  }
  return { n, rows, events: shown.events, personYears };
}

/**
 * Follow-ups standing for a protected table: each row's events, competing events and censorings at
 * the row's end. Estimators run on these give the protected curve, tests and medians.
 */
export function followUpsOf(table: ProtectedLifeTable): FollowUp[] {
  const out: FollowUp[] = [];
  for (const row of table.rows) {
    for (let i = 0; i < row.events; i++) out.push({ time: row.end, status: 'event' });
    for (let i = 0; i < row.competing; i++) out.push({ time: row.end, status: 'competing' });
    for (let i = 0; i < row.censored; i++) out.push({ time: row.end, status: 'censored' });
  }
  return out;
}

/** Rows are (start, end]; time 0 falls in the first. */
function rowOf(time: number, intervalDays: number, rowCount: number): number {
  if (time <= 0) return 0;
  return Math.min(rowCount - 1, Math.ceil(time / intervalDays) - 1);
}

/** Rounding may ask more to leave a row than are at risk in it: censorings give way first, then competing events, then events. On the last row everyone left is censored. */
function fitWithin(counts: { events: number; competing: number; censored: number }, atRisk: number, last: boolean): void {
  let excess = counts.events + counts.competing + counts.censored - atRisk;
  for (const kind of ['censored', 'competing', 'events'] as const) {
    if (excess <= 0) break;
    const cut = Math.min(excess, counts[kind]);
    counts[kind] -= cut;
    excess -= cut;
  }
  if (last) counts.censored += atRisk - (counts.events + counts.competing + counts.censored);
}

function zero(): Cumulative {
  return { n: 0, key: 0 };
}

/** Adds one record (or, with `n`, a cell of n records whose keys sum to `key`) to a cell. */
function add(cell: Cumulative, key: number, n = 1): void {
  cell.n += n;
  cell.key = addRecordKey(cell.key, key);
}
