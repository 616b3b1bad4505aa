import type { Request } from 'express';
import type { AuditRecord } from '@rung/audit';
import type { Disclosure } from '../keys/api-key';
import type { Principal } from './principal';

/** What the access layer knows of one request, for the handlers and the audit entry. */
export interface RequestAccess {
  principal: Principal;
  /** The disclosure mode of the answer, for routes that answer researchers and dashboards. */
  disclosure: Disclosure | null;
  /** Set once the request's audit entry is durable, so that it is written once. */
  audited: boolean;
  /** The entry written, once it is durable. */
  record?: AuditRecord;
}

type WithAccess = Request & { rungAccess?: RequestAccess };

export function setAccess(req: Request, access: RequestAccess): void {
  (req as WithAccess).rungAccess = access;
}

export function accessOf(req: Request): RequestAccess | undefined {
  return (req as WithAccess).rungAccess;
}

/** The disclosure mode of this request's answer, if it is an aggregate answer for a researcher or dashboard. */
export function answerDisclosureOf(req: Request): Disclosure | null {
  return accessOf(req)?.disclosure ?? null;
}
