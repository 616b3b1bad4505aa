import { EmbeddedEventStore } from '@rung/event-store';
import type { RawEvent } from '../career-events';

/** The events not stored exactly once, with how many times each is stored: [] when all is well. */
export function notStoredOnce(stored: ReadonlyMap<string, number>, events: readonly RawEvent[]): Array<[string, number]> {
  return events.map((e): [string, number] => [e.eventId, stored.get(e.eventId) ?? 0]).filter(([, n]) => n !== 1);
}

/** How many times each event id is in the journal of a stopped (or killed) app's data directory. */
export async function storedIdsIn(dataDir: string): Promise<Map<string, number>> {
  const store = await EmbeddedEventStore.open({ dataDir, now: () => new Date() });
  const counts = new Map<string, number>();
  try {
    for await (const batch of store.readAll()) batch.forEach((e) => counts.set(e.eventId, (counts.get(e.eventId) ?? 0) + 1));
  } finally {
    await store.close();
  }
  return counts;
}
