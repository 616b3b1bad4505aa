import { civilFromDays, daysFromCivil, isoDateOf, type Day } from './days';

/** Reporting intervals (§7): a month is 30.4375 days, a quarter three months, a year 365.25 days. */
export const INTERVALS = ['month', 'quarter', 'year'] as const;
export type IntervalKind = (typeof INTERVALS)[number];

export const DAYS_PER_MONTH = 30.4375;
export const DAYS_PER_YEAR = 365.25;

export function intervalDays(interval: IntervalKind): number {
  switch (interval) {
    case 'month':
      return DAYS_PER_MONTH;
    case 'quarter':
      return 3 * DAYS_PER_MONTH;
    case 'year':
      return DAYS_PER_YEAR;
    default: {
      const unexpected: never = interval;
      throw new Error(`unknown interval ${String(unexpected)}`);
    }
  }
}

/** Table labels: M1, M2 … for months, Q1 … for quarters, Y1 … for years. */
export function intervalLabel(interval: IntervalKind, index: number): string {
  switch (interval) {
    case 'month':
      return `M${index + 1}`;
    case 'quarter':
      return `Q${index + 1}`;
    case 'year':
      return `Y${index + 1}`;
    default: {
      const unexpected: never = interval;
      throw new Error(`unknown interval ${String(unexpected)}`);
    }
  }
}

export function monthsToDays(months: number): number {
  return months * DAYS_PER_MONTH;
}

/** A calendar period of a trend: [from, to] inclusive, as day numbers and ISO dates. */
export interface CalendarPeriod {
  label: string;
  fromDay: Day;
  toDay: Day;
  from: string;
  to: string;
}

/**
 * The calendar months, quarters or years that [from, to] touches, each clipped to [from, to],
 * labelled 2024-01, 2024-Q1 or 2024.
 */
export function calendarPeriods(fromDay: Day, toDay: Day, interval: IntervalKind): CalendarPeriod[] {
  const periods: CalendarPeriod[] = [];
  const start = civilFromDays(fromDay);
  let year = start.year;
  let month = interval === 'month' ? start.month : interval === 'quarter' ? 3 * Math.floor((start.month - 1) / 3) + 1 : 1;
  const step = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  for (;;) {
    const periodStart = daysFromCivil(year, month, 1);
    if (periodStart > toDay) break;
    const nextMonth = month + step;
    const nextYear = year + Math.floor((nextMonth - 1) / 12);
    const next = ((nextMonth - 1) % 12) + 1;
    const periodEnd = daysFromCivil(nextYear, next, 1) - 1;
    const f = Math.max(periodStart, fromDay);
    const t = Math.min(periodEnd, toDay);
    periods.push({ label: periodLabel(interval, year, month), fromDay: f, toDay: t, from: isoDateOf(f), to: isoDateOf(t) });
    year = nextYear;
    month = next;
  }
  return periods;
}

function periodLabel(interval: IntervalKind, year: number, month: number): string {
  switch (interval) {
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'year':
      return String(year);
    default: {
      const unexpected: never = interval;
      throw new Error(`unknown interval ${String(unexpected)}`);
    }
  }
}
