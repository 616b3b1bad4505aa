import { createServer } from 'node:net';
import { startFakeRung, type FakeRung } from '@rung/testing';
import { FatalHttpError, RungClient } from './rung-client';

const FAST = { retryForMs: 5_000, firstDelayMs: 5, maxDelayMs: 20 };
const events = (n: number, type = 'EmployeeLeft'): Array<Record<string, unknown>> =>
  Array.from({ length: n }, (_, i) => ({ eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type }));

describe('RungClient', () => {
  let fake: FakeRung;
  beforeEach(async () => {
    fake = await startFakeRung({ maxBatch: 4 });
  });
  afterEach(() => fake.close());

  it('retries 503, 500 and 429 with backoff, then returns the results', async () => {
    fake.failNext(503, 500, 429);
    const retries: string[] = [];
    const client = new RungClient(fake.url, undefined, FAST, (reason) => retries.push(reason));
    const results = await client.postBatch(events(3));
    expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    expect(retries).toEqual(['HTTP 503', 'HTTP 500', 'HTTP 429']);
  });

  it('reports rejected events of a 422 without retrying', async () => {
    const results = await new RungClient(fake.url, undefined, FAST).postBatch([...events(1), ...events(1, 'Bad').map((e) => ({ ...e, eventId: 'x' }))]);
    expect(results.map((r) => r.status)).toEqual(['stored', 'rejected']);
    expect(fake.batches).toHaveLength(1);
  });

  it('splits a batch the server finds too large, keeping the order of results', async () => {
    const results = await new RungClient(fake.url, undefined, FAST).postBatch(events(10));
    expect(results.map((r) => r.eventId)).toEqual(events(10).map((e) => e.eventId));
    expect(fake.batches.map((b) => b.length)).toEqual([3, 2, 3, 2]);
  });

  it('fails at once on a refusal that retrying cannot fix, such as 401', async () => {
    fake.failNext(401);
    await expect(new RungClient(fake.url, 'key', FAST).postBatch(events(1))).rejects.toThrow(FatalHttpError);
  });

  it('retries while nothing listens, and gives up after its time', async () => {
    const port = await freePort();
    const retries: string[] = [];
    const client = new RungClient(`http://127.0.0.1:${port}`, undefined, { retryForMs: 100, firstDelayMs: 10, maxDelayMs: 20 }, (r) => retries.push(r));
    await expect(client.postBatch(events(1))).rejects.toThrow(/giving up after .* ECONNREFUSED/);
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toBe('ECONNREFUSED');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
