import { createHash } from 'node:crypto';

export type FieldType = 'string' | 'number' | 'integer' | 'boolean';
type Value = string | number | boolean;

/** How CSV columns become an event of §4. Documented in apps/cli/IMPORTING.md. */
export interface CsvMapping {
  /** CSV header → target path (`type`, `occurredAt`, `data.grade`, …). A header that is a target path maps to itself. */
  columns?: Record<string, string>;
  /** Target path → a value used on every row (a cell, when present, wins). */
  constants?: Record<string, Value>;
  /** Target path → the type a cell is converted to; the contract's numbers and booleans are known already. */
  types?: Record<string, FieldType>;
  /** Target path → { cell value → value sent }, for an HR system's own codes. */
  values?: Record<string, Record<string, string>>;
}

export interface FieldError {
  path: string;
  message: string;
}

export type RowResult = { ok: true; event: Record<string, unknown> } | { ok: false; errors: FieldError[] };

const ENVELOPE = ['eventId', 'type', 'schemaVersion', 'orgId', 'subjectRef', 'occurredAt', 'source'] as const;
const KNOWN_TYPES: Record<string, FieldType> = {
  schemaVersion: 'integer', 'data.fte': 'number', 'data.score': 'number', 'data.scaleMin': 'number', 'data.scaleMax': 'number',
  'data.internal': 'boolean', 'data.protectedTime': 'boolean',
};
const DEFAULTS: Record<string, Value> = { schemaVersion: 1 };
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
/** Namespace of the UUID v5 ids derived for rows that carry no eventId. */
const IMPORT_NAMESPACE = Buffer.from('3f0c9d2e6b1a4c57a8e4d0b9c6f21a73', 'hex');

export function isTargetPath(path: string): boolean {
  return (ENVELOPE as readonly string[]).includes(path) || /^data\.[A-Za-z][A-Za-z0-9]*$/.test(path);
}

/** Turns the rows of one CSV file into events, given its header and a mapping. */
export class RowMapper {
  private readonly targets: Array<string | undefined>;
  readonly ignoredColumns: string[];
  /** Indexes of the ignored columns: their cells are never sent, nor copied into the rejected-rows file. */
  readonly ignoredIndexes: number[];
  readonly columnCount: number;

  constructor(header: string[], private readonly mapping: CsvMapping = {}) {
    checkMapping(mapping);
    this.targets = header.map((name) => mapping.columns?.[name] ?? (isTargetPath(name) ? name : undefined));
    this.ignoredIndexes = header.flatMap((_, i) => (this.targets[i] === undefined ? [i] : []));
    this.ignoredColumns = this.ignoredIndexes.map((i) => header[i]);
    this.columnCount = header.length;
    const mapped = new Set([...this.targets, ...Object.keys(mapping.constants ?? {})]);
    const missing = ['type', 'orgId', 'subjectRef', 'occurredAt', 'source'].filter((path) => !mapped.has(path));
    if (missing.length) throw new Error(`no column or constant gives ${missing.join(', ')}`);
  }

  map(cells: string[]): RowResult {
    const values: Record<string, Value> = { ...DEFAULTS, ...this.mapping.constants };
    const errors: FieldError[] = [];
    if (cells.length !== this.targets.length) {
      return { ok: false, errors: [{ path: '', message: `the row has ${cells.length} fields; the header has ${this.targets.length}` }] };
    }
    cells.forEach((cell, i) => {
      const path = this.targets[i];
      if (path === undefined || cell === '') return;
      const converted = convert(this.mapping.values?.[path]?.[cell] ?? cell, this.mapping.types?.[path] ?? KNOWN_TYPES[path] ?? 'string');
      if (typeof converted === 'object') errors.push({ path, message: converted.error });
      else values[path] = converted;
    });
    return errors.length ? { ok: false, errors } : { ok: true, event: withEventId(toEvent(values)) };
  }
}

function convert(cell: string, type: FieldType): Value | { error: string } {
  switch (type) {
    case 'string':
      return cell;
    case 'boolean': {
      const lower = cell.trim().toLowerCase();
      if (TRUE.has(lower)) return true;
      return FALSE.has(lower) ? false : { error: `'${cell}' is not a yes/no value (true, false, yes, no, y, n, 1, 0)` };
    }
    case 'number':
    case 'integer': {
      const n = cell.trim() === '' ? NaN : Number(cell);
      if (!Number.isFinite(n)) return { error: `'${cell}' is not a number` };
      return type === 'integer' && !Number.isInteger(n) ? { error: `'${cell}' is not a whole number` } : n;
    }
  }
}

function toEvent(values: Record<string, Value>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const data: Record<string, Value> = {};
  for (const path of ENVELOPE) if (values[path] !== undefined) event[path] = values[path];
  for (const [path, value] of Object.entries(values)) if (path.startsWith('data.')) data[path.slice(5)] = value;
  event.data = data;
  return event;
}

/**
 * Gives an event without an eventId a UUID v5 derived from its content, so that re-reading the same row
 * after an interruption yields the same id and the server's idempotency keeps it stored once.
 */
export function withEventId(event: Record<string, unknown>): Record<string, unknown> {
  if (event.eventId !== undefined) return event;
  const name = canonicalJson(event);
  const hash = createHash('sha1').update(IMPORT_NAMESPACE).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return { eventId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, ...event };
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Fails early, naming the problem, on a mapping file that could only produce rejected rows. */
export function checkMapping(mapping: CsvMapping): void {
  const problems: string[] = [];
  const targets = [
    ...Object.values(mapping.columns ?? {}), ...Object.keys(mapping.constants ?? {}), ...Object.keys(mapping.types ?? {}), ...Object.keys(mapping.values ?? {}),
  ];
  for (const target of targets) if (!isTargetPath(target)) problems.push(`'${target}' is not an event field (${ENVELOPE.join(', ')} or data.<field>)`);
  for (const [path, type] of Object.entries(mapping.types ?? {})) {
    if (!['string', 'number', 'integer', 'boolean'].includes(type)) problems.push(`types.${path}: '${type}' is not string, number, integer or boolean`);
  }
  if (problems.length) throw new Error(`bad mapping:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
