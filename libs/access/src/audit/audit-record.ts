import type { Request } from 'express';
import type { AuditRecord } from '@rung/audit';
import type { Principal } from '../guard/principal';
import type { Disclosure } from '../keys/api-key';

const MAX_VALUE = 200;
const MAX_FIELDS = 30;

export interface RecordInput {
  at: string;
  action: string;
  status: number;
  principal: Principal | null;
  disclosure: Disclosure | null;
  correlationId?: string;
  /** Pseudonymises a raw subject reference, which must never reach the log. */
  subjectId(orgId: string, subjectRef: string): string;
}

/** The audit entry of one request (§8): who, what, which route pattern and organisations, which parameters, and the outcome. */
export function auditRecordOf(req: Request, input: RecordInput): AuditRecord {
  return {
    at: input.at,
    keyId: input.principal?.keyId ?? null,
    roles: input.principal?.roles ?? [],
    action: input.action,
    method: req.method,
    route: routePattern(req),
    orgIds: organisationsOf(req, input.principal),
    query: parametersOf(req, input.subjectId),
    status: input.status,
    disclosure: input.disclosure,
    ...(input.correlationId ? { correlationId: input.correlationId } : {}),
  };
}

export function routePattern(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return `${req.baseUrl ?? ''}${typeof path === 'string' ? path : ''}` || 'unmatched';
}

/** The organisations the request named: in its path or query, in its body, else those of the key. */
function organisationsOf(req: Request, principal: Principal | null): string[] {
  const named = [req.params?.orgId, req.query?.orgId, ...bodyOrgIds(req.body)].filter((o): o is string => typeof o === 'string');
  const orgIds = named.length ? named : principal?.orgIds ?? [];
  return [...new Set(orgIds.map(clip))].sort().slice(0, MAX_FIELDS);
}

function bodyOrgIds(body: unknown): unknown[] {
  if (body === null || typeof body !== 'object') return [];
  const b = body as { orgId?: unknown; orgIds?: unknown; events?: unknown };
  const events = Array.isArray(b.events) ? b.events.map((e) => (e as { orgId?: unknown } | null)?.orgId) : [];
  return [b.orgId, ...(Array.isArray(b.orgIds) ? b.orgIds : []), ...events];
}

/** Query parameters, and path parameters as `param.<name>`; a subject reference only as its pseudonym. */
function parametersOf(req: Request, subjectId: RecordInput['subjectId']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.params ?? {})) {
    if (name === 'subjectRef') out['param.subjectId'] = subjectId(String(req.params.orgId ?? ''), String(value));
    else out[`param.${name}`] = clip(String(value));
  }
  for (const [name, value] of Object.entries(req.query ?? {}).slice(0, MAX_FIELDS)) {
    if (/subjectref/i.test(name)) continue;
    out[clip(name)] = clip(Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

function clip(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
}
