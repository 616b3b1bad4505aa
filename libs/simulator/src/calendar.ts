/** Dates as whole days since 1970-01-01 (UTC), so that the simulation never reads a clock. */
const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365.25;

const isoCache = new Map<number, string>();

export function dayOf(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(ms) || isoOf(ms / MS_PER_DAY) !== iso) throw new RangeError(`'${iso}' is not a date (YYYY-MM-DD)`);
  return ms / MS_PER_DAY;
}

export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

export function yearOf(day: number): number {
  return Number(isoOf(day).slice(0, 4));
}

/** The first day of the month `months` after the month of `day`. */
export function addMonths(day: number, months: number): number {
  const [year, month] = isoOf(day).split('-').map(Number);
  return Date.UTC(year, month - 1 + months, 1) / MS_PER_DAY;
}

/** A monthly grid from `start` (the first of a month): month m covers [starts[m], starts[m + 1]). */
export function monthGrid(start: number, months: number): number[] {
  return Array.from({ length: months + 1 }, (_, m) => addMonths(start, m));
}
