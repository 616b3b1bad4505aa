import type { mongo } from 'mongoose';
import type { PlannedEvent, PlanState } from '../embedded/append-plan';
import type { EventDocument, EventModel } from './event-documents';

type ObjectId = InstanceType<typeof mongo.ObjectId>;

/** What is stored under an event id: its body digest and the document's `_id`. */
export interface StoredId {
  hash: string;
  _id: ObjectId;
}

interface Head {
  version: number;
  position: number;
}

/**
 * What one append round knows: the heads and body digests it read from MongoDB for the streams and
 * event ids it is about to plan, plus what it has staged since.
 */
export class RoundState implements PlanState {
  constructor(
    private readonly heads: Map<string, Head>,
    private readonly stored: Map<string, StoredId>,
    private readonly now: Date,
  ) {
    this.hashes = new Map([...stored].map(([eventId, s]) => [eventId, s.hash]));
  }

  private readonly hashes: Map<string, string>;

  hashOf(eventId: string): string | undefined {
    return this.hashes.get(eventId);
  }

  /** The `_id` of the document stored under this event id when the round began. */
  storedIdOf(eventId: string): ObjectId | undefined {
    return this.stored.get(eventId)?._id;
  }

  versionOf(streamId: string): number {
    return this.heads.get(streamId)?.version ?? 0;
  }

  /**
   * The document for a planned event. Its position follows the previous event of its stream, so it
   * grows with version whatever the clock does, and is otherwise the arrival time in microseconds.
   */
  stage(planned: PlannedEvent): EventDocument {
    const previous = this.heads.get(planned.streamId)?.position ?? 0;
    const position = Math.max(previous + 1, this.now.getTime() * 1000);
    this.heads.set(planned.streamId, { version: planned.version, position });
    this.hashes.set(planned.event.eventId, planned.hash);
    const { streamId, version, hash } = planned;
    return { ...planned.event, streamId, version, position, recordedAt: this.now.toISOString(), hash };
  }
}

export async function loadRoundState(model: EventModel, streamIds: string[], eventIds: string[], now: Date): Promise<RoundState> {
  const [heads, hashes] = await Promise.all([loadHeads(model, streamIds), loadHashes(model, eventIds)]);
  return new RoundState(heads, hashes, now);
}

/** The last event of each stream, read backwards along the unique (streamId, version) index. */
async function loadHeads(model: EventModel, streamIds: string[]): Promise<Map<string, Head>> {
  if (!streamIds.length) return new Map();
  const rows = await model.aggregate<{ _id: string } & Head>([
    { $match: { streamId: { $in: streamIds } } },
    { $sort: { streamId: -1, version: -1 } },
    { $group: { _id: '$streamId', version: { $first: '$version' }, position: { $first: '$position' } } },
  ]);
  return new Map(rows.map((r) => [r._id, { version: r.version, position: r.position }]));
}

async function loadHashes(model: EventModel, eventIds: string[]): Promise<Map<string, StoredId>> {
  if (!eventIds.length) return new Map();
  const rows = await model.find({ eventId: { $in: eventIds } }, { _id: 1, eventId: 1, hash: 1 }).lean<Array<StoredId & { eventId: string }>>();
  return new Map(rows.map((r) => [r.eventId, { hash: r.hash, _id: r._id }]));
}
