import type { EventOf, PseudonymisedEvent } from '@rung/contracts';
import type { EventLocation } from '@rung/event-store';

export interface Queued {
  event: PseudonymisedEvent;
  bodyHash: string;
  index: number;
}

export type LocateEvent = (eventId: string, streamId: string) => Promise<EventLocation>;

export const STRAY_RETRACTION = {
  path: 'data.retractedEventId',
  message: 'must name an earlier event of the same subject: none with this id is stored for them or sent before it in this batch',
};

/**
 * The retractions of a batch that name no earlier event of their own subject (§8). The target must be
 * stored in the subject's stream, or come before the retraction in this batch for the same subject and
 * be stored nowhere (else the store would refuse it as a conflict and the retraction would name
 * another subject's event). Only streams that hold a retraction are looked at.
 */
export async function strayRetractions(streams: ReadonlyMap<string, readonly Queued[]>, locate: LocateEvent): Promise<Queued[]> {
  const withRetractions = [...streams].filter(([, list]) => list.some((q) => q.event.type === 'EventRetracted'));
  if (!withRetractions.length) return [];
  const owners = soleStreamOfEachId(streams);
  const strays = await Promise.all(withRetractions.map(([streamId, list]) => straysOfStream(streamId, list, owners, locate)));
  return strays.flat();
}

async function straysOfStream(streamId: string, list: readonly Queued[], owners: Map<string, string | null>, locate: LocateEvent): Promise<Queued[]> {
  const targets = [...new Set(list.flatMap((q) => (isRetraction(q.event) ? [q.event.data.retractedEventId] : [])))];
  const located = new Map(await Promise.all(targets.map(async (id) => [id, await locate(id, streamId)] as const)));
  const earlier = new Set<string>();
  const strays: Queued[] = [];
  for (const q of list) {
    if (isRetraction(q.event)) {
      const target = q.event.data.retractedEventId;
      const sentBefore = earlier.has(target) && owners.get(target) === streamId && located.get(target) === 'nowhere';
      if (located.get(target) !== 'this-stream' && !sentBefore) {
        strays.push(q);
        continue;
      }
    }
    earlier.add(q.event.eventId);
  }
  return strays;
}

/** Each event id of the batch with its stream, or null when the batch sends it in two streams. */
function soleStreamOfEachId(streams: ReadonlyMap<string, readonly Queued[]>): Map<string, string | null> {
  const owners = new Map<string, string | null>();
  for (const [streamId, list] of streams) {
    for (const { event } of list) {
      const owner = owners.get(event.eventId);
      owners.set(event.eventId, owner === undefined || owner === streamId ? streamId : null);
    }
  }
  return owners;
}

function isRetraction(event: PseudonymisedEvent): event is EventOf<'EventRetracted', PseudonymisedEvent> {
  return event.type === 'EventRetracted';
}
