import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { scopeOf, type DisclosureMode, type OrgScope } from '@rung/domain';
import type { Principal } from './principal';
import { accessOf } from './request-access';

function principalOf(context: ExecutionContext): Principal {
  const access = accessOf(context.switchToHttp().getRequest<Request>());
  // Only reachable on a public route, which has no caller: a programming error, not a client's.
  if (!access) throw new Error('@Caller used on a route that the access guard does not cover');
  return access.principal;
}

/** The key that made the request. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => principalOf(context));

/** The organisations the calling key may touch. */
export const CallerScope = createParamDecorator((_data: unknown, context: ExecutionContext): OrgScope => scopeOf(principalOf(context).orgIds));

/**
 * The disclosure mode of this answer (§7.1): `exact` only for a research key an admin made exact;
 * every other answer a research or dashboard key reads is `protected`.
 */
export const CallerDisclosure = createParamDecorator((_data: unknown, context: ExecutionContext): DisclosureMode => {
  const access = accessOf(context.switchToHttp().getRequest<Request>());
  if (!access) throw new Error('@CallerDisclosure used on a route that the access guard does not cover');
  return access.disclosure ?? 'protected';
});
