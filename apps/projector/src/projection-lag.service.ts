import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JsonLogger, RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { SUBJECT_TIMELINE_STORE, SubjectTimelineProjector, type SubjectTimelineStore } from '@rung/projections';

const JOB = 'projection-lag-check';

/**
 * Nothing acknowledged is missed: at start the projector rebuilds (empty read models) or catches up,
 * and then it looks for lagging streams on a schedule.
 */
@Injectable()
export class ProjectionLagService implements OnApplicationBootstrap, OnModuleDestroy {
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly projector: SubjectTimelineProjector,
    @Inject(SUBJECT_TIMELINE_STORE) private readonly timelines: SubjectTimelineStore,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    if ((await this.timelines.count()) === 0) {
      const summary = await this.projector.rebuild();
      this.logger.event('info', 'projections rebuilt at start', { ...summary, ms: Date.now() - started });
    } else {
      await this.checkLag();
    }
    const timer = setInterval(() => void this.checkLag(), this.config.projectionLagCheckSeconds * 1000);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
  }

  async checkLag(): Promise<number> {
    if (this.running) return 0;
    const run = this.projector.catchUp();
    this.running = run;
    try {
      const behind = await run;
      if (behind) this.logger.event('warn', 'lagging timelines caught up', { streams: behind });
      return behind;
    } catch (error) {
      this.logger.event('error', 'projection lag check failed', { error: (error as Error).name });
      return 0;
    } finally {
      this.running = null;
    }
  }
}
