import { readFileSync } from 'fs';
import { join } from 'path';
import { aalenJohansen } from './aalen-johansen';
import { intervalTable } from './interval-table';
import type { IntervalRow } from './interval-table';
import { kaplanMeier } from './kaplan-meier';
import { compareColumn } from './testing/fixture-compare';
import type { FixtureFile, RNumber } from './testing/load-fixture';
import type { CompetingStatus } from './types';

type IntervalCase = {
  name: string;
  note: string;
  estimator: 'kaplan-meier' | 'aalen-johansen';
  interval_days: number;
  horizon_days: number;
  /** Kaplan–Meier cases have `event`, Aalen–Johansen cases `status`. */
  input: { time: number[]; event?: boolean[]; status?: Array<'censor' | 'promotion' | 'exit'> };
  n: number;
  start: number[];
  end: number[];
  at_risk: number[];
  events: number[];
  /** Aalen–Johansen cases only: n.event of the "exit" state. */
  competing?: number[];
  censored: number[];
  estimate: RNumber[];
  lower: RNumber[];
  upper: RNumber[];
};

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'interval-table.json'), 'utf8'),
) as FixtureFile<IntervalCase>;

const STATUS: Record<'censor' | 'promotion' | 'exit', CompetingStatus> = {
  censor: 'censored',
  promotion: 'event',
  exit: 'competing',
};

/** The table from our own estimator, as the app builds it. */
function tableFor(c: IntervalCase): { n: number; rows: IntervalRow[] } {
  const opts = { intervalDays: c.interval_days, horizonDays: c.horizon_days };
  if (c.estimator === 'kaplan-meier') {
    const event = c.input.event ?? [];
    const km = kaplanMeier(c.input.time.map((time, i) => ({ time, event: event[i] })));
    return { n: km.n, rows: intervalTable(km.curve, km.n, opts) };
  }
  const status = c.input.status ?? [];
  const aj = aalenJohansen(c.input.time.map((time, i) => ({ time, status: STATUS[status[i]] })));
  return { n: aj.n, rows: intervalTable(aj.curve, aj.n, { ...opts, initial: { estimate: 0, lower: null, upper: null } }) };
}

function mismatches(rows: readonly IntervalRow[], c: IntervalCase): string[] {
  const col = (pick: (row: IntervalRow) => number | null): Array<number | null> => rows.map(pick);
  return [
    ...compareColumn('start', col((r) => r.start), c.start),
    ...compareColumn('end', col((r) => r.end), c.end),
    ...compareColumn('at risk', col((r) => r.atRisk), c.at_risk),
    ...compareColumn('events', col((r) => r.events), c.events),
    ...(c.competing === undefined
      ? rows.filter((r) => r.competingEvents !== null).map((r) => `competing: expected null, got ${String(r.competingEvents)}`)
      : compareColumn('competing', col((r) => r.competingEvents), c.competing)),
    ...compareColumn('censored', col((r) => r.censored), c.censored),
    ...compareColumn('estimate', col((r) => r.estimate), c.estimate),
    ...compareColumn('lower', col((r) => r.lower), c.lower),
    ...compareColumn('upper', col((r) => r.upper), c.upper),
  ];
}

const leaving = (r: IntervalRow): number => r.events + (r.competingEvents ?? 0) + r.censored;

/** Violations of: atRisk(0) = n, atRisk(i + 1) = atRisk(i) − leaving(i), and n = Σ leaving + those followed past the horizon. */
function additivityViolations(rows: readonly IntervalRow[], n: number, pastHorizon: number): string[] {
  const out: string[] = [];
  if (rows[0]?.atRisk !== n) out.push(`at risk[0]: expected n = ${n}, got ${String(rows[0]?.atRisk)}`);
  for (let i = 0; i + 1 < rows.length; i++) {
    const expected = rows[i].atRisk - leaving(rows[i]);
    if (rows[i + 1].atRisk !== expected) out.push(`at risk[${i + 1}]: expected ${expected}, got ${rows[i + 1].atRisk}`);
  }
  const total = rows.reduce((sum, r) => sum + leaving(r), 0);
  if (total + pastHorizon !== n) out.push(`Σ events + competing + censored = ${total}, + ${pastHorizon} past the horizon ≠ n = ${n}`);
  return out;
}

