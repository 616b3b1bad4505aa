import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** A lease granted: its fencing token grows with every grant, so a later holder always has a larger one. */
export interface LeaseGrant {
  fence: number;
}

/** One line of the lease log: who was granted a job's lease, with which token, when. */
export interface LeaseLogEntry {
  job: string;
  holder: string;
  fence: number;
  at: string;
}

/** Who may run a scheduled job now, when several instances share one store. */
export interface JobLease {
  /** A grant when `holder` holds the lease `name` until now + ttlMs (it was free, expired, or already theirs); null when another holds it. Every grant is logged. */
  tryAcquire(name: string, holder: string, ttlMs: number, now: Date): Promise<LeaseGrant | null>;
  /** Gives the lease up before it lapses (a job that ran once, like a rebuild at start); a lease held by another is left alone. */
  release(name: string, holder: string): Promise<void>;
  /** The grants of one job, oldest first. */
  log(name: string): Promise<LeaseLogEntry[]>;
}

export const JOB_LEASE = Symbol('JOB_LEASE');

/** The embedded store: one process owns its DATA_DIR, so it is always granted the lease. */
export class InProcessJobLease implements JobLease {
  private readonly grants: LeaseLogEntry[] = [];

  async tryAcquire(name: string, holder: string, _ttlMs: number, now: Date): Promise<LeaseGrant> {
    const fence = this.grants.filter((g) => g.job === name).length + 1;
    this.grants.push({ job: name, holder, fence, at: now.toISOString() });
    if (this.grants.length > 10_000) this.grants.splice(0, 5_000);
    return { fence };
  }

  async release(): Promise<void> {}

  async log(name: string): Promise<LeaseLogEntry[]> {
    return this.grants.filter((g) => g.job === name);
  }
}

/** A holder name unique to this instance (two apps in one process are two holders). */
export function leaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}
