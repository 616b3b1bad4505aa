import type { RecordedEvent } from '@rung/contracts';
import type { EventStore, StreamAppendResult } from '@rung/event-store';
import { canEvolveIncrementally, emptyTimeline, evolve, evolveAll, foldTimeline } from './subject-timeline.fold';
import type { SubjectTimeline } from './subject-timeline';
import type { SubjectTimelineStore } from './subject-timeline.store';

export interface RebuildSummary {
  events: number;
  streams: number;
  refolded: number;
}

/**
 * Keeps subject timelines level with their streams. Streams are the subjects' pseudonyms, so a
 * stream id is a subject id.
 */
export class SubjectTimelineProjector {
  constructor(
    private readonly events: EventStore,
    private readonly timelines: SubjectTimelineStore,
  ) {}

  async applyAppended(appended: readonly StreamAppendResult[]): Promise<void> {
    for (const { streamId, stored } of appended) {
      if (stored.length) await this.applyNew(streamId, stored);
    }
  }

  /** Brings one subject's timeline up to its stream, if it lags, and returns it. */
  async current(subjectId: string): Promise<SubjectTimeline | undefined> {
    const [head, timeline] = await Promise.all([this.events.streamVersion(subjectId), this.timelines.get(subjectId)]);
    if (head === 0) return undefined;
    if (timeline && timeline.version >= head) return timeline;
    return this.refold(subjectId);
  }

  /** Finds every stream whose timeline lags and folds it again. Returns how many were behind. */
  async catchUp(): Promise<number> {
    let behind = 0;
    for await (const heads of this.events.streamHeads()) {
      for (const { streamId, version } of heads) {
        if ((await this.timelines.versionOf(streamId)) >= version) continue;
        behind += 1;
        await this.refold(streamId);
      }
    }
    return behind;
  }

  /** Drops every timeline and projects the whole store again, streaming; out-of-order streams are folded again at the end. */
  async rebuild(): Promise<RebuildSummary> {
    await this.timelines.clear();
    const building = new Map<string, SubjectTimeline>();
    const outOfOrder = new Set<string>();
    let events = 0;
    for await (const batch of this.events.readAll()) {
      events += batch.length;
      for (const e of batch) this.foldInto(building, outOfOrder, e);
    }
    for (const timeline of building.values()) if (!outOfOrder.has(timeline.subjectId)) await this.timelines.put(timeline);
    for (const streamId of outOfOrder) await this.refold(streamId);
    return { events, streams: building.size, refolded: outOfOrder.size };
  }

  private foldInto(building: Map<string, SubjectTimeline>, outOfOrder: Set<string>, e: RecordedEvent): void {
    if (outOfOrder.has(e.streamId)) return;
    const timeline = building.get(e.streamId) ?? emptyTimeline(e.streamId, e.orgId);
    if (canEvolveIncrementally(timeline, [e])) building.set(e.streamId, evolve(timeline, e));
    else outOfOrder.add(e.streamId);
  }

  private async applyNew(streamId: string, stored: RecordedEvent[]): Promise<void> {
    const timeline = (await this.timelines.get(streamId)) ?? emptyTimeline(streamId, stored[0].orgId);
    if (canEvolveIncrementally(timeline, stored)) await this.timelines.put(evolveAll(timeline, stored));
    else await this.refold(streamId);
  }

  private async refold(streamId: string): Promise<SubjectTimeline | undefined> {
    const stream = await this.events.readStream(streamId);
    if (!stream.length) return undefined;
    const timeline = foldTimeline(streamId, stream[0].orgId, stream);
    await this.timelines.put(timeline);
    return timeline;
  }
}
