import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, RUNG_CONFIG, RungMetrics, type Clock, type RungConfig } from '@rung/platform';
import { SUBJECT_TIMELINE_STORE, SubjectTimelineProjector, type SubjectTimeline, type SubjectTimelineStore } from '@rung/projections';
import { isoDateOfInstant } from '../common/days';
import { OrgFingerprints, type DataVersion } from '../common/fingerprint';
import { ColdGate } from '../limits/cold-gate';
import { analyticsLimits, type AnalyticsLimits } from '../limits/limits';
import { DataVersions, type AppendedStream } from './data-versions';
import { openEstimation, type Estimation } from './estimation-pool';
import type { EstimationJob } from './estimation-jobs';
import { Materialised, Serialised } from './materialised';
import { csvRepresentation, jsonRepresentation, type Representation } from './representation';
import { visitInSlices } from './slices';
import { ViewCache, type AsOfView } from './view-cache';

export { Materialised, Serialised } from './materialised';

export const DATA_VERSIONS = Symbol('DATA_VERSIONS');

/**
 * Walks the current timelines of some organisations once, fingerprinting what it saw; it hands the
 * event loop back every few milliseconds, so `visit` should do a bounded amount of work per timeline.
 */
export type TimelineScan = (visit: (timeline: SubjectTimeline) => void) => Promise<DataVersion>;

/** A view's name: everything it depends on but the data; as of a date, for views that keep only a few dates. */
export type ViewName = string | AsOfView;

const HOT_QUERIES = 100;
const DRAIN_MS = 50;
const IDLE_DRAIN_MS = 1000;

/**
 * The read path of every analytics view: views are computed from the current subject timelines
 * and cached under the data versions of the organisations they depend on, so that a repeated read
 * is a map lookup and an append to one organisation recomputes only that organisation's views.
 */
@Injectable()
export class AnalyticsReader implements OnModuleDestroy {
  /** The configured limits on what may be defined and computed. */
  readonly limits: AnalyticsLimits;
  private readonly cache: ViewCache<Materialised<unknown>>;
  /** The view each representation handed out was made from, to tell whether it is still current. */
  private readonly sources = new WeakMap<Representation, Materialised<unknown>>();
  private readonly inflight = new Map<string, Promise<Materialised<unknown>>>();
  private readonly hot = new Map<string, () => Promise<unknown>>();
  private readonly gate: ColdGate;
  private readonly estimation: Estimation;
  private drainTimer: NodeJS.Timeout | null = null;
  private draining = false;

  constructor(
    @Inject(SUBJECT_TIMELINE_STORE) private readonly timelines: SubjectTimelineStore,
    private readonly projector: SubjectTimelineProjector,
    @Inject(DATA_VERSIONS) readonly versions: DataVersions,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly metrics?: RungMetrics,
  ) {
    this.cache = new ViewCache(config.analyticsCacheEntries, config.analyticsCacheAsOfValues, (view) => {
      view.retired = true;
    });
    metrics?.gauge('rung_analytics_cached_views', 'analytics views held in the cache', () => this.cache.size);
    this.gate = new ColdGate(config.analyticsColdConcurrency, config.analyticsColdQueue);
    this.estimation = openEstimation(config.analyticsWorkers);
    this.limits = analyticsLimits(config);
  }

  /** The disclosure threshold k (§7). */
  get k(): number {
    return this.config.suppressionK;
  }

  /** Today's date, the default as-of date. */
  today(): string {
    return isoDateOfInstant(this.clock());
  }

  now(): string {
    return this.clock().toISOString();
  }

