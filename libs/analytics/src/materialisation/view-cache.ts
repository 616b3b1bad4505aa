/**
 * Materialised views, least recently used first out, indexed by the organisations each depends on
 * so that a change to one organisation drops exactly its views.
 */
export class ViewCache<V> {
  private readonly entries = new Map<string, { value: V; orgIds: readonly string[] }>();
  private readonly byOrg = new Map<string, Set<string>>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, orgIds: readonly string[]): void {
    this.delete(key);
    this.entries.set(key, { value, orgIds });
    for (const org of orgIds) {
      let set = this.byOrg.get(org);
      if (!set) {
        set = new Set();
        this.byOrg.set(org, set);
      }
      set.add(key);
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  /** Drops every view that depends on the organisation; returns how many. */
  invalidateOrg(orgId: string): number {
    const keys = [...(this.byOrg.get(orgId) ?? [])];
    keys.forEach((key) => this.delete(key));
    return keys.length;
  }

  clear(): void {
    this.entries.clear();
    this.byOrg.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  values(): Array<{ key: string; value: V; orgIds: readonly string[] }> {
    return [...this.entries].map(([key, e]) => ({ key, ...e }));
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const org of entry.orgIds) {
      const set = this.byOrg.get(org);
      set?.delete(key);
      if (set && set.size === 0) this.byOrg.delete(org);
    }
  }
}
