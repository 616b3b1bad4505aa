/** Which view an entry is, and as of which date: a view keeps at most a few dates in memory. */
export interface AsOfView {
  view: string;
  asOf: string;
}

interface Entry<V> {
  value: V;
  orgIds: readonly string[];
  asOf?: AsOfView;
}

/**
 * Materialised views, least recently used first out, indexed by the organisations each depends on
 * so that a change to one organisation drops exactly its views. A view read as of many dates keeps
 * only its `maxAsOfPerView` most recently read dates, so varying `asOf` cannot grow memory.
 */
export class ViewCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byOrg = new Map<string, Set<string>>();
  /** view → asOf → keys, each map in order of last use. */
  private readonly byView = new Map<string, Map<string, Set<string>>>();

  constructor(
    private readonly maxEntries = 500,
    private readonly maxAsOfPerView = Number.POSITIVE_INFINITY,
    private readonly dropped: (value: V) => void = () => undefined,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (entry.asOf) this.touchAsOf(entry.asOf);
    return entry.value;
  }

  set(key: string, value: V, orgIds: readonly string[], asOf?: AsOfView): void {
    this.delete(key, value);
    this.entries.set(key, { value, orgIds, ...(asOf ? { asOf } : {}) });
    for (const org of orgIds) indexed(this.byOrg, org).add(key);
    if (asOf) this.addAsOf(key, asOf);
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
    for (const entry of this.entries.values()) this.dropped(entry.value);
    this.entries.clear();
    this.byOrg.clear();
    this.byView.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** The dates a view is kept as of, least recently read first. */
  asOfDates(view: string): string[] {
    return [...(this.byView.get(view)?.keys() ?? [])];
  }

  values(): Array<{ key: string; value: V; orgIds: readonly string[] }> {
    return [...this.entries].map(([key, e]) => ({ key, value: e.value, orgIds: e.orgIds }));
  }

  private addAsOf(key: string, { view, asOf }: AsOfView): void {
    const dates = this.byView.get(view) ?? new Map<string, Set<string>>();
    this.byView.set(view, dates);
    const keys = dates.get(asOf) ?? new Set<string>();
    dates.delete(asOf);
    dates.set(asOf, keys.add(key));
    while (dates.size > this.maxAsOfPerView) {
      const [, stale] = dates.entries().next().value as [string, Set<string>];
      [...stale].forEach((k) => this.delete(k));
    }
  }

  private touchAsOf({ view, asOf }: AsOfView): void {
    const dates = this.byView.get(view);
    const keys = dates?.get(asOf);
    if (!dates || !keys) return;
    dates.delete(asOf);
    dates.set(asOf, keys);
  }

  /** Removes the entry; its value counts as dropped unless it is the `replacement` about to be set again. */
  private delete(key: string, replacement?: V): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (entry.value !== replacement) this.dropped(entry.value);
    for (const org of entry.orgIds) unindex(this.byOrg, org, key);
    if (entry.asOf) {
      const dates = this.byView.get(entry.asOf.view);
      if (dates) unindex(dates, entry.asOf.asOf, key);
      if (dates?.size === 0) this.byView.delete(entry.asOf.view);
    }
  }
}

function indexed<K>(index: Map<K, Set<string>>, at: K): Set<string> {
  let set = index.get(at);
  if (!set) {
    set = new Set();
    index.set(at, set);
  }
  return set;
}

function unindex<K>(index: Map<K, Set<string>>, at: K, key: string): void {
  const set = index.get(at);
  set?.delete(key);
  if (set && set.size === 0) index.delete(at);
}
