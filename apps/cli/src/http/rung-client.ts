/** One result of POST /v1/events (SPEC §7a). */
export interface EventResult {
  eventId: string | null;
  status: 'stored' | 'duplicate' | 'rejected';
  errors?: Array<{ path: string; message: string }>;
}

export interface RetryPolicy {
  /** Give up after failing for this long without a success in between. */
  retryForMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retryForMs: 300_000, firstDelayMs: 250, maxDelayMs: 10_000 };

/** The server refused the request for a reason that retrying cannot fix (a bad key, a malformed body). */
export class FatalHttpError extends Error {}

type Attempt = { kind: 'done'; results: EventResult[] } | { kind: 'retry'; reason: string } | { kind: 'split' };

/**
 * Posts batches of events to Rung. Transient failures (connection refused or reset, 429, 5xx) are
 * retried with exponential backoff; a 413 splits the batch in two. Resending is safe: Rung stores
 * each eventId once and reports a resend as `duplicate`.
 */
export class RungClient {
  private readonly endpoint: string;

  constructor(
    baseUrl: string,
    private readonly apiKey?: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly onRetry: (reason: string, delayMs: number) => void = () => undefined,
  ) {
    this.endpoint = new URL('/v1/events', baseUrl).toString();
  }

  async postBatch(events: readonly unknown[]): Promise<EventResult[]> {
    let delay = this.retry.firstDelayMs;
    const failingSince = Date.now();
    for (;;) {
      const attempt = await this.attempt(events);
      if (attempt.kind === 'done') return attempt.results;
      if (attempt.kind === 'split') return this.split(events);
      if (Date.now() - failingSince + delay > this.retry.retryForMs) {
        throw new Error(`giving up after ${Math.round((Date.now() - failingSince) / 1000)} s of failures: ${attempt.reason}`);
      }
      this.onRetry(attempt.reason, delay);
      await sleep(delay);
      delay = Math.min(this.retry.maxDelayMs, delay * 2);
    }
  }

  private async split(events: readonly unknown[]): Promise<EventResult[]> {
    if (events.length === 1) {
      return [{ eventId: eventIdOf(events[0]), status: 'rejected', errors: [{ path: '', message: 'the event is larger than the server accepts' }] }];
    }
    const half = Math.ceil(events.length / 2);
    return [...(await this.postBatch(events.slice(0, half))), ...(await this.postBatch(events.slice(half)))];
  }

  private async attempt(events: readonly unknown[]): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST', headers: this.headers(), body: JSON.stringify({ events }), signal: AbortSignal.timeout(120_000),
      });
    } catch (error) {
      return { kind: 'retry', reason: networkReason(error) };
    }
    const body = await response.text();
    if (response.status === 200 || response.status === 422) return { kind: 'done', results: parseResults(body, events.length) };
    if (response.status === 413) return { kind: 'split' };
    if (response.status === 429 || response.status >= 500) return { kind: 'retry', reason: `HTTP ${response.status}` };
    throw new FatalHttpError(`POST ${this.endpoint} answered ${response.status}: ${problemDetail(body)}`);
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    return headers;
  }
}

function parseResults(body: string, expected: number): EventResult[] {
  const parsed = JSON.parse(body) as { results?: EventResult[] };
  if (!Array.isArray(parsed.results) || parsed.results.length !== expected) {
    throw new FatalHttpError(`the server answered ${parsed.results?.length ?? 'no'} results for ${expected} events`);
  }
  return parsed.results;
}

function problemDetail(body: string): string {
  try {
    const problem = JSON.parse(body) as { title?: string; detail?: string };
    return [problem.title, problem.detail].filter(Boolean).join(': ') || body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function eventIdOf(event: unknown): string | null {
  const id = (event as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' ? id : null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
