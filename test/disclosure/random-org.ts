/**
 * Small random organisations and the campaign of attacks run against each: cohorts a day or a filter
 * apart, single-day intakes, groupings side by side, one-day and one-day-apart periods. The attacks are
 * aimed at a few people the generator picks (an attacker with side knowledge of roughly when someone
 * joined, left or had a case), which is the hardest case for the protection.
 */
import fc from 'fast-check';
import { addDays } from '@rung/testing';
import {
  atRiskDifferencing, cohortDifference, entryDatesFromCensoring, eventDatesFromTimeZero, stepSizes, type CurveQuestion,
} from './curve-attacks';
import { groupTotals, periodDifference, windowsWithCases } from './indicator-attacks';
import type { IndicatorsAnswer, Reader, Rung } from './rung';
import type { Claim, CohortDef, Outcome } from './truth';
import { AS_OF, ATOMS, ATOMS_OF, atomOf, ETHNICITY_OF, HORIZON_MONTHS, type Atom, type Person } from './world';

const START = '2019-01-01';
const LAST_EVENT = '2024-12-31';

export interface RandomOrg {
  people: Person[];
  /** Indices of the people the attacks are aimed at. */
  targets: number[];
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const careerArb = fc.record({
  hired: fc.integer({ min: 0, max: 5 * 365 }),
  atom: fc.constantFrom(...ATOMS),
  leaves: maybe(fc.integer({ min: 0, max: 1200 })),
  promoted: maybe(fc.integer({ min: 1, max: 1200 })),
  enrols: maybe(fc.integer({ min: 0, max: 900 })),
  caseOpened: maybe(fc.integer({ min: 0, max: 1200 })),
});

/** 3 to 40 people hired over 2019–2023, each perhaps leaving, promoted, enrolled on mentoring, or with a case, up to 2024. */
export const randomOrgArb: fc.Arbitrary<RandomOrg> = fc
  .tuple(fc.array(careerArb, { minLength: 3, maxLength: 40 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }))
  .map(([careers, picks]) => ({
    people: careers.map((c, i): Person => {
      const hiredAt = addDays(START, c.hired);
      const after = (days: number | undefined): string | undefined => (days === undefined ? undefined : addDays(hiredAt, days));
      const left = after(c.leaves);
      const leftAt = left !== undefined && left <= LAST_EVENT ? left : undefined;
      const inPost = (d: string | undefined): string | undefined => (d !== undefined && d <= LAST_EVENT && (leftAt === undefined || d < leftAt) ? d : undefined);
      const [promotedAt, enrolledAt, caseAt] = [inPost(after(c.promoted)), inPost(after(c.enrols)), inPost(after(c.caseOpened))];
      return {
        subjectRef: `S${100 + i}`, orgId: '', hiredAt, grade: '5', ethnicity: ETHNICITY_OF[c.atom],
        ...(leftAt ? { leftAt } : {}), ...(promotedAt ? { promotedAt } : {}), ...(enrolledAt ? { enrolledAt, programmeKind: 'mentoring' as const } : {}),
        ...(caseAt ? { casesAt: [caseAt] } : {}),
      };
    }),
    targets: [...new Set(picks.map((p) => p % careers.length))],
  }));

/** The organisation under an id of its own. */
export function placed(org: RandomOrg, orgId: string): RandomOrg {
  return { ...org, people: org.people.map((p) => ({ ...p, orgId })) };
}

const groupOfAtom = (atom: Atom): string => Object.entries(ATOMS_OF.ons5).find(([, atoms]) => atoms.includes(atom))![0];

/** Every attack against one organisation through one reader; the claims, for `disclosures` to judge. */
export async function campaign(rung: Rung, reader: Reader, org: RandomOrg): Promise<Claim[]> {
  const orgId = org.people[0].orgId;
  const claims: Claim[] = [];
  const hired = (from: string, to: string, where?: CohortDef['where']): CohortDef => ({
    name: `hired ${from}..${to}`, orgIds: [orgId], entry: { on: 'EmployeeHired', between: [from, to] }, ...(where ? { where } : {}),
  });
  const curve = async (cohort: CohortDef, outcome: Outcome) => {
    const q: CurveQuestion = { cohort, asOf: AS_OF, outcome, horizonMonths: HORIZON_MONTHS };
    const t = await reader.trajectory(await rung.define(cohort), outcome);
    claims.push(...atRiskDifferencing(t, q), ...stepSizes(t, q), ...entryDatesFromCensoring(t, q));
    return { t, q };
  };
  const pair = async (cohort: CohortDef, minus: CohortDef, newcomersEntered?: string) => {
    const [a, b] = [await rung.define(cohort), await rung.define(minus)];
    const exits = [(await curve(cohort, 'exit')).t, (await curve(minus, 'exit')).t] as const;
    const sizes = [(await reader.cohort(a)).size, (await reader.cohort(b)).size] as const;
    claims.push(...cohortDifference({ cohort, minus, asOf: AS_OF, sizes: [...sizes], exits: [...exits], ...(newcomersEntered ? { newcomersEntered } : {}) }));
  };
  const indicators = (from: string, to: string, grouping: IndicatorsAnswer['grouping'] = 'wres') => reader.indicators(orgId, from, to, grouping);

  const everyone = hired(START, LAST_EVENT);
  await curve(everyone, 'promotion');
  for (const target of org.targets.map((i) => org.people[i])) {
    const groups = Object.keys(ATOMS_OF.ons5).filter((g) => g !== groupOfAtom(atomOf(target)));
    await pair(hired(addDays(target.hiredAt, -30), target.hiredAt), hired(addDays(target.hiredAt, -30), addDays(target.hiredAt, -1)), target.hiredAt);
    await pair(everyone, hired(START, LAST_EVENT, { grouping: 'ons5', groups }));
    if (target.enrolledAt) {
      const intake: CohortDef = { name: `intake ${target.enrolledAt}`, orgIds: [orgId], entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', between: [target.enrolledAt, target.enrolledAt] } };
      for (const outcome of ['exit', 'promotion'] as const) {
        const { t, q } = await curve(intake, outcome);
        claims.push(...eventDatesFromTimeZero(t, q, target.enrolledAt));
      }
    }
    for (const day of [target.leftAt, target.promotedAt, target.hiredAt].filter((d): d is string => d !== undefined)) {
      claims.push(...periodDifference(await indicators(addDays(day, -60), day), await indicators(addDays(day, -60), addDays(day, -1))));
    }
    for (const day of target.casesAt ?? []) {
      claims.push(...windowsWithCases(await Promise.all([-1, 0, 1].map((d) => indicators(addDays(day, d), addDays(day, d))))));
    }
  }
  for (const year of ['2023', '2024']) {
    const answers = await Promise.all((['wres', 'ons5', 'white-british'] as const).map((g) => indicators(`${year}-01-01`, `${year}-12-31`, g)));
    claims.push(...answers.flatMap((a) => groupTotals([a], { headcounts: true }, 'one table')), ...groupTotals(answers, { headcounts: false }, 'across groupings'));
  }
  return claims;
}
