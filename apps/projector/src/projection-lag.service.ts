import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JsonLogger, RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { JOB_LEASE, leaseHolder, SUBJECT_TIMELINE_STORE, SubjectTimelineProjector, type JobLease, type SubjectTimelineStore } from '@rung/projections';

const JOB = 'projection-lag-check';
const REBUILD = 'projection-rebuild';
/** Long enough for a rebuild of millions of events; it lapses on its own if its holder dies. */
const REBUILD_LEASE_MS = 30 * 60_000;

/**
 * Nothing acknowledged is missed: at start the projector rebuilds (empty read models) or catches up,
 * and then it looks for lagging streams on a schedule. Instances sharing one store (MongoDB) take
 * turns through leases, so that one rebuild never clears another's progress and one lag check runs
 * at a time; on the embedded store the one process always holds them.
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
    @Inject(JOB_LEASE) private readonly lease: JobLease,
  ) {}

  private readonly holder = leaseHolder();

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    if ((await this.timelines.count()) === 0) {
      if (await this.lease.tryAcquire(REBUILD, this.holder, REBUILD_LEASE_MS, new Date())) {
        try {
          const summary = await this.projector.rebuild();
          this.logger.event('info', 'projections rebuilt at start', { ...summary, ms: Date.now() - started, holder: this.holder });
        } finally {
          await this.lease.release(REBUILD, this.holder);
        }
      } else {
        this.logger.event('info', 'another instance is rebuilding the projections', { job: REBUILD });
      }
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
    if (!(await this.lease.tryAcquire(JOB, this.holder, this.config.projectionLagCheckSeconds * 1000, new Date()))) return 0;
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
