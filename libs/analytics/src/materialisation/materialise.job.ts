import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JsonLogger, RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { StudyReports } from '../studies/study-reports.service';
import { AnalyticsReader } from './analytics-reader';

const JOB = 'analytics-materialise';

export interface MaterialiseSummary {
  reconciled: number;
  studies: number;
  checkpointsFrozen: number;
  checkpointsFailed: number;
  refreshed: number;
  ms: number;
}

/**
 * The scheduled materialisation (§9), every ANALYTICS_MATERIALISE_SECONDS:
 * 1. reconcile: drop cached views of organisations whose timelines changed by a path that
 *    published no in-process event (another process appended, a rebuild);
 * 2. materialise today's report of every study;
 * 3. freeze every checkpoint that has come due;
 * 4. refresh the most recently read trajectories, indicators and trends.
 *
 * Single-instance safety: runs never overlap within a process. Across instances, each instance
 * materialises into its own in-memory cache (idempotent, only duplicated work), and freezing is
 * write-once in the checkpoint store (the first insert wins; a later instance reads the stored one),
 * so two instances cannot publish different figures for one checkpoint (on MongoDB through the
 * _id index of analytics_checkpoints).
 */
@Injectable()
export class MaterialiseJob implements OnApplicationBootstrap, OnModuleDestroy {
  private running: Promise<MaterialiseSummary | null> | null = null;

  constructor(
    private readonly reader: AnalyticsReader,
    private readonly studies: StudyReports,
    private readonly scheduler: SchedulerRegistry,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    private readonly logger: JsonLogger,
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
      const reconciled = (await this.reader.reconcile()).length;
      const studies = await this.studies.materialiseAll();
      const { frozen: checkpointsFrozen, failed: checkpointsFailed } = await this.studies.freezeDue();
      let refreshed = 0;
      for (const refresh of this.reader.hotRefreshes()) {
        await refresh().then(() => (refreshed += 1), () => undefined);
      }
      const summary = { reconciled, studies, checkpointsFrozen, checkpointsFailed, refreshed, ms: Date.now() - started };
      this.logger.event(checkpointsFailed ? 'warn' : 'debug', 'analytics materialised', { ...summary });
      return summary;
    } catch (error) {
      this.logger.event('error', 'analytics materialisation failed', { error: (error as Error).name });
      return null;
    }
  }
}
