import type { AuditEntry, AuditRecord, Disclosure } from './audit-log.port';

/** A record bigger than this (as JSON) is refused, which bounds every line of the embedded file. */
export const MAX_RECORD_BYTES = 60 * 1024;

const DISCLOSURES: ReadonlyArray<Disclosure | null> = ['protected', 'exact', null];
const ZONED = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Checks a record and copies only its known fields, with `at` in canonical ISO form (so that instants
 * compare as strings) and lone surrogates replaced (BSON would replace them, and the hash would no
 * longer match). Throws a TypeError naming the field: a bad record is a caller's bug, not user input.
 */
export function normaliseRecord(record: AuditRecord): AuditRecord {
  const at = instant(record.at);
  if (!Number.isSafeInteger(record.status)) throw new TypeError(`audit record: 'status' must be an integer, got ${String(record.status)}`);
  if (!DISCLOSURES.includes(record.disclosure)) throw new TypeError(`audit record: 'disclosure' must be protected, exact or null`);
  if (record.keyId !== null) text(record.keyId, 'keyId');
  const normalised: AuditRecord = {
    at: new Date(at).toISOString(),
    keyId: record.keyId === null ? null : wellFormed(record.keyId),
    roles: texts(record.roles, 'roles'),
    action: text(record.action, 'action'),
    method: text(record.method, 'method'),
    route: text(record.route, 'route'),
    orgIds: texts(record.orgIds, 'orgIds'),
    query: parameters(record.query),
    status: record.status,
    disclosure: record.disclosure,
    ...(record.correlationId === undefined ? {} : { correlationId: text(record.correlationId, 'correlationId') }),
  };
  if (Buffer.byteLength(JSON.stringify(normalised)) > MAX_RECORD_BYTES) throw new TypeError(`audit record: larger than ${MAX_RECORD_BYTES} bytes`);
  return normalised;
}

/** Whether a stored value has the shape of an entry, so that a page can hand it out as one. */
export function isAuditEntry(value: unknown): value is AuditEntry {
  if (value === null || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  const strings = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');
  return Number.isSafeInteger(e.seq) && typeof e.prevHash === 'string' && typeof e.hash === 'string'
    && typeof e.at === 'string' && (e.keyId === null || typeof e.keyId === 'string') && strings(e.roles)
    && typeof e.action === 'string' && typeof e.method === 'string' && typeof e.route === 'string' && strings(e.orgIds)
    && e.query !== null && typeof e.query === 'object' && !Array.isArray(e.query) && Object.values(e.query).every((v) => typeof v === 'string')
    && Number.isSafeInteger(e.status) && DISCLOSURES.includes(e.disclosure as Disclosure | null)
    && (e.correlationId === undefined || typeof e.correlationId === 'string');
}

function instant(value: unknown): number {
  const ms = typeof value === 'string' && ZONED.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new TypeError(`audit record: 'at' must be an ISO instant with a zone, got ${String(value)}`);
  return ms;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new TypeError(`audit record: '${field}' must be a string`);
  return wellFormed(value);
}

function texts(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new TypeError(`audit record: '${field}' must be an array of strings`);
  return value.map((v) => text(v, field));
}

/** Object.entries and fromEntries keep a key named __proto__ as data, where assignment would not. */
function parameters(query: unknown): Record<string, string> {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) throw new TypeError(`audit record: 'query' must be an object of strings`);
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [wellFormed(k), text(v, `query.${k}`)]));
}

function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}
