import { DomainError, inScope, type OrgScope } from '@rung/domain';

/**
 * An ingest key writes for its own organisations only. A batch naming any other is refused whole,
 * before anything is validated or stored, so that nothing of it lands and nothing is said about it.
 */
export function checkWriteScope(events: readonly unknown[], scope: OrgScope): void {
  for (const event of events) {
    const orgId = (event as { orgId?: unknown } | null)?.orgId;
    if (typeof orgId === 'string' && !inScope(scope, orgId)) {
      throw new DomainError('forbidden', 'This key may not write events for every organisation named in this request.');
    }
  }
}
