import { isOpen, requestedRebuild, type RebuildRecord } from './rebuild-record';

/** Where rebuilds are asked for and report progress; shared by every instance on MongoDB. */
export interface RebuildLog {
  /** The newest rebuild, if any was ever asked for. */
  latest(): Promise<RebuildRecord | undefined>;
  /** The open rebuild (`created: false`), or a new one asked for now in the next generation. */
  request(requestedBy: string, at: string): Promise<{ record: RebuildRecord; created: boolean }>;
  /** Saves a rebuild's progress; false when a runner with a larger fencing token has taken it over. */
  save(record: RebuildRecord): Promise<boolean>;
}

export const REBUILD_LOG = Symbol('REBUILD_LOG');

export class InMemoryRebuildLog implements RebuildLog {
  private readonly records: RebuildRecord[] = [];

  async latest(): Promise<RebuildRecord | undefined> {
    const last = this.records.at(-1);
    return last && { ...last };
  }

  async request(requestedBy: string, at: string): Promise<{ record: RebuildRecord; created: boolean }> {
    const last = this.records.at(-1);
    if (last && isOpen(last)) return { record: { ...last }, created: false };
    const record = requestedRebuild((last?.generation ?? 0) + 1, requestedBy, at);
    this.records.push(record);
    return { record: { ...record }, created: true };
  }

  async save(record: RebuildRecord): Promise<boolean> {
    const i = this.records.findIndex((r) => r.generation === record.generation);
    if (i < 0 || (this.records[i].fence ?? 0) > (record.fence ?? 0)) return false;
    this.records[i] = { ...record };
    return true;
  }
}
