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
export function rateLimitOf(context: ExecutionContext, config: RungConfig): number {
  const roles = accessOf(context.switchToHttp().getRequest<Request>())?.principal.roles ?? [];
  return Math.max(1, ...roles.map((role) => limitOfRole(role, config)));
}

/** Requests are counted per key. */
export function trackerOf(req: Record<string, unknown>): string {
  return accessOf(req as unknown as Request)?.principal.keyId ?? 'anonymous';
}
