/**
 * Calendar arithmetic on UTC dates as whole day numbers (days since 1970-01-01). Fast and pure:
 * no Date objects and no clock; analytics parse hundreds of thousands of dates per report.
 */
export type Day = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day of an ISO date or date-time (its UTC date part; timelines keep date-times in UTC). */
export function dayOf(iso: string): Day {
  const year = digits(iso, 0) * 100 + digits(iso, 2);
  return daysFromCivil(year, digits(iso, 5), digits(iso, 8));
}

/** The two-digit number at `at` (the hot path of every analytics scan: no slicing, no parsing). */
function digits(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

export function dayOrNull(iso: string | null | undefined): Day | null {
  return iso ? dayOf(iso) : null;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isoDateOf(day: Day): string {
  const { year, month, date } = civilFromDays(Math.floor(day));
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(date)}`;
}

/** The UTC date of an instant, as YYYY-MM-DD (for turning the injected clock into an as-of date). */
export function isoDateOfInstant(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Howard Hinnant's days_from_civil. */
export function daysFromCivil(year: number, month: number, date: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(day: Day): { year: number; month: number; date: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const date = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, date };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
