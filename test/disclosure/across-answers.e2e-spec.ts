import { cohortDifference } from './curve-attacks';
import { groupTotals, windowsWithCases } from './indicator-attacks';
import { startRung, type Mode, type Rung } from './rung';
import { acrossGroupings, cases, newcomer } from './scenarios';
import { disclosures, type CohortDef } from './truth';
import { AS_OF } from './world';

describe('attacks across answers', () => {
  let rung: Rung;
  const people = [...newcomer.people, ...acrossGroupings.people, ...cases.people];

  beforeAll(async () => {
    rung = await startRung();
    await rung.load(people);
  });
  afterAll(() => rung.close());

  /** Attack 4's answers for a pair of cohorts: both sizes and both exit curves. */
  async function pair(mode: Mode, p: { cohort: CohortDef; minus: CohortDef; newcomersEntered?: string }) {
    const reader = rung.readers[mode];
    const [a, b] = [await rung.define(p.cohort), await rung.define(p.minus)];
    const sizes = [await reader.cohort(a), await reader.cohort(b)];
    const exits = [await reader.trajectory(a, 'exit'), await reader.trajectory(b, 'exit')] as const;
    expect([...sizes, ...exits].map((answer) => answer.disclosure ?? 'exact')).toEqual([mode, mode, mode, mode]);
    return cohortDifference({ ...p, asOf: AS_OF, sizes: [sizes[0].size, sizes[1].size], exits: [...exits] });
  }

  async function inMode<T extends { disclosure?: Mode }>(mode: Mode, answers: Promise<T[]>): Promise<T[]> {
    const list = await answers;
    expect(list.map((a) => a.disclosure ?? 'exact')).toEqual(list.map(() => mode));
    return list;
  }

  const groupingAnswers = (mode: Mode) =>
    inMode(mode, Promise.all((['wres', 'ons5'] as const).map((g) => rung.readers[mode].indicators(acrossGroupings.orgId, '2024-01-01', '2024-12-31', g))));

  const oneDayAnswers = (mode: Mode) => inMode(mode, Promise.all(cases.month.map((day) => rung.readers[mode].indicators(cases.orgId, day, day, 'wres'))));

  it('attack 4 (cohorts a day apart): exact mode gives back the one newcomer of 2023-03-31 and the day they left, 2023-09-14', async () => {
    expect(disclosures(await pair('exact', newcomer.byDay), people)).toEqual([
      expect.objectContaining({ kind: 'count', value: 1, about: expect.objectContaining({ q: 'members' }) }),
      expect.objectContaining({ kind: 'date', from: '2023-09-14', to: '2023-09-14' }),
    ]);
  });

  it('attack 4 (cohorts a where-filter apart): exact mode gives back the one black employee', async () => {
    expect(disclosures(await pair('exact', newcomer.byFilter), people)).toEqual([expect.objectContaining({ kind: 'count', value: 1 })]);
  });

  it('attack 5 (wres against ons5): exact mode gives back 1 mixed employee as 16 − 10 − 5, and the 2 of unstated ethnicity', async () => {
    const [wres, ons5] = await groupingAnswers('exact');
    expect(ons5.representation.totals.filter((g) => g.count === null).map((g) => g.group)).toEqual(['mixed', 'unknown']);
    expect(wres.representation.totals.find((g) => g.group === 'bme')!.count).toBe(16);
    const found = disclosures(groupTotals([wres, ons5], { headcounts: false }, 'across groupings'), people);
    expect(found).toContainEqual(expect.objectContaining({ value: 1, about: expect.objectContaining({ atoms: ['mixed'] }) }));
    expect(found).toContainEqual(expect.objectContaining({ value: 2, about: expect.objectContaining({ atoms: ['unknown'] }) }));
  });

  it('attack 6 (one-day windows): exact mode shows that a BME employee had a case opened on 2022-05-10 and a white one on 2022-05-20', async () => {
    const answers = await oneDayAnswers('exact');
    const found = disclosures(windowsWithCases(answers), people);
    expect(found.map((c) => c.kind === 'date' && [c.from, c.to, c.about.q === 'case-days' && c.about.atoms.join('+')])).toEqual([
      ['2022-05-10', '2022-05-10', 'mixed+asian+black+other'],
      ['2022-05-20', '2022-05-20', 'white-british+white-other'],
    ]);
  });

  describe('in protected mode', () => {
    it('attack 4 (cohorts a day apart): gives back neither the newcomer nor the day they left', async () => {
      expect(disclosures(await pair('protected', newcomer.byDay), people)).toEqual([]);
    });

    it('attack 4 (cohorts a where-filter apart): gives back no hidden count', async () => {
      expect(disclosures(await pair('protected', newcomer.byFilter), people)).toEqual([]);
    });

    it('attack 5 (wres against ons5): gives back no hidden count', async () => {
      expect(disclosures(groupTotals(await groupingAnswers('protected'), { headcounts: false }, 'across groupings'), people)).toEqual([]);
    });

    it('attack 6 (one-day windows): pins no case to a day', async () => {
      expect(disclosures(windowsWithCases(await oneDayAnswers('protected')), people)).toEqual([]);
    });
  });
});
