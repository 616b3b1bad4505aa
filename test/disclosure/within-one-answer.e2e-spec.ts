import { atRiskDifferencing, stepSizes, type CurveQuestion } from './curve-attacks';
import { groupTotals } from './indicator-attacks';
import { startRung, type Mode, type Rung } from './rung';
import { oneMixed, twoLeavers } from './scenarios';
import { disclosures } from './truth';
import { AS_OF, HORIZON_MONTHS } from './world';

describe('attacks within one answer', () => {
  let rung: Rung;
  const people = [...twoLeavers.people, ...oneMixed.people];
  const exits: CurveQuestion = { cohort: twoLeavers.cohort, asOf: AS_OF, outcome: 'exit', horizonMonths: HORIZON_MONTHS };

  beforeAll(async () => {
    rung = await startRung();
    await rung.load(people);
  });
  afterAll(() => rung.close());

  const exitCurve = async (mode: Mode) => rung.readers[mode].trajectory(await rung.define(twoLeavers.cohort), 'exit');
  const twoOnDay100 = (attack: string) => expect.objectContaining({ attack, kind: 'count', value: 2, about: expect.objectContaining({ q: 'ended', upTo: 100 }) });

  it('attack 1 (at-risk rows): exact mode gives back the 2 leavers withheld on day 100 as 10 − 8 − 0', async () => {
    const curve = await exitCurve('exact');
    expect(curve.curve.find((r) => r.time === 100)).toMatchObject({ atRisk: 10, events: null, censored: 0 });
    expect(disclosures(atRiskDifferencing(curve, exits), people)).toContainEqual(twoOnDay100('at-risk rows'));
  });

  it('attack 2 (step sizes): exact mode withholds the estimate on the row, yet the next estimate shown (curve or interval table) gives back the 2 leavers as 10 × (1 − 0.8/1)', async () => {
    const curve = await exitCurve('exact');
    expect(curve.curve.find((r) => r.time === 100)).toMatchObject({ events: null, estimate: null });
    const found = disclosures(stepSizes(curve, exits), people);
    if (found.length > 0) {
      expect(found.map((c) => [c.attack, c.kind === 'count' && c.value])).toEqual(expect.arrayContaining([[expect.stringMatching(/step sizes/), 2]]));
    } else {
      // Exact mode no longer shows any estimate that measures the step: the numbers at risk still give it away (attack 1).
      expect(disclosures(atRiskDifferencing(curve, exits), people)).toContainEqual(twoOnDay100('at-risk rows'));
    }
  });

  it('attack 3 (representation against headcounts): exact mode gives back the one mixed employee as 22 − 10 − 5 − 6', async () => {
    const answer = await rung.readers.exact.indicators(oneMixed.orgId, '2024-01-01', '2024-12-31', 'ons5');
    expect(answer.representation.totals.find((g) => g.group === 'mixed')!.count).toBeNull();
    expect(answer.representation.totals.find((g) => g.group === 'asian')!.count).toBeNull();
    expect(answer.leavingRate.find((g) => g.group === 'asian')!.headcount).toBe(5);
    expect(disclosures(groupTotals([answer], { headcounts: true }, 'one table'), people)).toContainEqual(
      expect.objectContaining({ value: 1, about: expect.objectContaining({ q: 'in-post', atoms: ['mixed'] }) }),
    );
  });

  describe('in protected mode', () => {
    it('attack 1 (at-risk rows): gives back no hidden count', async () => {
      const curve = await exitCurve('protected');
      expect(curve.disclosure).toBe('protected');
      expect(disclosures(atRiskDifferencing(curve, exits), people)).toEqual([]);
    });

    it('attack 2 (step sizes): gives back no hidden count', async () => {
      const curve = await exitCurve('protected');
      expect(curve.disclosure).toBe('protected');
      expect(disclosures(stepSizes(curve, exits), people)).toEqual([]);
    });

    it('attack 3 (representation against headcounts): gives back no hidden count', async () => {
      const answer = await rung.readers.protected.indicators(oneMixed.orgId, '2024-01-01', '2024-12-31', 'ons5');
      expect(answer.disclosure).toBe('protected');
      expect(disclosures(groupTotals([answer], { headcounts: true }, 'one table'), people)).toEqual([]);
    });
  });
});
