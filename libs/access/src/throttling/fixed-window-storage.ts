import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  startedAt: number;
  hits: number;
}

/**
 * Per-key request counts in fixed windows: O(1) a request and one small record per key. The
 * throttler's default storage keeps one timestamp per request in the window and filters them all on
 * every request, which at dashboard polling rates costs more than the request itself.
 */
export class FixedWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= ttl) {
      if (this.windows.size > 100_000) this.sweep(now, ttl);
      window = { startedAt: now, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const timeToExpire = Math.max(1, Math.ceil((window.startedAt + ttl - now) / 1000));
    const isBlocked = window.hits > limit;
    return { totalHits: window.hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }

  private sweep(now: number, ttl: number): void {
    for (const [key, w] of this.windows) if (now - w.startedAt >= ttl) this.windows.delete(key);
  }
}
