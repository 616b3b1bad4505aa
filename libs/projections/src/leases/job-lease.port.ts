import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
/** Who may run a scheduled job now, when several instances share one store. */
export interface JobLease {
  /** True when `holder` holds the lease `name` until now + ttlMs: it was free, expired, or already theirs. */
  tryAcquire(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Gives the lease up before it lapses (a job that ran once, like a rebuild at start); a lease held by another is left alone. */
  release(name: string, holder: string): Promise<void>;
}

export const JOB_LEASE = Symbol('JOB_LEASE');

/** The embedded store: one process owns its DATA_DIR, so it always holds the lease. */
export class InProcessJobLease implements JobLease {
  async tryAcquire(): Promise<boolean> {
    return true;
  }

  async release(): Promise<void> {}
}

/** A holder name unique to this instance (two apps in one process are two holders). */
export function leaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}
