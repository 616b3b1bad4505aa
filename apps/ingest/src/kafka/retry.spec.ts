import { DomainError } from '@rung/domain';
import { GAVE_UP, backoffMs, retryWithBackoff, type RetryPolicy } from './retry';

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { heartbeats: number; delays: number[] } {
  const state = { heartbeats: 0, delays: [] as number[] };
  return Object.assign(state, {
    maxBackoffMs: 40,
    shouldGiveUp: () => false,
    heartbeat: async () => void (state.heartbeats += 1),
    isPermanent: (error: unknown) => error instanceof DomainError && error.code === 'validation-failed',
    onRetry: (_error: unknown, _attempt: number, delayMs: number) => void state.delays.push(delayMs),
    ...overrides,
  });
}

describe('retryWithBackoff', () => {
  it('grows the delay exponentially up to the cap, with jitter in its upper half', () => {
    for (let i = 0; i < 50; i += 1) {
      expect(backoffMs(1, 30000)).toBeGreaterThanOrEqual(50);
      expect(backoffMs(1, 30000)).toBeLessThanOrEqual(100);
      expect(backoffMs(4, 30000)).toBeGreaterThanOrEqual(400);
      expect(backoffMs(4, 30000)).toBeLessThanOrEqual(800);
      expect(backoffMs(60, 30000)).toBeGreaterThanOrEqual(15000);
      expect(backoffMs(60, 30000)).toBeLessThanOrEqual(30000);
    }
  });

  it('retries until the work succeeds, heartbeating while it waits', async () => {
    let calls = 0;
    const p = policy();
    const result = await retryWithBackoff(async () => {
      calls += 1;
      if (calls < 4) throw new DomainError('store-unavailable', 'down');
      return 'done';
    }, p);
    expect(result).toBe('done');
    expect(p.delays).toHaveLength(3);
    expect(p.delays.every((d) => d <= 40)).toBe(true);
    expect(p.heartbeats).toBeGreaterThanOrEqual(3);
  });

  it('gives up, without another try, once it is told to', async () => {
    let calls = 0;
    let stopping = false;
    const result = await retryWithBackoff(async () => {
      calls += 1;
      stopping = calls === 2;
      throw new Error('still down');
    }, policy({ shouldGiveUp: () => stopping }));
    expect(result).toBe(GAVE_UP);
    expect(calls).toBe(2);
  });

  it('throws a permanent error at once', async () => {
    let calls = 0;
    const work = async (): Promise<never> => {
      calls += 1;
      throw new DomainError('validation-failed', 'bad');
    };
    await expect(retryWithBackoff(work, policy())).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });
});
