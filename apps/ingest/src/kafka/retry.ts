export const GAVE_UP = Symbol('gave-up');

export interface RetryPolicy {
  maxBackoffMs: number;
  /** True when retrying should stop (shutdown, or the partition was taken away): the caller commits nothing. */
  shouldGiveUp(): boolean;
  /** Called while waiting, so that a long outage does not get the consumer evicted. */
  heartbeat(): Promise<void>;
  /** Errors that retrying cannot cure: they are thrown at once. */
  isPermanent(error: unknown): boolean;
  onRetry(error: unknown, attempt: number, delayMs: number): void;
}

const FIRST_BACKOFF_MS = 100;
const WAIT_SLICE_MS = 100;

/** Runs `work` until it succeeds, waiting an exponentially growing, capped and jittered time between tries. */
export async function retryWithBackoff<T>(work: () => Promise<T>, policy: RetryPolicy): Promise<T | typeof GAVE_UP> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (policy.isPermanent(error)) throw error;
      const delayMs = backoffMs(attempt, policy.maxBackoffMs);
      policy.onRetry(error, attempt, delayMs);
      if (!(await waitHeartbeating(delayMs, policy))) return GAVE_UP;
    }
  }
}

/** Half the capped exponential delay, plus a random part of the other half, so that instances spread out. */
export function backoffMs(attempt: number, maxMs: number): number {
  const capped = Math.min(maxMs, FIRST_BACKOFF_MS * 2 ** Math.min(attempt - 1, 30));
  return Math.round(capped / 2 + (Math.random() * capped) / 2);
}

async function waitHeartbeating(ms: number, policy: RetryPolicy): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (policy.shouldGiveUp()) return false;
    await policy.heartbeat();
    await sleep(Math.min(WAIT_SLICE_MS, until - Date.now()));
  }
  return !policy.shouldGiveUp();
}

/**
 * Heartbeats on a timer while one long piece of work runs. A failed heartbeat (a rebalance) is ignored
 * here; the consumer learns of the rebalance at its next heartbeat that kafkajs does not skip as too
 * soon, or at its next fetch, so the rest of a fetched batch may be processed first.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>, heartbeat: () => Promise<void>, everyMs: number): Promise<T> {
  const timer = setInterval(() => void heartbeat().catch(() => undefined), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
