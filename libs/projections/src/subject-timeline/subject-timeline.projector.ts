import type { RecordedEvent } from '@rung/contracts';
import type { EventStore, StreamAppendResult } from '@rung/event-store';
import type { ReadModelVersions } from '../read-model-versions/read-model-versions.port';
import { canEvolveIncrementally, emptyTimeline, evolveAll, foldTimeline } from './subject-timeline.fold';
import type { SubjectTimeline } from './subject-timeline';
import type { SubjectTimelineStore } from './subject-timeline.store';

/**
 * Keeps subject timelines level with their streams, and moves the read-model version of every
 * organisation whose timelines it changed. Streams are the subjects' pseudonyms, so a stream id is a
 * subject id.
 */
export class SubjectTimelineProjector {
  constructor(
    private readonly events: EventStore,
    private readonly timelines: SubjectTimelineStore,
    private readonly versions: ReadModelVersions,
  ) {}

  async applyAppended(appended: readonly StreamAppendResult[]): Promise<void> {
    const orgs = new Set<string>();
    for (const { streamId, stored } of appended) {
      if (!stored.length) continue;
      await this.applyNew(streamId, stored);
      orgs.add(stored[0].orgId);
    }
    await this.versions.bump([...orgs]);
  }

  /** The subject's timeline as its stream stands, without storing it: a lagging one is folded for the answer and left to the projector. */
  async read(subjectId: string): Promise<SubjectTimeline | undefined> {
    const [head, timeline] = await Promise.all([this.events.streamVersion(subjectId), this.timelines.get(subjectId)]);
    if (head === 0) return undefined;
    if (timeline && timeline.version >= head) return timeline;
    const stream = await this.events.readStream(subjectId);
    return stream.length ? foldTimeline(subjectId, stream[0].orgId, stream) : undefined;
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
    const orgs = new Set<string>();
    for await (const heads of this.events.streamHeads()) {
      for (const { streamId, version } of heads) {
        if ((await this.timelines.versionOf(streamId)) >= version) continue;
        behind += 1;
        const timeline = await this.refold(streamId);
        if (timeline) orgs.add(timeline.orgId);
      }
    }
    await this.versions.bump([...orgs]);
    return behind;
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
