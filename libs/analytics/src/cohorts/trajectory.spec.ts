import { aalenJohansen, kaplanMeier, poissonRate } from '@rung/stats';
import type { FollowUp } from './follow-up';
import { discloseTrajectory } from '../disclosure/exact-trajectory';
import { estimateTrajectory, type RawTrajectory } from './trajectory';

const K = 5;
const opts = { interval: 'month' as const, horizonDays: 365.25 };

/** 60 follow-ups: events every few days, leavings, and censoring at a few late times. */
function followUps(): FollowUp[] {
  return Array.from({ length: 60 }, (_, i): FollowUp => {
    if (i % 3 === 0) return { time: 5 * (i + 1), status: 'event' };
    if (i % 7 === 1) return { time: 4 * (i + 2), status: 'competing' };
    return { time: 300 + (i % 13), status: 'censored' };
  });
}

describe('trajectory estimates', () => {
  it('given follow-ups, when estimated by Kaplan–Meier, then the curve and median are the stats library’s, with leavings censored', () => {
    const f = followUps();
    const raw = estimateTrajectory(f, 'exit', 'kaplan-meier', opts);
    const km = kaplanMeier(f.map((x) => ({ time: x.time, event: x.status === 'event' })));

    expect(raw.curve.map(({ time, atRisk, events, censored, estimate, stdErr, lower, upper }) => ({ time, atRisk, events, censored, estimate, stdErr, lower, upper })))
      .toEqual(km.curve.map(({ time, atRisk, events, censored, estimate, stdErr, lower, upper }) => ({ time, atRisk, events, censored, estimate, stdErr, lower, upper })));
    expect(raw.median).toEqual(km.median);
    expect(raw.n).toBe(60);
  });

  it('given follow-ups with leavings, when estimated by Aalen–Johansen, then the curve is the cumulative incidence with competing counts', () => {
    const f = followUps();
    const raw = estimateTrajectory(f, 'promotion', 'aalen-johansen', opts);
    const aj = aalenJohansen(f);

    expect(raw.curve.map((r) => [r.time, r.estimate, r.competingEvents, r.stdErr])).toEqual(aj.curve.map((r) => [r.time, r.estimate, r.competingEvents, r.stdErr]));
    expect(raw.median).toBeNull();
    expect(raw.table[0]).toMatchObject({ interval: 'M1', start: 0, atRisk: 60 });
    expect(raw.table).toHaveLength(12);
    expect(raw.table.reduce((s, r) => s + (r.competingEvents ?? 0), 0)).toBe(f.filter((x) => x.status === 'competing').length);
  });

  it('given follow-ups, then the rate is events per 100 person-years of follow-up with the exact Poisson interval', () => {
    const f = followUps();
    const raw = estimateTrajectory(f, 'promotion', 'aalen-johansen', opts);
    const personYears = f.reduce((s, x) => s + x.time, 0) / 365.25;
    expect(raw.rate.estimate).toEqual(poissonRate(20, personYears, 100));
  });
});

describe('trajectory disclosure control', () => {
  const disclose = (raw: RawTrajectory) => discloseTrajectory(raw, K, 'month');

  it('given rows with fewer than k at risk, then their values are withheld and marked, keeping the time', () => {
    const view = disclose(estimateTrajectory(followUps(), 'exit', 'kaplan-meier', opts));
    const thin = view.curve.filter((r) => r.atRisk === null);

    expect(thin.length).toBeGreaterThan(0);
    for (const row of thin) expect(row).toMatchObject({ events: null, censored: null, estimate: null, stdErr: null, lower: null, upper: null, suppressed: true });
    expect(view.curve.map((r) => r.time)).toEqual(kaplanMeier(followUps().map((x) => ({ time: x.time, event: x.status === 'event' }))).curve.map((r) => r.time));
    expect(view.curve[0].elapsed).toBeCloseTo(5 / 30.4375, 12);
  });

  it('given a row well at risk with a count from 1 to k − 1, then its counts and its estimate are withheld (the step would give the count back)', () => {
    const view = disclose(estimateTrajectory(followUps(), 'exit', 'kaplan-meier', opts));
    const first = view.curve[0];
    expect(first).toMatchObject({ time: 5, atRisk: 60, events: null, censored: 0, estimate: null, stdErr: null, lower: null, upper: null, suppressed: true });
    for (const row of view.curve.filter((r) => r.estimate !== null)) expect([row.events, row.censored].every((c) => c === 0 || (c ?? 0) >= K)).toBe(true);
  });

  it('given a big tie, then the count is shown', () => {
    const f: FollowUp[] = [...Array.from({ length: 6 }, () => ({ time: 10, status: 'event' as const })), ...Array.from({ length: 20 }, () => ({ time: 50, status: 'censored' as const }))];
    const view = disclose(estimateTrajectory(f, 'exit', 'kaplan-meier', opts));
    expect(view.curve[0]).toMatchObject({ time: 10, atRisk: 26, events: 6, censored: 0, suppressed: false });
  });

  it('given fewer than k members, then n, every estimate and the rate are withheld', () => {
    const f: FollowUp[] = [{ time: 10, status: 'event' }, { time: 20, status: 'event' }, { time: 30, status: 'censored' }];
    const view = disclose(estimateTrajectory(f, 'exit', 'kaplan-meier', opts));

    expect(view).toMatchObject({ n: null, suppressed: true, median: { time: null, suppressed: true } });
    expect(view.curve.every((r) => r.estimate === null && r.suppressed)).toBe(true);
    expect(view.rate).toMatchObject({ events: null, rate: null, lower: null, upper: null, per: 100, suppressed: true });
    expect(view.table.every((r) => r.atRisk === null || r.atRisk === 0)).toBe(true);
  });

  it('given the interval table, then no count from 1 to k − 1 is shown, and no row has exactly one hidden count', () => {
    const view = disclose(estimateTrajectory(followUps(), 'promotion', 'aalen-johansen', opts));
    for (const row of view.table) {
      const counts = [row.events, row.competingEvents ?? null, row.censored];
      for (const c of counts) expect(c === null || c === 0 || c >= K).toBe(true);
      const shownNonZero = counts.filter((c) => c !== null && c > 0).length;
      if (counts.filter((c) => c === null).length === 1) expect(shownNonZero).toBe(0);
      if (row.atRisk !== null) expect(row.atRisk === 0 || row.atRisk >= K).toBe(true);
    }
    expect(view.table.some((r) => r.suppressed)).toBe(true);
  });

  it('given enough events, then the rate is shown', () => {
    const view = disclose(estimateTrajectory(followUps(), 'promotion', 'aalen-johansen', opts));
    expect(view.rate).toMatchObject({ events: 20, suppressed: false });
    expect(view.rate.rate).toBeGreaterThan(0);
    expect(view).toMatchObject({ estimator: 'aalen-johansen', estimand: 'cumulative-incidence', competingEvent: 'exit', n: 60 });
  });
});
