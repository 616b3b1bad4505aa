import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRung {
  url: string;
  /** Every batch it answered 200 or 422 to, in arrival order. */
  batches: Array<Array<Record<string, unknown>>>;
  stored: Set<string>;
  /** Answers the next requests with these statuses before behaving normally again. */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

/**
 * A stand-in for POST /v1/events: stores each eventId once, reports a resend as duplicate, and
 * rejects events whose type is 'Bad'. For the CLI's unit tests; the e2e tests use the real app.
 */
export async function startFakeRung(options: { maxBatch?: number } = {}): Promise<FakeRung> {
  const failures: number[] = [];
  const fake = { batches: [] as FakeRung['batches'], stored: new Set<string>() };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const failure = failures.shift();
      const events = (JSON.parse(body) as { events: Array<Record<string, unknown>> }).events;
      const status = failure ?? (events.length > (options.maxBatch ?? 1000) ? 413 : 200);
      if (status !== 200) {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status, title: 'fake failure' }));
        return;
      }
      fake.batches.push(events);
      const results = events.map((e) => {
        const eventId = e.eventId as string;
        if (e.type === 'Bad') return { eventId, status: 'rejected', errors: [{ path: 'type', message: 'must be one of: …' }] };
        if (fake.stored.has(eventId)) return { eventId, status: 'duplicate' };
        fake.stored.add(eventId);
        return { eventId, status: 'stored' };
      });
      const rejected = results.filter((r) => r.status === 'rejected').length;
      res.writeHead(rejected ? 422 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...fake,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failNext: (...statuses) => failures.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