  /**
   * The view named `name` (everything it depends on but the data: ids, parameters, as-of date), as
   * of the current data of `orgIds`; computed at most once per data version, concurrent reads of a
   * view being computed sharing that computation.
   */
  async materialise<T>(name: ViewName, orgIds: readonly string[], compute: (scan: TimelineScan) => Promise<T | Serialised<T>>): Promise<Materialised<T>> {
    const asOf = typeof name === 'string' ? undefined : name;
    const key = `${asOf ? `${asOf.view}|${asOf.asOf}` : name}#${this.versions.keyFor(orgIds)}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.metrics?.analyticsViews.inc({ result: 'hit' });
      return cached as Materialised<T>;
    }
    const joined = this.inflight.get(key);
    this.metrics?.analyticsViews.inc({ result: joined ? 'joined' : 'computed' });
    if (joined) return joined as Promise<Materialised<T>>;
    const run = this.gate.run(() => this.compute(key, orgIds, compute, asOf)).finally(() => this.inflight.delete(key));
    this.inflight.set(key, run);
    return run as Promise<Materialised<T>>;
  }

  /** Estimates curves and tables over extracted follow-ups, on a worker thread when there is one. */
  async estimate<T>(job: EstimationJob): Promise<Serialised<T>> {
    return new Serialised<T>(await this.estimation.run(job));
  }

  /** The CSV of a materialised view, rendered once. */
  csvOf<T>(view: Materialised<T>, render: (value: T) => string, variant = 'csv'): Representation {
    let csv = view.csv.get(variant);
    if (!csv) {
      csv = csvRepresentation(render(view.value), view.json.cacheControl);
      view.csv.set(variant, csv);
      this.sources.set(csv, view);
    }
    return csv;
  }

  /**
   * Whether a representation this reader handed out is still what a read would give: its view is
   * still cached, so no input it depends on has changed since. False for any other representation.
   */
  isCurrent(rep: Representation): boolean {
    const view = this.sources.get(rep);
    return view !== undefined && !view.retired;
  }

  /** Remembers how to refresh a view, so the scheduled job keeps recently read views materialised. */
  remember(name: string, refresh: () => Promise<unknown>): void {
    this.hot.delete(name);
    this.hot.set(name, refresh);
    while (this.hot.size > HOT_QUERIES) this.hot.delete(this.hot.keys().next().value as string);
  }

  hotRefreshes(): Array<() => Promise<unknown>> {
    return [...this.hot.values()];
  }

  /** After an append: the organisations' versions move at once; their timelines are checked shortly. */
  recorded(streams: readonly AppendedStream[]): void {
    for (const org of this.versions.recorded(streams)) this.cache.invalidateOrg(org);
    this.scheduleDrain();
  }

  /** Drops every view (a rebuild switched in new timelines). */
  invalidateAll(): void {
    this.versions.bumpAll();
    this.cache.clear();
  }

  /** Drops an organisation's views (an erasure, or a change another process made). */
  invalidate(orgId: string): void {
    this.versions.bump(orgId);
    this.cache.invalidateOrg(orgId);
  }

  get cachedViews(): number {
    return this.cache.size;
  }

  /** The dates a view is cached as of, least recently read first. */
  cachedAsOf(view: string): string[] {
    return this.cache.asOfDates(view);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    await this.estimation.close();
  }

  private async compute<T>(
    key: string, orgIds: readonly string[], compute: (scan: TimelineScan) => Promise<T | Serialised<T>>, asOf: AsOfView | undefined,
  ): Promise<Materialised<T>> {
    await this.settle(orgIds);
    const fingerprints = new OrgFingerprints();
    const now = (): number => this.clock().getTime();
    const scan: TimelineScan = async (visit) => {
      await visitInSlices(this.timelines.scan({ orgIds }), (t) => {
        fingerprints.add(t);
        visit(t);
      }, now);
      return fingerprints.combined(orgIds);
    };
    const out = await compute(scan);
    const json = out instanceof Serialised ? out.json : jsonRepresentation(out);
    const view = new Materialised<T>(json, new Map(orgIds.map((org) => [org, fingerprints.of(org).fingerprint])));
    this.sources.set(json, view);
    this.cache.set(key, view, orgIds, asOf);
    return view;
  }

  /** Brings every pending timeline of these organisations level with its stream. */
  private async settle(orgIds: readonly string[]): Promise<void> {
    for (const s of this.versions.pendingFor(orgIds)) {
      const timeline = await this.projector.current(s.streamId);
      this.versions.settled(s.streamId, timeline?.version ?? s.version);
    }
  }

  private scheduleDrain(delay = DRAIN_MS): void {
    if (this.drainTimer || this.draining) return;
    this.drainTimer = setTimeout(() => void this.drain(), delay);
    this.drainTimer.unref();
  }

  /** Lets go of pending streams whose timelines the projector has caught up with. */
  private async drain(): Promise<void> {
    this.drainTimer = null;
    this.draining = true;
    const before = this.versions.pendingCount();
    try {
      for (const s of this.versions.allPending()) {
        if ((await this.timelines.versionOf(s.streamId)) >= s.version) this.versions.settled(s.streamId, s.version);
      }
    } catch {
      // the read path settles whatever is left
    } finally {
      this.draining = false;
    }
    const left = this.versions.pendingCount();
    if (left > 0) this.scheduleDrain(left < before ? DRAIN_MS : IDLE_DRAIN_MS);
  }
}
