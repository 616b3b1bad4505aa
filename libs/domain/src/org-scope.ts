/**
 * The organisations a caller may touch: every one (an admin's explicit grant of '*'), or a listed set.
 * Analytics and ingestion take a scope rather than a key, so they never learn about keys or roles.
 */
export type OrgScope = { readonly all: true } | { readonly all: false; readonly orgIds: ReadonlySet<string> };

export const ALL_ORGS: OrgScope = { all: true };

export function scopeOf(orgIds: readonly string[]): OrgScope {
  return orgIds.includes('*') ? ALL_ORGS : { all: false, orgIds: new Set(orgIds) };
}

export function inScope(scope: OrgScope, orgId: string): boolean {
  return scope.all || scope.orgIds.has(orgId);
}

export function allInScope(scope: OrgScope, orgIds: Iterable<string>): boolean {
  for (const orgId of orgIds) if (!inScope(scope, orgId)) return false;
  return true;
}
