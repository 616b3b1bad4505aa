/** RFC 4180 CSV: missing values are empty fields (read as NA by R, NaN by pandas, missing by Stata), flags are 1/0. */
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [csvLine(header), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}
