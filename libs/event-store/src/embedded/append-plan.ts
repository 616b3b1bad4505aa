import type { PseudonymisedEvent } from '@rung/contracts';
import { eventBodyHash } from '@rung/domain';
import type { AppendRequest, EventAppendResult } from '../event-store.port';

export interface PlannedEvent {
  event: PseudonymisedEvent;
  hash: string;
  streamId: string;
  version: number;
}

export interface AppendPlan {
  results: EventAppendResult[];
  toStore: PlannedEvent[];
  version: number;
}

export interface PlanState {
  hashOf(eventId: string): string | undefined;
  versionOf(streamId: string): number;
}

/**
 * Decides one stream's append: resends are duplicates, a known id with another body is a conflict,
 * and new events fail together when the expected version is stale.
 */
export function planAppend(request: AppendRequest, state: PlanState): AppendPlan {
  const current = state.versionOf(request.streamId);
  const seen = new Map<string, string>();
  const results: EventAppendResult[] = [];
  const fresh: PlannedEvent[] = [];
  for (const [i, event] of request.events.entries()) {
    const hash = request.bodyHashes?.[i] ?? eventBodyHash(event);
    const known = state.hashOf(event.eventId) ?? seen.get(event.eventId);
    if (known !== undefined) {
      results.push({ eventId: event.eventId, status: known === hash ? 'duplicate' : 'conflict' });
      continue;
    }
    seen.set(event.eventId, hash);
    fresh.push({ event, hash, streamId: request.streamId, version: current + fresh.length + 1 });
    results.push({ eventId: event.eventId, status: 'stored' });
  }
  if (fresh.length && request.expectedVersion !== undefined && request.expectedVersion !== current) {
    const stale = results.map((r) => (r.status === 'stored' ? { ...r, status: 'wrong-expected-version' as const } : r));
    return { results: stale, toStore: [], version: current };
  }
  return { results, toStore: fresh, version: current + fresh.length };
}
