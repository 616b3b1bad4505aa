import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JsonLogger, RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { READ_MODEL_VERSIONS, type ReadModelVersions } from '@rung/projections';
import { AnalyticsReader } from './analytics-reader';

const JOB = 'read-model-watch';

/**
 * How a query instance hears of changes made in other processes (§9): the projector moves a version
 * per organisation in MongoDB whenever it changes that organisation's timelines, and every query
 * instance reads those versions every READ_MODEL_POLL_MS, dropping its cached views of each
 * organisation whose version moved. One small read per interval, whatever the number of events.
 * On the embedded store everything happens in one process and the in-process bus carries every change
 * (appends, erasures, rebuilds), so the watch does not run: it would only drop views a second time.
 */
@Injectable()
export class ReadModelWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private seen: ReadonlyMap<string, number> | null = null;
  private failing = false;

  constructor(
    @Inject(READ_MODEL_VERSIONS) private readonly versions: ReadModelVersions,
    private readonly reader: AnalyticsReader,
    private readonly scheduler: SchedulerRegistry,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.versions.shared) return;
    await this.poll();
    const timer = setInterval(() => void this.poll(), this.config.readModelPollMs);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
  }

  /** One read of the versions; returns the organisations whose views were dropped. */
  async poll(): Promise<string[]> {
    let now: ReadonlyMap<string, number>;
    try {
      now = await this.versions.all();
    } catch (error) {
      if (!this.failing) this.logger.event('warn', 'read-model versions unreadable; cached views may lag until they are read again', { error: (error as Error).name });
      this.failing = true;
      return [];
    }
    this.failing = false;
    const changed = this.seen === null ? [] : [...now].filter(([org, v]) => this.seen?.get(org) !== v).map(([org]) => org);
    for (const org of changed) this.reader.invalidate(org);
    this.seen = now;
    return changed;
  }
}
