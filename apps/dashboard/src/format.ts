/** How figures are written on the page. */

export interface Cell { text: string; num?: boolean; suppressed?: boolean }
export type Row = Cell[];

export function fmt(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

export const SUPPRESSED: Cell = { text: 'suppressed', suppressed: true };
