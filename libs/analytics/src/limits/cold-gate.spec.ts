import { DomainError } from '@rung/domain';
import { ColdGate } from './cold-gate';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('cold computation gate', () => {
  it('given more computations than may run, then the excess waits and starts, in order, as others finish', async () => {
    const gate = new ColdGate(2, 10);
    const started: number[] = [];
    const blockers = [deferred(), deferred(), deferred()];
    const runs = blockers.map((b, i) => gate.run(async () => {
      started.push(i);
      await b.promise;
      return i;
    }));
    await settled();
    expect(started).toEqual([0, 1]);
    expect([gate.active, gate.queued]).toEqual([2, 1]);
    blockers[1].resolve();
    await runs[1];
    await settled();
    expect(started).toEqual([0, 1, 2]);
    blockers[0].resolve();
    blockers[2].resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it('given a full queue, then one more computation is refused with 429 naming both limits, and runs nothing', async () => {
    const gate = new ColdGate(1, 1);
    const block = deferred();
    const first = gate.run(() => block.promise);
    const second = gate.run(async () => undefined);
    let ran = false;
    const refused = await gate.run(async () => {
      ran = true;
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('too-many-requests');
    expect((refused as DomainError).message).toMatch(/ANALYTICS_COLD_CONCURRENCY 1, ANALYTICS_COLD_QUEUE 1/);
    expect(ran).toBe(false);
    block.resolve();
    await Promise.all([first, second]);
  });

  it('given a computation that fails, then its place is given back', async () => {
    const gate = new ColdGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'ok')).resolves.toBe('ok');
  });
});
