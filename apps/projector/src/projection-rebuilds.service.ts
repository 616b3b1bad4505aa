import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CLOCK, JsonLogger, type Clock } from '@rung/platform';
import {
  isOpen, JOB_LEASE, leaseHolder, REBUILD_LOG, SUBJECT_TIMELINE_STORE, SubjectTimelineProjector, TimelineRebuild, TimelinesRebuilt,
  type JobLease, type RebuildLog, type RebuildRecord, type SubjectTimelineStore,
} from '@rung/projections';

const JOB = 'projection-rebuild';
const POLL = 'projection-rebuild-poll';
/** The lease is renewed at every progress save, so it lapses soon after its holder dies and another resumes. */
const LEASE_MS = 60_000;
const POLL_MS = 2_000;

/**
 * Runs the rebuilds asked for in the rebuild log: one of empty timelines at start, or one asked for
 * through the admin API. One instance at a time holds the rebuild's lease; whoever holds it next
 * resumes an interrupted rebuild from what it wrote.
 */
@Injectable()
export class ProjectionRebuilds implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly holder = leaseHolder();
  private running: Promise<RebuildRecord | null> | null = null;
  private toldWaiting = 0;

  constructor(
    private readonly rebuild: TimelineRebuild,
    private readonly projector: SubjectTimelineProjector,
    @Inject(REBUILD_LOG) private readonly log: RebuildLog,
    @Inject(SUBJECT_TIMELINE_STORE) private readonly timelines: SubjectTimelineStore,
    @Inject(JOB_LEASE) private readonly lease: JobLease,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scheduler: SchedulerRegistry,
    private readonly logger: JsonLogger,
    private readonly bus: EventBus,
  ) {}

  /** Empty timelines (a new deployment, a dropped collection) are rebuilt before the projector serves. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.timelines.count()) === 0) await this.log.request('start', this.clock().toISOString());
    await this.runOpen();
    const timer = setInterval(() => void this.runOpen(), POLL_MS);
    timer.unref();
    this.scheduler.addInterval(POLL, timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', POLL)) this.scheduler.deleteInterval(POLL);
  }

  /** Runs the open rebuild when this instance gets its lease; null when there is none, another runs it, or it stopped. */
  runOpen(): Promise<RebuildRecord | null> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runOnce(): Promise<RebuildRecord | null> {
    const open = await this.log.latest().catch(() => undefined);
    if (!open || !isOpen(open)) return null;
    const renew = async (): Promise<number | null> => (await this.lease.tryAcquire(JOB, this.holder, LEASE_MS, this.clock()))?.fence ?? null;
    if ((await renew().catch(() => null)) === null) {
      if (this.toldWaiting !== open.generation) this.logger.event('info', 'another instance is rebuilding the projections', { job: JOB, generation: open.generation });
      this.toldWaiting = open.generation;
      return null;
    }
    const started = Date.now();
    try {
      const done = await this.rebuild.run(open, { now: this.clock, keepLease: renew });
      const ms = Date.now() - started;
      this.bus.publish(new TimelinesRebuilt(done.generation));
      const caughtUp = await this.projector.catchUp();
      this.logger.event('info', 'projections rebuilt', {
        generation: done.generation, requestedBy: done.requestedBy, events: done.eventsRead, streams: done.streams, runs: done.runs, ms, caughtUp, catchUpMs: Date.now() - started - ms,
      });
      return done;
    } catch (error) {
      this.logger.event('error', 'projection rebuild stopped; it resumes from its progress', { generation: open.generation, error: (error as Error).message });
      return null;
    } finally {
      await this.lease.release(JOB, this.holder).catch(() => undefined);
    }
  }
}
