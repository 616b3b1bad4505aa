import type { SubjectTimeline } from './subject-timeline';

export const SUBJECT_TIMELINE_STORE = Symbol('SUBJECT_TIMELINE_STORE');

/** Where timelines are kept. `put` never moves a timeline back to an older version. */
export interface SubjectTimelineStore {
  get(subjectId: string): Promise<SubjectTimeline | undefined>;
  put(timeline: SubjectTimeline): Promise<void>;
  versionOf(subjectId: string): Promise<number>;
  clear(): Promise<void>;
  /** Drops these subjects' timelines (an erasure); unknown ones are ignored. */
  delete(subjectIds: readonly string[]): Promise<void>;
  count(): Promise<number>;
  /** Every timeline, optionally only those of some organisations, in batches. For analytics and exports. */
  scan(filter?: { orgIds?: readonly string[] }, batchSize?: number): AsyncIterable<SubjectTimeline[]>;
}

export class InMemorySubjectTimelineStore implements SubjectTimelineStore {
  private readonly timelines = new Map<string, SubjectTimeline>();

  async get(subjectId: string): Promise<SubjectTimeline | undefined> {
    return this.timelines.get(subjectId);
  }

  async put(timeline: SubjectTimeline): Promise<void> {
    const existing = this.timelines.get(timeline.subjectId);
    if (!existing || existing.version <= timeline.version) this.timelines.set(timeline.subjectId, timeline);
  }

  async versionOf(subjectId: string): Promise<number> {
    return this.timelines.get(subjectId)?.version ?? 0;
  }

  async clear(): Promise<void> {
    this.timelines.clear();
  }

  async delete(subjectIds: readonly string[]): Promise<void> {
    for (const id of subjectIds) this.timelines.delete(id);
  }

  async count(): Promise<number> {
    return this.timelines.size;
  }

  async *scan(filter: { orgIds?: readonly string[] } = {}, batchSize = 5000): AsyncIterable<SubjectTimeline[]> {
    const orgs = filter.orgIds ? new Set(filter.orgIds) : undefined;
    let batch: SubjectTimeline[] = [];
    for (const timeline of this.timelines.values()) {
      if (orgs && !orgs.has(timeline.orgId)) continue;
      batch.push(timeline);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
}
