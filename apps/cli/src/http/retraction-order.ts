type SentEvent = { eventId?: unknown; type?: unknown; data?: { retractedEventId?: unknown } } | null;

/**
 * Rung refuses a retraction of an event it has not stored yet. A sender with several batches in
 * flight asks this, before each batch, whether it must first wait for the ones before it: it must
 * when the batch retracts an event of a batch not yet acknowledged.
 */
export class RetractionOrder {
  private readonly unacknowledged = new Set<string>();

  /** True when the batch must wait until every batch sent before it is acknowledged. */
  mustWait(events: readonly unknown[]): boolean {
    return this.unacknowledged.size > 0 && events.some((e) => {
      const event = e as SentEvent;
      return event?.type === 'EventRetracted' && this.unacknowledged.has(String(event.data?.retractedEventId));
    });
  }

  /** Splits a batch into what may go now and the retractions that must wait for their targets' batches. */
  partition<T>(events: readonly T[]): { ready: T[]; held: T[] } {
    const ready: T[] = [];
    const held: T[] = [];
    for (const e of events) (this.mustWait([e]) ? held : ready).push(e);
    return { ready, held };
  }

  sent(events: readonly unknown[]): void {
    for (const id of idsOf(events)) this.unacknowledged.add(id);
  }

  acknowledged(events: readonly unknown[]): void {
    for (const id of idsOf(events)) this.unacknowledged.delete(id);
  }
}

function idsOf(events: readonly unknown[]): string[] {
  return events.map((e) => String((e as SentEvent)?.eventId));
}
