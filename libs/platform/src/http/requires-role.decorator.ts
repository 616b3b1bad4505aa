import { SetMetadata } from '@nestjs/common';

export const ROLES = ['ingest', 'research', 'dashboard', 'admin', 'metrics'] as const;
export type Role = (typeof ROLES)[number];
export const REQUIRED_ROLES = 'rung:required-roles';

/**
 * Declares which key roles may call a handler. The global AccessGuard of @rung/access enforces it (§8):
 * a route that declares no role, and is not public, is open to no key.
 */
export const RequiresRole = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

export const PUBLIC_ROUTE = 'rung:public';
/** Marks operational routes that need no key (§7a: /health/*); the AccessGuard lets them through. */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
