import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FollowUp } from '../cohorts/follow-up';
import type { Study } from '../studies/study-definition';
import { packFollowUps } from '../cohorts/follow-up-columns';
import { assembleStudyReport, packArm, type ArmData } from '../studies/study-report';
import type { EstimationJob } from './estimation-jobs';
import { openEstimation, type Estimation } from './estimation-pool';
import { jsonRepresentation } from './representation';

const study: Study = {
  id: 'study-1', definedAt: '2025-01-01T00:00:00Z',
  definition: { name: 'S', arms: [{ name: 'a', cohortId: 'c1' }, { name: 'b', cohortId: 'c2' }], outcomes: ['promotion', 'exit'], horizonMonths: 12, interval: 'month', checkpointsMonths: [] },
};

function arm(name: string, cohortId: string, n: number, shift: number): ArmData {
  const promotion: FollowUp[] = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? { time: 10 + i * shift, status: 'event' } : i % 5 === 1 ? { time: 20.5 + i, status: 'competing' } : { time: 365.25, status: 'censored' }));
  const exit: FollowUp[] = promotion.map((f) => (f.status === 'competing' ? { time: f.time, status: 'event' } : { time: 365.25, status: 'censored' }));
  return { name, cohortId, size: n, followUps: new Map([['promotion', promotion], ['exit', exit]]) };
}

const arms = [arm('a', 'c1', 60, 3), arm('b', 'c2', 80, 2)];
const input = { study, asOf: '2025-06-30', k: 5, disclosure: 'exact' as const, dataVersion: { subjects: 140, events: 500, fingerprint: 'f' }, horizonMonths: 12 };
const job = (): EstimationJob => ({ kind: 'study-report', input, arms: arms.map(packArm) });
const expected = jsonRepresentation(assembleStudyReport({ ...input, arms: arms.map(packArm) }));

describe('estimation on the main thread', () => {
  it('given no worker threads, then a job runs on the main thread, after handing the event loop back, and gives the report’s JSON', async () => {
    const estimation = openEstimation(0);
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const running = estimation.run(job()).then((r) => {
      order.push('estimated');
      return r;
    });
    expect((await running).body.equals(expected.body)).toBe(true);
    expect(order).toEqual(['other work', 'estimated']);
    expect(estimation.threads).toBe(0);
  });
});

/** The worker runs compiled JavaScript, which the test run's global setup builds into dist/. */
const built = join(__dirname, '..', '..', '..', '..', 'dist', 'libs', 'analytics', 'src', 'materialisation', 'estimation-pool.js');

describe('estimation on worker threads (built app)', () => {
  let estimation: Estimation;

  beforeAll(async () => {
    expect(existsSync(built)).toBe(true);
    const compiled = (await import(built)) as { openEstimation: typeof openEstimation };
    estimation = compiled.openEstimation(2);
  });

  afterAll(() => estimation.close());

  it('given worker threads, then jobs run on them and give byte for byte the main thread’s JSON and ETag', async () => {
    expect(estimation.threads).toBe(2);
    const results = await Promise.all([job(), job(), job()].map((j) => estimation.run(j)));
    for (const r of results) {
      expect(r.body.equals(expected.body)).toBe(true);
      expect(r.etag).toBe(expected.etag);
    }
  });

  it('given a job that fails on a worker, then it is refused with the reason and the workers go on', async () => {
    const header = { cohortId: 'c1', cohortName: 'C', asOf: '2025-06-30', interval: 'month' as const, horizonMonths: 12, k: 5, disclosure: 'exact' as const, dataVersion: input.dataVersion };
    const failing = { kind: 'trajectory', header, outcome: 'exit', estimator: 'no-such-estimator', followUps: packFollowUps(arms[0].followUps.get('exit')!) };
    await expect(estimation.run(failing as unknown as EstimationJob)).rejects.toThrow(/estimation failed on a worker \(Error: unknown estimator no-such-estimator\)/);
    expect((await estimation.run(job())).etag).toBe(expected.etag);
  });
});
