/** An appended stream as the materialiser needs it: whose it is, and its version after the append. */
export interface AppendedStream {
  streamId: string;
  orgId: string;
  version: number;
}

/**
 * Per-organisation data versions. Every append bumps the version of the organisations it touches,
 * so a cached figure keyed by the versions of its organisations is never served after an input
 * changed, while figures of other organisations stay cached. Appended streams stay pending until
 * their timelines are known to be current; readers settle the pending streams of their
 * organisations before computing, so nothing is computed from a timeline that lags its stream.
 */
export class DataVersions {
  private readonly versions = new Map<string, number>();
  private readonly pending = new Map<string, AppendedStream>();
  private readonly pendingByOrg = new Map<string, Set<string>>();
  private epoch = 0;

  /** Records an append; returns the organisations whose version moved. */
  recorded(streams: readonly AppendedStream[]): string[] {
    const orgs = new Set<string>();
    for (const s of streams) {
      orgs.add(s.orgId);
      const known = this.pending.get(s.streamId);
      if (!known || known.version < s.version) this.pending.set(s.streamId, s);
      let set = this.pendingByOrg.get(s.orgId);
      if (!set) {
        set = new Set();
        this.pendingByOrg.set(s.orgId, set);
      }
      set.add(s.streamId);
    }
    for (const org of orgs) this.bump(org);
    return [...orgs];
  }

  /** Marks an organisation's data as changed by some other path (an erasure, a rebuild, a reconciliation). */
  bump(orgId: string): void {
    this.versions.set(orgId, (this.versions.get(orgId) ?? 0) + 1);
  }

  /** Marks everything as changed. */
  bumpAll(): void {
    this.epoch += 1;
  }

  versionOf(orgId: string): number {
    return this.versions.get(orgId) ?? 0;
  }

  /** A cache key part naming the versions of some organisations. */
  keyFor(orgIds: readonly string[]): string {
    return `${this.epoch}|${[...orgIds].sort().map((o) => `${o}@${this.versionOf(o)}`).join(',')}`;
  }

  pendingFor(orgIds: readonly string[]): AppendedStream[] {
    const out: AppendedStream[] = [];
    for (const org of orgIds) {
      for (const id of this.pendingByOrg.get(org) ?? []) {
        const s = this.pending.get(id);
        if (s) out.push(s);
      }
    }
    return out;
  }

  allPending(): AppendedStream[] {
    return [...this.pending.values()];
  }

  pendingCount(): number {
    return this.pending.size;
  }

  /** The stream's timeline has reached `version`; it stops being pending unless a later append is. */
  settled(streamId: string, version: number): void {
    const s = this.pending.get(streamId);
    if (!s || s.version > version) return;
    this.pending.delete(streamId);
    const set = this.pendingByOrg.get(s.orgId);
    set?.delete(streamId);
    if (set && set.size === 0) this.pendingByOrg.delete(s.orgId);
  }
}
