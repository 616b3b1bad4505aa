/** A rebuild of the timelines into a new generation: asked for, running (perhaps resumed), or done. */
export interface RebuildRecord {
  generation: number;
  state: 'requested' | 'running' | 'done';
  requestedAt: string;
  /** The key id of the admin who asked, or `start` for a rebuild of empty timelines at start. */
  requestedBy: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Events read so far in the current run (a resumed run reads the log again, folding only what is missing). */
  eventsRead: number;
  /** Timelines in the new generation so far. */
  streams: number;
  /** How many runs worked on it: more than 1 after a resume. */
  runs: number;
  /** The fencing token of the lease its current runner holds; a runner with a smaller one may not save. */
  fence: number | null;
}

export function requestedRebuild(generation: number, requestedBy: string, at: string): RebuildRecord {
  return { generation, state: 'requested', requestedAt: at, requestedBy, startedAt: null, finishedAt: null, eventsRead: 0, streams: 0, runs: 0, fence: null };
}

/** True while the rebuild still has work to do. */
export function isOpen(record: RebuildRecord | undefined): boolean {
  return record !== undefined && record.state !== 'done';
}
