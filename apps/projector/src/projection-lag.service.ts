import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CLOCK, JsonLogger, RUNG_CONFIG, type Clock, type RungConfig } from '@rung/platform';
import { JOB_LEASE, leaseHolder, SubjectTimelineProjector, type JobLease } from '@rung/projections';

const JOB = 'projection-lag-check';

/**
 * Nothing acknowledged is missed: the projector looks for lagging streams at start and then on a
 * schedule. Instances sharing one store (MongoDB) take turns through a lease, so one lag check runs
 * at a time; on the embedded store the one process always holds it.
 */
@Injectable()
export class ProjectionLagService implements OnApplicationBootstrap, OnModuleDestroy {
  private running: Promise<number> | null = null;
  private readonly holder = leaseHolder();

  constructor(
    private readonly projector: SubjectTimelineProjector,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
    private readonly logger: JsonLogger,
    @Inject(JOB_LEASE) private readonly lease: JobLease,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.checkLag();
    const timer = setInterval(() => void this.checkLag(), this.config.projectionLagCheckSeconds * 1000);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
  }

  /** One check; one asked for while one is going joins it. */
  checkLag(): Promise<number> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async checkOnce(): Promise<number> {
    try {
      if (!(await this.lease.tryAcquire(JOB, this.holder, this.config.projectionLagCheckSeconds * 1000, this.clock()))) return 0;
      const behind = await this.projector.catchUp();
      if (behind) this.logger.event('warn', 'lagging timelines caught up', { streams: behind });
      return behind;
    } catch (error) {
      this.logger.event('error', 'projection lag check failed', { error: (error as Error).name });
      return 0;
    }
  }
}
