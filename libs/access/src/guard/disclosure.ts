import type { Role } from '@rung/platform';
import type { Disclosure } from '../keys/api-key';
import type { Principal } from './principal';

const AGGREGATE_READERS: readonly Role[] = ['research', 'dashboard'];

/**
 * The disclosure mode of an answer (§7.1): exact only for a research key made exact by an admin, on a
 * route open to research; protected for every other researcher or dashboard answer; none elsewhere.
 */
export function answerDisclosure(principal: Principal, routeRoles: readonly Role[]): Disclosure | null {
  const reading = AGGREGATE_READERS.filter((r) => routeRoles.includes(r) && principal.roles.includes(r));
  if (!reading.length) return null;
  return reading.includes('research') && principal.disclosure === 'exact' ? 'exact' : 'protected';
}
