import { DomainError } from '@rung/domain';
import { MAX_AUDIT_PAGE, type AuditEntry, type AuditFilter } from './audit-log.port';

/** A filter with its instants in the canonical form entries store, so that they compare as strings. */
export interface EntryFilter {
  from?: string;
  to?: string;
  keyId?: string;
  action?: string;
}

/** Where a page ends: the last seq it gave and, on the embedded file, the byte after that entry's line. */
export interface PagePosition {
  seq: number;
  offset?: number;
}

const NO_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

export function entryFilter(filter: AuditFilter): EntryFilter {
  return {
    ...(filter.from === undefined ? {} : { from: instant(filter.from, 'from') }),
    ...(filter.to === undefined ? {} : { to: instant(filter.to, 'to') }),
    ...(filter.keyId === undefined ? {} : { keyId: filter.keyId }),
    ...(filter.action === undefined ? {} : { action: filter.action }),
  };
}

export function matches(entry: AuditEntry, filter: EntryFilter): boolean {
  return (filter.from === undefined || entry.at >= filter.from)
    && (filter.to === undefined || entry.at <= filter.to)
    && (filter.keyId === undefined || entry.keyId === filter.keyId)
    && (filter.action === undefined || entry.action === filter.action);
}

export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw new DomainError('bad-request', `the page limit must be a whole number from 1 to ${MAX_AUDIT_PAGE}`);
  }
}

export function encodeCursor(position: PagePosition): string {
  const parts = position.offset === undefined ? [position.seq] : [position.seq, position.offset];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The position a cursor stands for; a cursor this log did not give is a bad request. */
export function decodeCursor(cursor: string | null): PagePosition | null {
  if (cursor === null) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (!isPosition(parts)) throw badCursor();
  return parts.length === 1 ? { seq: parts[0] } : { seq: parts[0], offset: parts[1] };
}

function isPosition(parts: unknown): parts is [number] | [number, number] {
  return Array.isArray(parts) && (parts.length === 1 || parts.length === 2) && parts.every((n) => Number.isSafeInteger(n) && n >= 0);
}

export function badCursor(): DomainError {
  return new DomainError('bad-request', 'the cursor is not one this audit log gave');
}

/** A date alone is its midnight UTC, and a date-time without a zone is read as UTC, never as local time. */
function instant(text: string, field: string): string {
  const ms = Date.parse(NO_ZONE.test(text) ? `${text}Z` : text);
  if (Number.isNaN(ms)) throw new DomainError('bad-request', `'${field}' must be an ISO date or date-time`);
  return new Date(ms).toISOString();
}
