import { startRung, type Mode, type Rung, type TrajectoryAnswer } from './rung';
import { cases, oneMixed, twoLeavers } from './scenarios';
import { K } from './world';

/** The fields that hold a count of people or events, wherever they sit in an answer. */
const COUNT_FIELDS = new Set([
  'n', 'size', 'atRisk', 'events', 'competingEvents', 'censored', 'headcount', 'count', 'total', 'successes', 'moves', 'observed', 'leavers', 'promotions', 'subjects',
]);

function countsIn(value: unknown, path = '$'): Array<[string, number]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => countsIn(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]): Array<[string, number]> =>
    COUNT_FIELDS.has(key) && typeof v === 'number' ? [[`${path}.${key}`, v]] : countsIn(v, `${path}.${key}`));
}

const lastOfMonth = (iso: string): boolean => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).getUTCDate() === 1;

describe('protected answers, as the contract states them', () => {
  let rung: Rung;
  let paths: string[];

  beforeAll(async () => {
    rung = await startRung();
    await rung.load([...twoLeavers.people, ...oneMixed.people, ...cases.people]);
    const cohortId = await rung.define(twoLeavers.cohort);
    const study = await rung.app.as('research').post('/v1/studies').send({
      name: 'leavers', arms: [{ name: 'a', cohortId }, { name: 'b', cohortId }], outcomes: ['exit', 'promotion'], horizonMonths: 24, interval: 'quarter',
    }).expect(201);
    paths = [
      `/v1/cohorts/${cohortId}?asOf=2025-06-17`,
      `/v1/cohorts/${cohortId}/trajectory?outcome=exit&interval=month&horizonMonths=36&asOf=2025-06-17`,
      `/v1/cohorts/${cohortId}/trajectory?outcome=promotion&interval=quarter&horizonMonths=24&asOf=2025-06-17`,
      `/v1/studies/${study.body.id}/report?asOf=2025-06-17`,
      `/v1/indicators?orgId=${oneMixed.orgId}&from=2024-01-10&to=2024-12-20&grouping=ons5`,
      `/v1/indicators?orgId=${cases.orgId}&from=2022-05-10&to=2022-05-10&grouping=wres`,
      `/v1/trends/leaving-rate?orgId=${cases.orgId}&from=2022-01-15&to=2022-12-15&interval=quarter&grouping=wres`,
      `/v1/trends/representation?orgId=${oneMixed.orgId}&from=2024-01-01&to=2024-12-31&interval=month&grouping=ons5`,
    ];
  });
  afterAll(() => rung.close());

  const read = (mode: Mode) => Promise.all(paths.map((p) => rung.readers[mode].get<Record<string, unknown>>(p)));

  it('names its mode in the body and in the Rung-Disclosure header, for exact and protected research keys and for dashboards', async () => {
    for (const mode of ['exact', 'protected'] as const) {
      for (const answer of await read(mode)) {
        expect([answer.body.disclosure, answer.headers['rung-disclosure']]).toEqual([mode, mode]);
      }
    }
    const dashboard = await rung.app.as('dashboard').get(paths[4]).expect(200);
    expect([dashboard.body.disclosure, dashboard.headers['rung-disclosure']]).toEqual(['protected', 'protected']);
  });

  it(`shows every count as 0 or a multiple of ${K}`, async () => {
    const counts = (await read('protected')).flatMap((a, i) => countsIn(a.body, paths[i]));
    expect(counts.length).toBeGreaterThan(100);
    expect(counts.filter(([, v]) => v % K !== 0)).toEqual([]);
  });

  it('puts curve rows only at whole intervals, never at an individual\'s day', async () => {
    const [, monthly, quarterly] = await read('protected');
    for (const t of [monthly.body, quarterly.body] as unknown as TrajectoryAnswer[]) {
      expect(t.curve.length).toBeGreaterThan(0);
      for (const row of t.curve) {
        expect(Number.isInteger(row.elapsed)).toBe(true);
        expect(row.time).toBeCloseTo(row.elapsed * t.intervalDays, 9);
      }
    }
  });

  it('snaps asOf to a month\'s last day and periods to whole months, and echoes what it used', async () => {
    const [cohort, trajectory, , report, indicators, oneDay, trend] = (await read('protected')).map((a) => a.body);
    for (const answer of [cohort, trajectory, report]) expect(lastOfMonth(answer.asOf as string)).toBe(true);
    expect([indicators.from, indicators.to]).toEqual(['2024-01-01', '2024-12-31']);
    expect([oneDay.from, oneDay.to]).toEqual(['2022-05-01', '2022-05-31']);
    const points = trend.points as Array<{ from: string; to: string }>;
    expect([points[0].from, points.at(-1)!.to]).toEqual(['2022-01-01', '2022-12-31']);
  });

  it('answers the same question with the same bytes, asked twice, asked for another day of the same month, and after a restart', async () => {
    const first = await read('protected');
    expect((await read('protected')).map((a) => a.text)).toEqual(first.map((a) => a.text));
    const sameMonth = await rung.readers.protected.get(paths[1].replace('asOf=2025-06-17', 'asOf=2025-06-03'));
    expect(sameMonth.text).toBe(first[1].text);
    await rung.restart();
    expect((await read('protected')).map((a) => a.text)).toEqual(first.map((a) => a.text));
  });
});
