import { visitInSlices } from './slices';

async function* batches(n: number, size: number): AsyncIterable<number[]> {
  for (let i = 0; i < n; i += size) yield Array.from({ length: Math.min(size, n - i) }, (_, j) => i + j);
}

/** A clock that moves one millisecond each time it is read, so slices end after a known number of reads. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 1);
}

describe('visiting in slices', () => {
  it('given a long scan, then the event loop gets turns during it, between visits', async () => {
    const turns: number[] = [];
    let visited = 0;
    let ticking = true;
    const tick = (): void => {
      turns.push(visited);
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await visitInSlices(batches(10_000, 5000), () => (visited += 1), steppingClock(), 5);
    ticking = false;

    expect(visited).toBe(10_000);
    expect(turns.length).toBeGreaterThan(20);
    expect(turns.some((v) => v > 0 && v < 10_000)).toBe(true);
  });

  it('given a scan that never runs out its slice, then it takes no turn', async () => {
    let turns = 0;
    setImmediate(() => (turns += 1));
    await visitInSlices(batches(1000, 100), () => undefined, () => 0, 5);
    expect(turns).toBe(0);
  });
});
