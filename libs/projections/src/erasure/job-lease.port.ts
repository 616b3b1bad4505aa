/** Who may run a scheduled job now, when several instances share one store. */
export interface JobLease {
  /** True when `holder` holds the lease `name` until now + ttlMs: it was free, expired, or already theirs. */
  tryAcquire(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
}

export const JOB_LEASE = Symbol('JOB_LEASE');

/** The embedded store: one process owns its DATA_DIR, so it always holds the lease. */
export class InProcessJobLease implements JobLease {
  async tryAcquire(): Promise<boolean> {
    return true;
  }
}
