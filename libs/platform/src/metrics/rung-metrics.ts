import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a request tells the metrics when it ends: its route pattern, never its URL. */
export interface FinishedRequest {
  method: string;
  route: string;
  status: number;
  seconds: number;
}

/**
 * The process's Prometheus metrics, in a registry of its own (one per app, so that several apps in
 * one test process do not share counters). Modules add what they know: counters they move, and
 * gauges read when scraped.
 */
@Injectable()
export class RungMetrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'rung_http_request_duration_seconds', help: 'HTTP requests by route pattern, method and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });
  readonly events = new Counter({
    name: 'rung_events_total', help: 'career events received, by transport and result (stored, duplicate, rejected, dead-lettered)',
    labelNames: ['transport', 'result'], registers: [this.registry],
  });
  readonly auditEntries = new Counter({ name: 'rung_audit_entries_total', help: 'audit entries made durable', registers: [this.registry] });
  readonly notModifiedReplays = new Counter({
    name: 'rung_http_not_modified_replays_total', help: '304 answers to a repeated conditional GET, replayed ahead of the framework', registers: [this.registry],
  });
  readonly analyticsViews = new Counter({
    name: 'rung_analytics_views_total', help: 'analytics views asked for: served from the cache (hit), shared with a computation under way (joined) or computed',
    labelNames: ['result'], registers: [this.registry],
  });

  /** Counts a batch's results: how many of its events were stored, duplicates or rejected. */
  eventsRecorded(transport: 'http' | 'kafka', report: { accepted: number; duplicates: number; rejected: number }): void {
    this.events.inc({ transport, result: 'stored' }, report.accepted);
    this.events.inc({ transport, result: 'duplicate' }, report.duplicates);
    this.events.inc({ transport, result: 'rejected' }, report.rejected);
  }

  requestFinished(r: FinishedRequest): void {
    this.requests.observe({ method: r.method, route: r.route, status: String(r.status) }, r.seconds);
  }

  /** A gauge read at each scrape. */
  gauge(name: string, help: string, read: () => number | Promise<number>): void {
    new Gauge({
      name, help, registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
