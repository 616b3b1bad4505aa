import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CLOCK, JsonLogger, RUNG_CONFIG, type Clock, type RungConfig } from '@rung/platform';
import { JOB_LEASE, leaseHolder, type JobLease } from '../leases/job-lease.port';
import type { RetentionPlan } from './retention-plan';
import { Retention } from './retention.service';

const JOB = 'retention';

/**
 * The scheduled retention run, every RETENTION_RUN_HOURS while RETENTION_YEARS_AFTER_EXIT is set.
 * Instances sharing a store each tick, but only the holder of the lease runs; the lease lasts one
 * period, so its holder keeps it by renewing each tick, and another instance takes over once it lapses.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly holder = leaseHolder();
  private running: Promise<RetentionPlan | null> | null = null;

  constructor(
    private readonly retention: Retention,
    @Inject(JOB_LEASE) private readonly lease: JobLease,
    private readonly scheduler: SchedulerRegistry,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retentionYearsAfterExit === undefined) return;
    const timer = setInterval(() => void this.tick(this.clock()), this.periodMs);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
  }

  /** One tick as of `now`: the run's plan, or null when retention is off, another instance holds the lease, or it failed. */
  tick(now: Date): Promise<RetentionPlan | null> {
    this.running ??= this.runOnce(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private get periodMs(): number {
    return this.config.retentionRunHours * 3_600_000;
  }

  private async runOnce(now: Date): Promise<RetentionPlan | null> {
    if (this.config.retentionYearsAfterExit === undefined) return null;
    try {
      if (!(await this.lease.tryAcquire(JOB, this.holder, this.periodMs, now))) return null;
      const plan = await this.retention.run(now.toISOString().slice(0, 10));
      this.logger.event('info', 'retention ran', { erased: plan.total, years: plan.years, asOf: plan.asOf });
      return plan;
    } catch (error) {
      this.logger.event('error', 'retention failed; it runs again at the next tick', { error: (error as Error).message });
      return null;
    }
  }
}
