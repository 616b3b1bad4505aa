import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CareerEvent } from '@rung/contracts';
import { InOrderPipeline } from '../http/in-order-pipeline';
import { RetractionOrder } from '../http/retraction-order';
import type { EventResult, RungClient } from '../http/rung-client';

export interface SinkReport {
  sent: number;
  accepted?: number;
  duplicates?: number;
  rejected?: number;
  /** The first few rejections, which would mean the simulator and the contract disagree. */
  rejections?: EventResult[];
}

/** Where simulated events go, one month's batch at a time. */
export interface EventSink {
  write(events: readonly CareerEvent[]): Promise<void>;
  close(): Promise<SinkReport>;
}

/** One event a line, in arrival order; waits for the stream to drain so memory stays flat. */
export class NdjsonSink implements EventSink {
  private sent = 0;

  constructor(private readonly out: Writable, private readonly closeStream: boolean) {}

  async write(events: readonly CareerEvent[]): Promise<void> {
    if (!events.length) return;
    this.sent += events.length;
    if (!this.out.write(events.map((e) => `${JSON.stringify(e)}\n`).join(''))) await once(this.out, 'drain');
  }

  async close(): Promise<SinkReport> {
    if (this.closeStream) {
      this.out.end();
      await once(this.out, 'finish');
    }
    return { sent: this.sent };
  }
}

/** POST /v1/events in batches, several at once, counting what Rung stored. */
export class HttpSink implements EventSink {
  private pending: CareerEvent[] = [];
  private readonly report: Required<SinkReport> = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, rejections: [] };
  private readonly pipeline: InOrderPipeline<{ batch: CareerEvent[]; results: EventResult[] }>;
  private readonly order = new RetractionOrder();
  /** Retractions whose targets' batches are not yet acknowledged; they go with a later batch. */
  private held: CareerEvent[] = [];

  constructor(
    private readonly client: RungClient,
    private readonly batchSize: number,
    concurrency: number,
    private readonly onBatch: (report: SinkReport) => void = () => undefined,
  ) {
    this.pipeline = new InOrderPipeline(concurrency, ({ batch, results }) => {
      this.order.acknowledged(batch);
      this.release();
      this.tally(results);
    });
  }

  async write(events: readonly CareerEvent[]): Promise<void> {
    this.pending.push(...events);
    while (this.pending.length >= this.batchSize) await this.send(this.pending.splice(0, this.batchSize));
  }

  async close(): Promise<SinkReport> {
    while (this.pending.length || this.held.length) {
      if (this.pending.length) await this.send(this.pending.splice(0));
      await this.pipeline.drain();
    }
    return this.report;
  }

  private async send(events: CareerEvent[]): Promise<void> {
    const { ready, held } = this.order.partition(events);
    this.held.push(...held);
    if (!ready.length) return;
    this.order.sent(ready);
    await this.pipeline.push(async () => ({ batch: ready, results: await this.client.postBatch(ready) }));
  }

  /** Held retractions whose targets are now acknowledged join the events waiting to be sent. */
  private release(): void {
    if (!this.held.length) return;
    const { ready, held } = this.order.partition(this.held);
    this.held = held;
    this.pending.push(...ready);
  }

  private tally(results: EventResult[]): void {
    for (const r of results) {
      this.report.sent += 1;
      if (r.status === 'stored') this.report.accepted += 1;
      else if (r.status === 'duplicate') this.report.duplicates += 1;
      else {
        this.report.rejected += 1;
        if (this.report.rejections.length < 5) this.report.rejections.push(r);
      }
    }
    this.onBatch(this.report);
  }
}
