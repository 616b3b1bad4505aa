import type { SubjectTimeline } from './subject-timeline';

export const SUBJECT_TIMELINE_STORE = Symbol('SUBJECT_TIMELINE_STORE');

/** Where timelines are kept. `put` never moves a timeline back to an older version. */
export interface SubjectTimelineStore {
  /** True when what is stored outlives the process (MongoDB): only then is a rebuild's progress worth writing as it goes. */
  readonly durable: boolean;
  get(subjectId: string): Promise<SubjectTimeline | undefined>;
  put(timeline: SubjectTimeline): Promise<void>;
  versionOf(subjectId: string): Promise<number>;
  clear(): Promise<void>;
  /** Drops these subjects' timelines (an erasure); unknown ones are ignored. */
  delete(subjectIds: readonly string[]): Promise<void>;
  count(): Promise<number>;
  /** Every timeline, optionally only those of some organisations, in batches. For analytics and exports. */
  scan(filter?: { orgIds?: readonly string[] }, batchSize?: number): AsyncIterable<SubjectTimeline[]>;
  /** Several puts at once, each by the same rule as `put`. */
  putMany(timelines: readonly SubjectTimeline[]): Promise<void>;
  /**
   * The timelines of rebuild generation `n`, kept apart from the live ones until promoted; they hold
   * whatever an interrupted rebuild of that generation wrote, so that it can resume.
   */
  generation(n: number): Promise<SubjectTimelineStore>;
  /** Makes generation `n` the live timelines in one step; a reader sees the old ones or the new ones, whole. */
  promote(n: number): Promise<void>;
}

export class InMemorySubjectTimelineStore implements SubjectTimelineStore {
  /** `durable` only makes it behave as a store that outlives the process would, for tests of resuming. */
  constructor(readonly durable = false) {}

  private timelines = new Map<string, SubjectTimeline>();
  private readonly generations = new Map<number, InMemorySubjectTimelineStore>();

  async get(subjectId: string): Promise<SubjectTimeline | undefined> {
    return this.timelines.get(subjectId);
  }

  async put(timeline: SubjectTimeline): Promise<void> {
    const existing = this.timelines.get(timeline.subjectId);
    if (!existing || existing.version <= timeline.version) this.timelines.set(timeline.subjectId, timeline);
  }

  async putMany(timelines: readonly SubjectTimeline[]): Promise<void> {
    for (const t of timelines) await this.put(t);
  }

  async generation(n: number): Promise<SubjectTimelineStore> {
    let store = this.generations.get(n);
    if (!store) {
      store = new InMemorySubjectTimelineStore(this.durable);
      this.generations.set(n, store);
    }
    return store;
  }

  async promote(n: number): Promise<void> {
    const store = this.generations.get(n);
    if (!store) throw new Error(`there is no timeline generation ${n} to promote`);
    this.timelines = store.timelines;
    this.generations.delete(n);
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
