import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError, inScope, scopeOf } from '@rung/domain';
import { PUBLIC_ROUTE, REQUIRED_ROLES, type Role } from '@rung/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { ApiKeys } from '../keys/api-keys.service';
import { bearerToken } from './bearer-token';
import { ORG_SCOPED, type OrgScopedSource } from './org-scoped.decorator';
import { answerDisclosure } from './disclosure';
import type { Principal } from './principal';
import { setAccess } from './request-access';

const UNAUTHORISED = 'Send a valid API key as Authorization: Bearer <key>.';
const FORBIDDEN = 'This key may not do this.';

/**
 * The one global guard (§8), deny by default: a route is open only to the roles it declares, and to
 * keys whose organisations include the one it names. Routes marked public (health) need no key.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeys,
    private readonly audit: AuditRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const principal = await this.authenticate(req);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    const scoped = this.reflector.getAllAndOverride<OrgScopedSource | undefined>(ORG_SCOPED, targets);
    if (!allowed(principal, roles, scoped, req)) {
      await this.audit.record(context, req, principal, 403);
      throw new DomainError('forbidden', FORBIDDEN);
    }
    setAccess(req, { principal, disclosure: answerDisclosure(principal, roles), audited: false });
    return true;
  }

  private async authenticate(req: Request): Promise<Principal> {
    const token = bearerToken(req.header('authorization'));
    const principal = token ? await this.keys.authenticate(token) : null;
    if (!principal) throw new DomainError('unauthorized', UNAUTHORISED);
    return principal;
  }
}

function allowed(principal: Principal, roles: readonly Role[], scoped: OrgScopedSource | undefined, req: Request): boolean {
  if (!roles.some((role) => principal.roles.includes(role))) return false;
  if (!scoped) return true;
  const orgId = scoped.in === 'param' ? req.params[scoped.name] : req.query[scoped.name];
  // An absent organisation is left to the route's validation, which answers 422 without reading anything.
  if (orgId === undefined) return true;
  return typeof orgId === 'string' && inScope(scopeOf(principal.orgIds), orgId);
}
