import { entryDatesFromCensoring, eventDatesFromTimeZero, type CurveQuestion } from './curve-attacks';
import { startRung, type Mode, type Rung } from './rung';
import { fourCoached, mentoringIntake } from './scenarios';
import { disclosures, type CohortDef, type Outcome } from './truth';
import { AS_OF, HORIZON_MONTHS } from './world';

describe('attacks on exact times', () => {
  let rung: Rung;
  const people = [...fourCoached.people, ...mentoringIntake.people];
  const coachedExits: CurveQuestion = { cohort: fourCoached.cohort, asOf: AS_OF, outcome: 'exit', horizonMonths: HORIZON_MONTHS };
  const promotions: CurveQuestion = { cohort: mentoringIntake.cohort, asOf: AS_OF, outcome: 'promotion', horizonMonths: HORIZON_MONTHS };

  beforeAll(async () => {
    rung = await startRung();
    await rung.load(people);
  });
  afterAll(() => rung.close());

  async function curve(mode: Mode, cohort: CohortDef, outcome: Outcome) {
    const answer = await rung.readers[mode].trajectory(await rung.define(cohort), outcome);
    expect(answer.disclosure ?? 'exact').toBe(mode);
    return answer;
  }
  const entryDates = async (mode: Mode) => disclosures(entryDatesFromCensoring(await curve(mode, fourCoached.cohort, 'exit'), coachedExits), people);
  const promotionDates = async (mode: Mode) =>
    disclosures(eventDatesFromTimeZero(await curve(mode, mentoringIntake.cohort, 'promotion'), promotions, mentoringIntake.startedOn), people);

  it('attack 7 (withheld rows keep their time): exact mode gives each of the 4 members\' enrolment date as asOf − time', async () => {
    const found = await entryDates('exact');
    expect(found.map((c) => c.kind === 'date' && c.from).sort()).toEqual(fourCoached.people.map((p) => p.enrolledAt).sort());
  });

  it('attack 8 (a withheld row at day 638): exact mode gives the promotion date 2023-10-10 as time zero + 638, and every other promotion date', async () => {
    const found = await promotionDates('exact');
    expect(found).toContainEqual(expect.objectContaining({ kind: 'date', from: '2023-10-10', to: '2023-10-10' }));
    expect(found).toHaveLength(5);
  });

  describe('in protected mode', () => {
    it('attack 7 (withheld rows keep their time): pins no enrolment date', async () => {
      expect(await entryDates('protected')).toEqual([]);
    });

    it('attack 8 (a withheld row at day 638): pins no promotion date', async () => {
      expect(await promotionDates('protected')).toEqual([]);
    });
  });
});
