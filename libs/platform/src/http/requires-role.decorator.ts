import { SetMetadata } from '@nestjs/common';

export const ROLES = ['ingest', 'research', 'dashboard', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const REQUIRED_ROLES = 'rung:required-roles';

/** Declares which key roles may call a handler. One global guard enforces it (§8). */
export const RequiresRole = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

export const PUBLIC_ROUTE = 'rung:public';
/** Marks operational routes that need no key (§7a: /health/*). */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
