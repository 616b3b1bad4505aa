import { readFileSync } from 'fs';
import { join } from 'path';
import { aalenJohansen } from './aalen-johansen';
import { intervalTable } from './interval-table';
import type { IntervalRow } from './interval-table';
import { kaplanMeier } from './kaplan-meier';
import { compareColumn } from './testing/fixture-compare';
import type { FixtureFile, RNumber } from './testing/load-fixture';

type IntervalCase = {
  name: string;
  interval_days: number;
  horizon_days: number;
  input: { time: number[]; event: boolean[] };
  start: number[];
  end: number[];
  at_risk: number[];
  events: number[];
  censored: number[];
  surv: RNumber[];
  lower: RNumber[];
  upper: RNumber[];
};

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'interval-table.json'), 'utf8'),
) as FixtureFile<IntervalCase>;

function mismatches(rows: readonly IntervalRow[], c: IntervalCase): string[] {
  const col = (pick: (row: IntervalRow) => number | null): Array<number | null> => rows.map(pick);
  return [
    ...compareColumn('start', col((r) => r.start), c.start),
    ...compareColumn('end', col((r) => r.end), c.end),
    ...compareColumn('at risk', col((r) => r.atRisk), c.at_risk),
    ...compareColumn('events', col((r) => r.events), c.events),
    ...compareColumn('censored', col((r) => r.censored), c.censored),
    ...compareColumn('surv', col((r) => r.estimate), c.surv),
    ...compareColumn('lower', col((r) => r.lower), c.lower),
    ...compareColumn('upper', col((r) => r.upper), c.upper),
  ];
}

describe('intervalTable against summary(survfit, times = ...) fixtures', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    'given the %s case, then counts per interval and the curve at each interval end match R',
    (_name, c) => {
      const obs = c.input.time.map((time, i) => ({ time, event: c.input.event[i] }));
      const km = kaplanMeier(obs);
      const rows = intervalTable(km.curve, km.n, { intervalDays: c.interval_days, horizonDays: c.horizon_days });
      expect(mismatches(rows, c)).toEqual([]);
    },
  );
});

describe('intervalTable behaviour', () => {
  const km = kaplanMeier([
    { time: 10, event: true },
    { time: 20, event: false },
    { time: 30, event: true },
    { time: 30, event: false },
    { time: 45, event: true },
  ]);

  it('given a label function, then each interval is labelled by its index', () => {
    const rows = intervalTable(km.curve, km.n, { intervalDays: 30, horizonDays: 60, label: (i) => `month ${i + 1}` });
    expect(rows.map((r) => r.interval)).toEqual(['month 1', 'month 2']);
  });

  it('given events on an interval boundary, then they count in the later interval while the curve at the end includes them', () => {
    const [first, second] = intervalTable(km.curve, km.n, { intervalDays: 30, horizonDays: 60 });
    expect(first).toMatchObject({ interval: '0-30', start: 0, end: 30, atRisk: 5, events: 1, censored: 1 });
    expect(first.estimate).toBeCloseTo(0.8 * (2 / 3), 15);
    expect(second).toMatchObject({ start: 30, end: 60, atRisk: 3, events: 2, censored: 1, estimate: null });
  });

  it('given a horizon that is not a multiple of the interval, then the last interval is cut at the horizon', () => {
    const rows = intervalTable(km.curve, km.n, { intervalDays: 20, horizonDays: 45 });
    expect(rows.map((r) => [r.start, r.end])).toEqual([
      [0, 20],
      [20, 40],
      [40, 45],
    ]);
    expect(rows[2].estimate).toBe(0);
  });

  it('given a cumulative incidence curve and its initial value, then intervals before the first event use it', () => {
    const aj = aalenJohansen([
      { time: 40, status: 'event' },
      { time: 50, status: 'competing' },
    ]);
    const rows = intervalTable(aj.curve, aj.n, {
      intervalDays: 30,
      horizonDays: 60,
      initial: { estimate: 0, lower: null, upper: null },
    });
    expect(rows[0]).toMatchObject({ estimate: 0, lower: null, upper: null, atRisk: 2 });
    expect(rows[1]).toMatchObject({ estimate: null, events: 1 });
  });

  it('given a non-positive interval, then it is rejected', () => {
    expect(() => intervalTable(km.curve, km.n, { intervalDays: 0, horizonDays: 10 })).toThrow(RangeError);
  });
});
