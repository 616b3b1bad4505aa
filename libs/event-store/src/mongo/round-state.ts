import type { PlannedEvent, PlanState } from '../embedded/append-plan';
import type { EventDocument, EventModel } from './event-documents';

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
    private readonly hashes: Map<string, string>,
    private readonly now: Date,
  ) {}

  hashOf(eventId: string): string | undefined {
    return this.hashes.get(eventId);
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

async function loadHashes(model: EventModel, eventIds: string[]): Promise<Map<string, string>> {
  if (!eventIds.length) return new Map();
  const rows = await model.find({ eventId: { $in: eventIds } }, { _id: 0, eventId: 1, hash: 1 }).lean<Array<{ eventId: string; hash: string }>>();
  return new Map(rows.map((r) => [r.eventId, r.hash]));
}
