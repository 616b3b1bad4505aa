import { InOrderPipeline } from './in-order-pipeline';

const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('InOrderPipeline', () => {
  it('runs jobs side by side but commits them in the order they were pushed', async () => {
    const committed: number[] = [];
    let running = 0;
    let most = 0;
    const pipeline = new InOrderPipeline<number>(3, (n) => {
      committed.push(n);
    });
    const job = (n: number, ms: number) => async (): Promise<number> => {
      running += 1;
      most = Math.max(most, running);
      await after(ms, null);
      running -= 1;
      return n;
    };
    for (const [n, ms] of [[1, 30], [2, 5], [3, 1], [4, 20], [5, 1]]) await pipeline.push(job(n, ms));
    await pipeline.drain();
    expect(committed).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(3);
  });

  it('stops at the first failing job, having committed only what came before it', async () => {
    const committed: string[] = [];
    const pipeline = new InOrderPipeline<string>(2, (s) => {
      committed.push(s);
    });
    await pipeline.push(() => after(5, 'a'));
    await pipeline.push(() => Promise.reject(new Error('down')));
    await expect(pipeline.push(() => after(1, 'c'))).rejects.toThrow('down');
    expect(committed).toEqual(['a']);
  });
});
