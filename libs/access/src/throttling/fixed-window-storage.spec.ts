import { FixedWindowStorage } from './fixed-window-storage';

describe('fixed-window request counts', () => {
  it('given a limit of 3 a minute, then the fourth request of a key in its window is blocked, another key is not, and the next window starts afresh', async () => {
    let now = 1_000_000;
    const storage = new FixedWindowStorage(() => now);
    const hit = (key: string) => storage.increment(key, 60_000, 3);
    for (let i = 0; i < 3; i += 1) expect((await hit('a')).isBlocked).toBe(false);
    now += 20_000;
    expect(await hit('a')).toEqual({ totalHits: 4, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 40 });
    expect((await hit('b')).isBlocked).toBe(false);
    now += 40_000;
    expect(await hit('a')).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });
});
