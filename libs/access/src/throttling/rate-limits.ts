import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role, RungConfig } from '@rung/platform';
import { accessOf } from '../guard/request-access';

export function limitOfRole(role: Role, config: RungConfig): number {
  switch (role) {
    case 'ingest':
      return config.rateLimitIngest;
    case 'research':
      return config.rateLimitResearch;
    case 'dashboard':
      return config.rateLimitDashboard;
    case 'admin':
      return config.rateLimitAdmin;
    case 'metrics':
      // A scraper polls a few times a minute; the dashboard limit is ample.
      return config.rateLimitDashboard;
  }
}

/** A key with several roles gets the most generous of their limits. */
export function rateLimitOfRoles(roles: readonly Role[], config: RungConfig): number {
  return Math.max(1, ...roles.map((role) => limitOfRole(role, config)));
}

export function rateLimitOf(context: ExecutionContext, config: RungConfig): number {
  return rateLimitOfRoles(accessOf(context.switchToHttp().getRequest<Request>())?.principal.roles ?? [], config);
}

/** The one throttler, named 'default' so that it sends plain X-RateLimit-* and Retry-After headers. */
export const THROTTLER_NAME = 'default';

/** Where a key's requests are counted. */
export function throttleKeyOf(tracker: string, name = THROTTLER_NAME): string {
  return `${name}:${tracker}`;
}

/** Requests are counted per key. */
export function trackerOf(req: Record<string, unknown>): string {
  return accessOf(req as unknown as Request)?.principal.keyId ?? 'anonymous';
}
