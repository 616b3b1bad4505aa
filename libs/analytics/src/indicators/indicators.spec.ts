import { timelineOf } from '@rung/testing';
import { brokenRungRatio, poissonRate, relativeLikelihood } from '@rung/stats';
import { dayOf } from '../common/days';
import { tallyPeriods } from './indicator-tally';
import { indicatorValue, indicatorValues } from './indicators';

const Y2024 = { fromDay: dayOf('2024-01-01'), toDay: dayOf('2024-12-31') };
const MID = '2024-07-01';

/**
 * Ten white and ten BME staff in post at level 2 from 2020, through 2024:
 * white — 6 promoted to level 3 and 1 leaving on 1 July, 8 of 10 shortlisted appointed, 1 disciplinary, 7 trained;
 * BME — 2 promoted and 3 leaving on 1 July, 4 of 10 appointed, 4 disciplinary, 3 trained;
 * plus one subject whose ethnicity is not stated.
 */
function workforce() {
  const person = (id: string, ethnicity: 'white-british' | 'black-african' | 'not-stated', p: { promoted?: boolean; left?: boolean; appointed?: boolean; disciplinary?: boolean; trained?: boolean }) =>
    timelineOf(id, (s) => {
      s.add('EmployeeHired', '2020-01-01', { grade: '5' });
      s.add('DemographicsRecorded', '2020-01-01', { ethnicity });
      s.add('ApplicationSubmitted', '2024-02-01', { applicationId: `${id}-a`, targetGrade: '6' });
      s.add('ApplicationShortlisted', '2024-02-15', { applicationId: `${id}-a` });
      s.add('ApplicationOutcome', '2024-03-01', { applicationId: `${id}-a`, outcome: p.appointed ? 'appointed' : 'rejected' });
      if (p.disciplinary) s.add('DisciplinaryCaseOpened', '2024-04-01');
      if (p.trained) s.add('TrainingAccessed', '2024-05-01', { kind: 'non-mandatory', outcome: 'granted' });
      s.add('TrainingAccessed', '2024-05-02', { kind: 'cpd', outcome: 'declined' });
      if (p.promoted) s.add('PromotionGranted', MID, { fromGrade: '5', toGrade: '6' });
      if (p.left) s.add('EmployeeLeft', MID);
    });
  const white = Array.from({ length: 10 }, (_, i) => person(`w${i}`, 'white-british', { promoted: i < 6, left: i === 9, appointed: i < 8, disciplinary: i === 0, trained: i < 7 }));
  const bme = Array.from({ length: 10 }, (_, i) => person(`b${i}`, 'black-african', { promoted: i < 2, left: i >= 7, appointed: i < 4, disciplinary: i < 4, trained: i < 3 }));
  return [...white, ...bme, person('x', 'not-stated', { promoted: true, appointed: true })];
}

const PY = (days: number) => days / 365.25;

function closeTo(actual: object, expected: object, keys: string[]): void {
  for (const key of keys) expect((actual as Record<string, number>)[key]).toBeCloseTo((expected as Record<string, number>)[key], 10);
}

describe('indicator tallies', () => {
  it('given a year of careers, when tallied under wres, then each group’s counts and person-time are those of the careers, and not-stated is left out', () => {
    const [tally] = tallyPeriods(workforce(), [Y2024], 'wres');

    expect([...tally.byGroup.keys()].sort()).toEqual(['bme', 'white']);
    const white = tally.byGroup.get('white')!;
    const bme = tally.byGroup.get('bme')!;
    expect(white).toMatchObject({ shortlisted: 10, appointed: 8, workforce: 10, disciplinary: 1, training: 7, leavers: 1, promotions: 6, rungMoves: 6, rungHeadcount: 10 });
    expect(bme).toMatchObject({ shortlisted: 10, appointed: 4, workforce: 10, disciplinary: 4, training: 3, leavers: 3, promotions: 2, rungMoves: 2, rungHeadcount: 10 });
    expect(white.personYears).toBeCloseTo(PY(9 * 366 + 182), 12);
    expect(bme.personYears).toBeCloseTo(PY(7 * 366 + 3 * 182), 12);
    expect(white.rungPersonYears).toBeCloseTo(PY(6 * 182 + 3 * 366 + 182), 12);
    expect(bme.rungPersonYears).toBeCloseTo(PY(2 * 182 + 5 * 366 + 3 * 182), 12);
    expect(tally.representation.get(3)).toEqual(new Map([['white', 6], ['bme', 2]]));
    expect(tally.representation.get(2)).toEqual(new Map([['white', 3], ['bme', 5]]));
  });

  it('given periods, then each counts only what falls in it', () => {
    const [h1, h2] = tallyPeriods(workforce(), [{ fromDay: dayOf('2024-01-01'), toDay: dayOf('2024-06-30') }, { fromDay: dayOf('2024-07-01'), toDay: dayOf('2024-12-31') }], 'wres');
    expect(h1.byGroup.get('white')).toMatchObject({ promotions: 0, leavers: 0, appointed: 8, rungMoves: 0 });
    expect(h2.byGroup.get('white')).toMatchObject({ promotions: 6, leavers: 1, shortlisted: 0, rungMoves: 6 });
    expect(h1.representation.get(2)).toEqual(new Map([['white', 10], ['bme', 10]]));
  });
});

