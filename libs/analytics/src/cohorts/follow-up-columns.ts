import type { CompetingStatus } from '@rung/stats';
import type { FollowUp } from './follow-up';

/**
 * Follow-ups as two typed columns: a tenth of the memory of as many objects, nothing for the garbage
 * collector to copy while a scan collects them, and movable to a worker thread without a copy.
 */
export interface PackedFollowUps {
  times: Float64Array;
  statuses: Uint8Array;
  /** Each member's record key, for protected answers' cell keys (0 where an exact answer needs none). */
  keys: Uint32Array;
}

/** Follow-ups with their members' record keys (status codes: 0 censored, 1 event, 2 competing). */
export type KeyedFollowUps = PackedFollowUps;

const STATUSES: readonly CompetingStatus[] = ['censored', 'event', 'competing'];
const CODES: Record<CompetingStatus, number> = { censored: 0, event: 1, competing: 2 };

/** Follow-ups collected one at a time into typed columns that grow as needed. */
export class FollowUpColumns {
  private times = new Float64Array(256);
  private statuses = new Uint8Array(256);
  private keys = new Uint32Array(256);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(f: FollowUp, recordKey = 0): void {
    if (this.count === this.times.length) this.grow();
    this.times[this.count] = f.time;
    this.statuses[this.count] = CODES[f.status];
    this.keys[this.count] = recordKey;
    this.count += 1;
  }

  /** The columns cut to length, in buffers of their own. */
  packed(): PackedFollowUps {
    return { times: this.times.slice(0, this.count), statuses: this.statuses.slice(0, this.count), keys: this.keys.slice(0, this.count) };
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const statuses = new Uint8Array(this.statuses.length * 2);
    const keys = new Uint32Array(this.keys.length * 2);
    times.set(this.times);
    statuses.set(this.statuses);
    keys.set(this.keys);
    this.times = times;
    this.statuses = statuses;
    this.keys = keys;
  }
}

export function packFollowUps(list: readonly FollowUp[]): PackedFollowUps {
  const columns = new FollowUpColumns();
  for (const f of list) columns.push(f);
  return columns.packed();
}

export function unpackFollowUps({ times, statuses }: PackedFollowUps): FollowUp[] {
  const list = new Array<FollowUp>(times.length);
  for (let i = 0; i < times.length; i++) list[i] = { time: times[i], status: STATUSES[statuses[i]] };
  return list;
}
