import type { RecordedEvent } from '@rung/contracts';

/** Business order (§4): by `occurredAt`, then by arrival. */
export function compareBusinessOrder(a: RecordedEvent, b: RecordedEvent): number {
  if (a.occurredAt < b.occurredAt) return -1;
  if (a.occurredAt > b.occurredAt) return 1;
  return a.position - b.position;
}

/** Drops retracted events and the retractions themselves, and sorts the rest into business order. */
export function effectiveHistory(events: readonly RecordedEvent[]): RecordedEvent[] {
  const retracted = retractedIds(events);
  return events
    .filter((e) => e.type !== 'EventRetracted' && !retracted.has(e.eventId))
    .sort(compareBusinessOrder);
}

export function retractedIds(events: readonly RecordedEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (e.type === 'EventRetracted') ids.add(e.data.retractedEventId);
  return ids;
}
