import type { RecordedEvent } from '@rung/contracts';
import type { EventStore } from '@rung/event-store';
import type { ReadModelVersions } from '../read-model-versions/read-model-versions.port';
import { canEvolveIncrementally, emptyTimeline, evolve, foldTimeline } from '../subject-timeline/subject-timeline.fold';
import type { SubjectTimeline } from '../subject-timeline/subject-timeline';
import type { SubjectTimelineStore } from '../subject-timeline/subject-timeline.store';
import type { RebuildLog } from './rebuild-log.port';
import type { RebuildRecord } from './rebuild-record';

/** Progress is saved, and the lease renewed, after this many events; on a durable store the timelines folded so far are written too. */
export const REBUILD_FLUSH_EVENTS = 20_000;

/** What a run needs from its caller: the time, and its lease kept (its fencing token, or null once lost). */
export interface RebuildRun {
  now(): Date;
  keepLease(): Promise<number | null>;
}

export class RebuildInterrupted extends Error {
  constructor(reason: string) {
    super(`the rebuild stopped: ${reason}`);
    this.name = 'RebuildInterrupted';
  }
}

/** The timelines a run folds, and which of them changed since they were last written. */
class Building {
  readonly timelines = new Map<string, SubjectTimeline>();
  readonly outOfOrder = new Set<string>();
  private readonly dirty = new Set<string>();

  fold(e: RecordedEvent): void {
    if (this.outOfOrder.has(e.streamId)) return;
    const timeline = this.timelines.get(e.streamId) ?? emptyTimeline(e.streamId, e.orgId);
    if (e.version <= timeline.version) return; // folded before a resume
    if (canEvolveIncrementally(timeline, [e])) {
      this.timelines.set(e.streamId, evolve(timeline, e));
      this.dirty.add(e.streamId);
    } else {
      this.outOfOrder.add(e.streamId);
      this.timelines.delete(e.streamId);
      this.dirty.delete(e.streamId);
    }
  }

  takeDirty(): SubjectTimeline[] {
    const out = [...this.dirty].map((id) => this.timelines.get(id) as SubjectTimeline);
    this.dirty.clear();
    return out;
  }
}

/**
 * Rebuilds every timeline into a new generation and then promotes it, so that readers keep the live
 * timelines, whole, until the new ones are complete. Progress is saved as it goes; a run that stops
 * (a crash, a lost lease) is resumed from what it had written. Streams folded out of order, and
 * streams appended to while it ran, are folded again from their streams before the switch.
 */
export class TimelineRebuild {
  constructor(
    private readonly events: EventStore,
    private readonly timelines: SubjectTimelineStore,
    private readonly versions: ReadModelVersions,
    private readonly log: RebuildLog,
    private readonly flushEvents = REBUILD_FLUSH_EVENTS,
  ) {}

  async run(asked: RebuildRecord, run: RebuildRun): Promise<RebuildRecord> {
    let record: RebuildRecord = { ...asked, state: 'running', startedAt: asked.startedAt ?? run.now().toISOString(), runs: asked.runs + 1, eventsRead: 0 };
    const save = async (patch: Partial<RebuildRecord>): Promise<void> => {
      const fence = await run.keepLease();
      if (fence === null) throw new RebuildInterrupted('its lease passed to another instance');
      record = { ...record, ...patch, fence };
      if (!(await this.log.save(record))) throw new RebuildInterrupted('another instance took it over');
    };
    await save({});
    const staging = await this.timelines.generation(record.generation);
    const building = await this.resumeFrom(staging);
    let sinceFlush = 0;
    for await (const batch of this.events.readAll(Math.min(this.flushEvents, 5000))) {
      for (const e of batch) building.fold(e);
      record.eventsRead += batch.length;
      sinceFlush += batch.length;
      if (sinceFlush >= this.flushEvents) {
        sinceFlush = 0;
        // A store that does not outlive the process could not resume from what was written, so it is written once, at the end.
        if (staging.durable) await staging.putMany(building.takeDirty());
        await save({ streams: building.timelines.size });
      }
    }
    await staging.putMany(building.takeDirty());
    await this.levelWithStreams(staging, building);
    await save({ streams: building.timelines.size });
    await this.timelines.promote(record.generation);
    await this.versions.bump(await this.orgsOf(building));
    await save({ state: 'done', finishedAt: run.now().toISOString() });
    return record;
  }

  /** A fresh generation is empty; a resumed one holds what the stopped run wrote, folded through some version of each stream. */
  private async resumeFrom(staging: SubjectTimelineStore): Promise<Building> {
    const building = new Building();
    for await (const batch of staging.scan({})) for (const t of batch) building.timelines.set(t.subjectId, t);
    return building;
  }

  /**
   * Folds again every stream the generation lags (out of order, appended to meanwhile) and drops any
   * it holds whose stream is gone (erased meanwhile).
   */
  private async levelWithStreams(staging: SubjectTimelineStore, building: Building): Promise<void> {
    const heads = new Set<string>();
    const refold: string[] = [];
    for await (const batch of this.events.streamHeads()) {
      for (const { streamId, version } of batch) {
        heads.add(streamId);
        if ((building.timelines.get(streamId)?.version ?? 0) < version) refold.push(streamId);
      }
    }
    for (const streamId of refold) {
      const stream = await this.events.readStream(streamId);
      if (!stream.length) continue;
      const timeline = foldTimeline(streamId, stream[0].orgId, stream);
      building.timelines.set(streamId, timeline);
      await staging.put(timeline);
    }
    const gone = [...building.timelines.keys()].filter((id) => !heads.has(id));
    if (gone.length) await staging.delete(gone);
    for (const id of gone) building.timelines.delete(id);
  }

  /** Every organisation in the new generation, and every one known before (its data may be gone). */
  private async orgsOf(building: Building): Promise<string[]> {
    const orgs = new Set((await this.versions.all()).keys());
    for (const t of building.timelines.values()) orgs.add(t.orgId);
    return [...orgs];
  }
}
