import { scopeOf, type OrgScope } from '@rung/domain';
import type { Role } from '@rung/platform';
import type { Disclosure } from '../keys/api-key';

/** Who is calling: the key a request authenticated with, and what it may do. */
export interface Principal {
  keyId: string;
  name: string;
  roles: Role[];
  orgIds: string[];
  disclosure: Disclosure | null;
}

export function scopeOfPrincipal(principal: Principal): OrgScope {
  return scopeOf(principal.orgIds);
}
