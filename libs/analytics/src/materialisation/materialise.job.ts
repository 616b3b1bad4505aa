import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CLOCK, JsonLogger, RUNG_CONFIG, type Clock, type RungConfig } from '@rung/platform';
import { JOB_LEASE, leaseHolder, type JobLease } from '@rung/projections';
import { StudyReports } from '../studies/study-reports.service';
import { AnalyticsReader } from './analytics-reader';

const JOB = 'analytics-materialise';
const FREEZE = 'checkpoint-freeze';
/** The freezing lease outlives several ticks, so that a holder that is merely slow keeps it; a dead one loses it after this many. */
const FREEZE_LEASE_TICKS = 10;

export interface MaterialiseSummary {
  studies: number;
  checkpointsFrozen: number;
  checkpointsFailed: number;
  refreshed: number;
  ms: number;
}

/**
 * The scheduled materialisation (§9), every ANALYTICS_MATERIALISE_SECONDS:
 * 1. materialise today's report of every study;
 * 2. freeze every checkpoint that has come due, on the one instance holding the freezing lease;
 * 3. refresh the most recently read trajectories, indicators and trends.
 * Changes made in other processes reach the cache through ReadModelWatch, not through this job.
 *
 * Runs never overlap within a process. Across instances, each materialises into its own in-memory
 * cache (steps 1 and 3 serve its own readers), while freezing runs on one instance at a time. Freezing
 * is also write-once in the checkpoint store (the first insert wins; a later one reads the stored
 * one), so a checkpoint frozen on read elsewhere can never be published with other figures.
 */
@Injectable()
export class MaterialiseJob implements OnApplicationBootstrap, OnModuleDestroy {
  private running: Promise<MaterialiseSummary | null> | null = null;
  private readonly holder = leaseHolder();

  constructor(
    private readonly reader: AnalyticsReader,
    private readonly studies: StudyReports,
    private readonly scheduler: SchedulerRegistry,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    private readonly logger: JsonLogger,
    @Inject(JOB_LEASE) private readonly lease: JobLease,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.analyticsMaterialiseSeconds;
    if (seconds <= 0) return;
    const timer = setInterval(() => void this.run(), seconds * 1000);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
  }

  /** One run; a run asked for while one is going joins it. */
  run(): Promise<MaterialiseSummary | null> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runOnce(): Promise<MaterialiseSummary | null> {
    const started = Date.now();
    try {
      const studies = await this.studies.materialiseAll();
      const { frozen: checkpointsFrozen, failed: checkpointsFailed } = await this.freezeIfHolder();
      let refreshed = 0;
      for (const refresh of this.reader.hotRefreshes()) {
        await refresh().then(() => (refreshed += 1), () => undefined);
      }
      const summary = { studies, checkpointsFrozen, checkpointsFailed, refreshed, ms: Date.now() - started };
      this.logger.event(checkpointsFailed ? 'warn' : 'debug', 'analytics materialised', { ...summary });
      return summary;
    } catch (error) {
      this.logger.event('error', 'analytics materialisation failed', { error: (error as Error).name });
      return null;
    }
  }

  private async freezeIfHolder(): Promise<{ frozen: number; failed: number }> {
    const ttlMs = this.config.analyticsMaterialiseSeconds * 1000 * FREEZE_LEASE_TICKS;
    if (!(await this.lease.tryAcquire(FREEZE, this.holder, ttlMs, this.clock()))) return { frozen: 0, failed: 0 };
    return this.studies.freezeDue();
  }
}
