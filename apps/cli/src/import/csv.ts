import { CsvError, parse } from 'csv-parse/sync';

/** The delimiters an HR system's export may use; the header line says which one a file has. */
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Splits one CSV record into fields with csv-parse (RFC 4180: "quoted" fields, "" for a quote inside, line
 * breaks kept inside quotes). The record comes from the record reader, which has already found where it
 * ends, so a record is one row, never more.
 */
export function parseCsvRecord(record: string, delimiter: string = ','): string[] {
  let rows: string[][];
  try {
    rows = parse(record, { delimiter, record_delimiter: '\n', relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw error instanceof CsvError ? new SyntaxError(describe(error)) : error;
  }
  if (rows.length === 0) return [''];
  if (rows.length > 1) throw new SyntaxError('the record holds a line break outside quotes');
  return rows[0];
}

function describe(error: CsvError): string {
  const field = typeof error.index === 'number' ? error.index + 1 : typeof error.column === 'number' ? error.column + 1 : undefined;
  const which = field === undefined ? 'a field' : `field ${field}`;
  const known: Partial<Record<CsvError['code'], string>> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
    CSV_INVALID_CLOSING_QUOTE: `${which} has text after its closing quote`,
    INVALID_OPENING_QUOTE: `${which} has a quote but does not start with one`,
  };
  // csv-parse counts lines within the record; the importer reports the file's line itself.
  return known[error.code] ?? error.message.replace(/ at line \d+/g, '');
}

/** Excel's first-line hint, `sep=;`: the delimiter it names, or undefined if the line is not one. */
export function sepHint(line: string): string | undefined {
  const match = /^sep=(.)$/i.exec(line.replace(/^\uFEFF/, ''));
  return match?.[1];
}

/** The delimiter of a file, from its header line: whichever of `,` `;` tab occurs most outside quotes (`,` on a tie). */
export function detectDelimiter(header: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const char of header) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Writes cells back as one CSV record, quoting those that need it, for the rejected-rows file. */
export function formatCsvRecord(cells: string[], delimiter: string): string {
  return cells.map((cell) => (cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter);
}
