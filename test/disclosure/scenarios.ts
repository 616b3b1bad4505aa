/**
 * The audit's findings as small organisations, one per attack, each in its own organisation so they
 * can share an app. Dates are chosen so that the hidden fact sits mid-month.
 */
import { addDays } from '@rung/testing';
import type { CohortDef } from './truth';
import { ETHNICITY_OF, type Atom, type Person } from './world';

function crowd(orgId: string, prefix: string, atoms: Partial<Record<Atom, number>>, extra: (i: number) => Partial<Person> = () => ({})): Person[] {
  const list = Object.entries(atoms).flatMap(([atom, n]) => Array.from({ length: n }, () => ETHNICITY_OF[atom as Atom]));
  return list.map((ethnicity, i) => ({ subjectRef: `${prefix}${100 + i}`, orgId, hiredAt: '2020-03-02', grade: '5', ethnicity, ...extra(i) }));
}

const hiredIn = (orgId: string, from: string, to: string, where?: CohortDef['where']): CohortDef => ({
  name: `hired ${from}..${to}`, orgIds: [orgId], entry: { on: 'EmployeeHired', between: [from, to] }, ...(where ? { where } : {}),
});

const enrolledIn = (orgId: string, programmeKind: 'mentoring' | 'coaching', from: string, to: string): CohortDef => ({
  name: `${programmeKind} ${from}..${to}`, orgIds: [orgId], entry: { on: 'ProgrammeEnrolled', programmeKind, between: [from, to] },
});

/** Attacks 1 and 2: ten hired on 2022-01-10, two of whom left on 2022-04-20 (day 100), a count of 2 withheld. */
export const twoLeavers = {
  people: crowd('leavers-trust', 'L', { 'white-british': 10 }, (i) => ({ hiredAt: '2022-01-10', ...(i < 2 ? { leftAt: '2022-04-20' } : {}) })),
  cohort: hiredIn('leavers-trust', '2022-01-01', '2022-01-31'),
};

/** Attack 3: 22 in post all of 2024, one of them mixed: ons5 representation hides mixed and asian, whose headcount is 5. */
export const oneMixed = {
  orgId: 'rep-trust',
  people: crowd('rep-trust', 'R', { 'white-british': 10, mixed: 1, asian: 5, black: 6 }),
};

/** Attack 5: one mixed and two not-stated among 30: ons5 hides both, and wres's 16 BME less asian 10 and black 5 is 1. */
export const acrossGroupings = {
  orgId: 'groups-trust',
  people: crowd('groups-trust', 'G', { 'white-british': 12, mixed: 1, asian: 10, black: 5, unknown: 2 }),
};

/**
 * Attack 4: eleven hired from January to March 2023 and one more on 2023-03-31, who left on 2023-09-14;
 * the one black employee makes the where-filter pair.
 */
export const newcomer = (() => {
  const orgId = 'window-trust';
  const people = crowd(orgId, 'W', { 'white-british': 10, black: 1, asian: 1 }, (i) => ({ hiredAt: addDays('2023-01-02', 7 * i) }));
  people[11] = { ...people[11], hiredAt: '2023-03-31', leftAt: '2023-09-14' };
  const all = hiredIn(orgId, '2023-01-01', '2023-03-31');
  return {
    people,
    byDay: { cohort: all, minus: hiredIn(orgId, '2023-01-01', '2023-03-30'), newcomersEntered: '2023-03-31' },
    byFilter: { cohort: all, minus: hiredIn(orgId, '2023-01-01', '2023-03-31', { grouping: 'ons5', groups: ['white', 'mixed', 'asian', 'other', 'unknown'] }) },
  };
})();

/** Attack 6: eight BME and eight white staff; a BME employee's case opened on 2022-05-10, a white one's on 2022-05-20. */
export const cases = {
  orgId: 'cases-trust',
  people: crowd('cases-trust', 'D', { black: 8, 'white-british': 8 }, (i) => ({
    hiredAt: '2021-01-04', ...(i === 3 ? { casesAt: ['2022-05-10'] } : i === 12 ? { casesAt: ['2022-05-20'] } : {}),
  })),
  month: Array.from({ length: 31 }, (_, i) => addDays('2022-05-01', i)),
};

/** Attack 7: four staff enrolled on coaching on four days of early 2024, none of whom has left. */
export const fourCoached = {
  people: ['2024-02-05', '2024-02-12', '2024-02-20', '2024-03-04'].map((enrolledAt, i): Person => ({
    subjectRef: `K${100 + i}`, orgId: 'coaching-trust', hiredAt: '2021-05-04', grade: '5', ethnicity: 'white-british', enrolledAt, programmeKind: 'coaching',
  })),
  cohort: enrolledIn('coaching-trust', 'coaching', '2024-01-01', '2024-06-30'),
};

/**
 * Attack 8: eight staff starting mentoring together on 2022-01-10; five promoted on days 120, 250, 380,
 * 500 and 638, the last with four at risk, so its row is withheld but keeps its time.
 */
export const mentoringIntake = {
  people: crowd('mentoring-trust', 'P', { 'white-british': 8 }, (i) => ({
    hiredAt: '2019-09-02', enrolledAt: '2022-01-10', programmeKind: 'mentoring' as const,
    ...(i < 5 ? { promotedAt: addDays('2022-01-10', [120, 250, 380, 500, 638][i]) } : {}),
  })),
  cohort: enrolledIn('mentoring-trust', 'mentoring', '2022-01-01', '2022-01-31'),
  startedOn: '2022-01-10',
};
