import type { AuditFilter } from '@rung/audit';
import { DomainError, type ErrorDetail } from '@rung/domain';

export interface AuditQuery {
  filter: AuditFilter;
  cursor: string | null;
  limit: number;
}

const FIELDS = ['from', 'to', 'keyId', 'action', 'cursor', 'limit'];
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/;
const MAX_LIMIT = 1000;

/** `?from=&to=&keyId=&action=&cursor=&limit=` of GET /v1/admin/audit. */
export function parseAuditQuery(raw: Record<string, unknown>): AuditQuery {
  const errors: ErrorDetail[] = Object.keys(raw).filter((k) => !FIELDS.includes(k)).map((path) => ({ path, message: 'is not a filter of the audit log' }));
  const text = (name: string, pattern: RegExp, rule: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && pattern.test(value)) return value;
    errors.push({ path: name, message: rule });
    return undefined;
  };
  const from = text('from', INSTANT, 'must be an ISO date or UTC date-time');
  const to = text('to', INSTANT, 'must be an ISO date or UTC date-time');
  const keyId = text('keyId', /^k_[0-9a-f]{16}$/, 'must be a key id (k_ and 16 hex digits)');
  const action = text('action', /^[a-z0-9.-]{1,100}$/, 'must be an action name such as studies.report');
  const cursor = text('cursor', /^[A-Za-z0-9_-]{1,200}$/, 'must be the cursor of an earlier page');
  const limitText = text('limit', /^\d{1,4}$/, `must be a whole number from 1 to ${MAX_LIMIT}`);
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (limit < 1 || limit > MAX_LIMIT) errors.push({ path: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` });
  if (errors.length) throw new DomainError('validation-failed', 'The audit query is not valid.', errors);
  return { filter: { from, to: to && to.length === 10 ? `${to}T23:59:59.999Z` : to, keyId, action }, cursor: cursor ?? null, limit };
}
