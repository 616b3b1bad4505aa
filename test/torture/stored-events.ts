import { EmbeddedEventStore } from '@rung/event-store';

/** How often each event id occurs in an embedded store's journal, read directly (the app must be stopped). */
export async function storedEventCounts(dataDir: string): Promise<Map<string, number>> {
  const store = await EmbeddedEventStore.open({ dataDir, now: () => new Date() });
  const counts = new Map<string, number>();
  try {
    for await (const batch of store.readAll()) for (const e of batch) counts.set(e.eventId, (counts.get(e.eventId) ?? 0) + 1);
  } finally {
    await store.close();
  }
  return counts;
}

export interface Tally {
  acknowledged: number;
  present: number;
  lost: number;
  doubled: number;
}

/** Every acknowledged event must be stored exactly once; nothing is stored twice. */
export function tally(acknowledged: ReadonlySet<string>, stored: ReadonlyMap<string, number>): Tally {
  let present = 0;
  for (const id of acknowledged) if (stored.has(id)) present += 1;
  const doubled = [...stored.values()].filter((n) => n > 1).length;
  return { acknowledged: acknowledged.size, present, lost: acknowledged.size - present, doubled };
}
