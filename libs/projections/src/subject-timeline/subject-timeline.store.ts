import type { SubjectTimeline } from './subject-timeline';

export const SUBJECT_TIMELINE_STORE = Symbol('SUBJECT_TIMELINE_STORE');

/** Where timelines are kept. `put` never moves a timeline back to an older version. */
export interface SubjectTimelineStore {
  get(subjectId: string): Promise<SubjectTimeline | undefined>;
  put(timeline: SubjectTimeline): Promise<void>;
  versionOf(subjectId: string): Promise<number>;
  clear(): Promise<void>;
  count(): Promise<number>;
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

  async count(): Promise<number> {
    return this.timelines.size;
  }
}