describe('indicator values', () => {
  const [tally] = tallyPeriods(workforce(), [Y2024], 'wres');
  const values = indicatorValues(tally, { grouping: 'wres', k: 3, at: '2024-12-31' });

  it('given wres, then the three relative likelihoods run in the WRES directions, with numerator and denominator named, as the stats library computes them', () => {
    expect(values.relativeLikelihoods.map((r) => [r.indicator, r.numeratorGroup, r.denominatorGroup])).toEqual([
      ['appointed-from-shortlisting', 'white', 'bme'], ['entering-disciplinary', 'bme', 'white'], ['accessing-non-mandatory-training', 'white', 'bme'],
    ]);
    const [appointed, disciplinary, training] = values.relativeLikelihoods;
    const rl = relativeLikelihood({ successes: 8, total: 10 }, { successes: 4, total: 10 });
    expect(appointed).toMatchObject({ ratio: rl.ratio, lower: rl.lower, upper: rl.upper, numerator: { successes: 8, total: 10 }, denominator: { successes: 4, total: 10 }, suppressed: false });
    expect(appointed.ratio).toBeCloseTo(2, 12);
    expect(training).toMatchObject({ ratio: relativeLikelihood({ successes: 7, total: 10 }, { successes: 3, total: 10 }).ratio, suppressed: false });
    expect(disciplinary).toMatchObject({ numerator: { group: 'bme', successes: 4 }, denominator: { group: 'white', successes: null }, ratio: null, lower: null, upper: null, suppressed: true });
  });

  it('given leavings and promotions, then rates are per 100 person-years in post with exact Poisson intervals, withheld below k events', () => {
    const [whiteLeaving, bmeLeaving] = values.leavingRate;
    expect(whiteLeaving).toMatchObject({ group: 'white', events: null, rate: null, suppressed: true });
    const expected = poissonRate(3, PY(7 * 366 + 3 * 182), 100);
    expect(bmeLeaving).toMatchObject({ group: 'bme', events: 3, headcount: 10, per: 100, suppressed: false });
    closeTo(bmeLeaving, expected, ['rate', 'lower', 'upper']);
    expect(values.promotionRate[0]).toMatchObject({ group: 'white', events: 6, suppressed: false });
  });

  it('given first moves to level 3, then the broken-rung ratio puts BME over white, and is withheld when a group has fewer than k moves', () => {
    expect(values.brokenRung).toEqual([expect.objectContaining({ focalGroup: 'bme', referenceGroup: 'white', ratio: null, suppressed: true })]);
    const atK2 = indicatorValue('broken-rung', tally, { grouping: 'wres', k: 3, at: '2024-12-31' });
    expect(atK2).toEqual(values.brokenRung);
    const moreBme = tallyPeriods([...workforce(), ...Array.from({ length: 3 }, (_, i) => timelineOf(`p${i}`, (s) => {
      s.add('EmployeeHired', '2020-01-01', { grade: '5' });
      s.add('DemographicsRecorded', '2020-01-01', { ethnicity: 'asian-indian' });
      s.add('PromotionGranted', MID, { fromGrade: '5', toGrade: '6' });
    }))], [Y2024], 'wres')[0];
    const [ratio] = indicatorValues(moreBme, { grouping: 'wres', k: 3, at: '2024-12-31' }).brokenRung;
    const expected = brokenRungRatio(
      { kind: 'personTime', moves: 5, personYears: PY(2 * 182 + 5 * 366 + 3 * 182 + 3 * 182) },
      { kind: 'personTime', moves: 6, personYears: PY(6 * 182 + 3 * 366 + 182) },
    );
    expect(ratio).toMatchObject({ suppressed: false, focal: { moves: 5 }, reference: { moves: 6 } });
    closeTo(ratio, expected, ['ratio', 'lower', 'upper']);
  });

  it('given representation at the period end, then small counts are suppressed with complementary cells, and shares are count over level total', () => {
    const level3 = values.representation.levels.find((l) => l.level === 3)!;
    expect(level3.groups.find((g) => g.group === 'bme')).toEqual({ group: 'bme', count: null, share: null });
    expect(level3.suppressed).toBe(true);
    for (const level of values.representation.levels) {
      const entries = [...level.groups.map((g) => g.count), level.total];
      for (const c of entries) expect(c === null || c === 0 || c >= 3).toBe(true);
      expect(entries.filter((c) => c === null).length).not.toBe(1);
      for (const g of level.groups) if (g.share !== null) expect(g.share).toBe(g.count! / level.total!);
    }
    const bmeTotals = values.representation.totals.find((t) => t.group === 'bme')!;
    expect(bmeTotals.count).toBe(7);
    expect(values.representation.levels).toHaveLength(7);
    expect(values.representation.levels[0]).toEqual({ level: 1, total: 0, groups: [{ group: 'white', count: 0, share: null }, { group: 'bme', count: 0, share: null }], suppressed: false });

    const unsuppressed = indicatorValues(tally, { grouping: 'wres', k: 3, at: '2024-06-30' });
    expect(unsuppressed.representation.at).toBe('2024-06-30');
  });

  it('given another grouping, then its default reference and focal groups are named', () => {
    const [t] = tallyPeriods(workforce(), [Y2024], 'white-british');
    const v = indicatorValues(t, { grouping: 'white-british', k: 3, at: '2024-12-31' });
    expect(v.relativeLikelihoods[0]).toMatchObject({ numeratorGroup: 'white-british', denominatorGroup: 'ethnic-minority' });
    const [o] = tallyPeriods(workforce(), [Y2024], 'ons5');
    expect(indicatorValues(o, { grouping: 'ons5', k: 3, at: '2024-12-31' }).brokenRung.map((b) => b.focalGroup)).toEqual(['mixed', 'asian', 'black', 'other']);
  });
});