describe('intervalTable against summary(survfit, times = ends) fixtures', () => {
  const cases = fixture.cases.map((c) => [c.name, c] as const);

  it.each(cases)('given the %s case, then counts per (start, end] row, at risk at the start and the curve at each end match R', (_name, c) => {
    expect(mismatches(tableFor(c).rows, c)).toEqual([]);
  });

  it.each(cases)('given the %s case, then the table adds up', (_name, c) => {
    const { n, rows } = tableFor(c);
    const pastHorizon = c.input.time.filter((t) => t > c.horizon_days).length;
    expect(n).toBe(c.n);
    expect(additivityViolations(rows, n, pastHorizon)).toEqual([]);
  });

  it('given follow-up censored at the horizon, then n = Σ events + Σ competing + Σ censored exactly', () => {
    const censoredAtHorizon = fixture.cases.filter((c) => c.input.time.every((t) => t <= c.horizon_days));
    expect(censoredAtHorizon.length).toBeGreaterThanOrEqual(7);
    for (const c of censoredAtHorizon) {
      const { n, rows } = tableFor(c);
      expect([c.name, rows.reduce((sum, r) => sum + leaving(r), 0)]).toEqual([c.name, n]);
    }
  });

  it('given the fixtures, then they cover time 0, boundaries and the horizon for both estimators', () => {
    const onBoundary = (c: IntervalCase): boolean => c.input.time.some((t) => t > 0 && t < c.horizon_days && c.end.includes(t));
    for (const estimator of ['kaplan-meier', 'aalen-johansen'] as const) {
      const cases = fixture.cases.filter((c) => c.estimator === estimator);
      expect(cases.some((c) => c.input.time.includes(0))).toBe(true);
      expect(cases.some(onBoundary)).toBe(true);
      expect(cases.some((c) => c.input.time.includes(c.horizon_days))).toBe(true);
    }
  });
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

  it('given events and censorings on a row boundary, then they count in the row ending there, as does the curve at its end', () => {
    const [first, second] = intervalTable(km.curve, km.n, { intervalDays: 30, horizonDays: 60 });
    expect(first).toMatchObject({ interval: '0-30', start: 0, end: 30, atRisk: 5, events: 2, competingEvents: null, censored: 2 });
    expect(first.estimate).toBeCloseTo(0.8 * (2 / 3), 15);
    expect(second).toMatchObject({ start: 30, end: 60, atRisk: 1, events: 1, censored: 0, estimate: null });
  });

  it('given events and censorings at time 0 and at the horizon, then the first and last rows take them and the table adds up', () => {
    const obs = [
      { time: 0, event: true },
      { time: 0, event: false },
      { time: 15, event: true },
      { time: 30, event: true },
      { time: 40, event: false },
      { time: 60, event: true },
      { time: 60, event: false },
      { time: 60, event: false },
    ];
    const fit = kaplanMeier(obs);
    const rows = intervalTable(fit.curve, fit.n, { intervalDays: 30, horizonDays: 60 });
    expect(rows.map((r) => [r.atRisk, r.events, r.censored])).toEqual([
      [8, 3, 1],
      [4, 1, 3],
    ]);
    expect(additivityViolations(rows, fit.n, 0)).toEqual([]);
    expect(rows[1].estimate).toBe(fit.curve[fit.curve.length - 1].estimate);
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
    expect(rows[0]).toMatchObject({ estimate: 0, lower: null, upper: null, atRisk: 2, events: 0, competingEvents: 0 });
    expect(rows[1]).toMatchObject({ estimate: null, atRisk: 2, events: 1, competingEvents: 1, censored: 0 });
  });

  it('given a non-positive interval, then it is rejected', () => {
    expect(() => intervalTable(km.curve, km.n, { intervalDays: 0, horizonDays: 10 })).toThrow(RangeError);
  });
});
