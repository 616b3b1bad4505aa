import { emptyTimeline, type Application } from '@rung/projections';
import { addRecordKey, roundByCellKey } from '@rung/stats';
import { dayOf } from '../common/days';
import { monthsToDays } from '../common/intervals';
import type { CohortMember } from '../cohorts/cohort-membership';
import {
  applicationsAfterProgramme, applicationsOf, type ApplicationArm, type ApplicationFigures, type MemberApplications,
} from './applications';
import { applicationsCsv, APPLICATIONS_CSV_HEADER } from './applications.csv';

const T0 = '2024-01-01';
const SIX_MONTHS = monthsToDays(6);

type Outcome = { on: string; outcome: 'appointed' | 'rejected' | 'withdrawn' };

/** An application made at level 2 (AfC band 5) for `targetLevel`, as the timeline fold records it. */
function application(id: string, submitted: string, decided?: Outcome, targetLevel: 1 | 2 | 3 | 4 = 3): Application {
  return {
    applicationId: id, vacancyRef: null, targetGrade: null, gradeScheme: 'afc', targetLevel, levelAtApplication: 2, internal: true,
    submittedAt: `${submitted}T10:00:00.000Z`, shortlistedAt: null,
    outcome: decided?.outcome ?? null, outcomeAt: decided ? `${decided.on}T10:00:00.000Z` : null, stage: null,
  };
}

/** A member at level 2 with time zero 2024-01-01. */
function member(applications: Application[], extra: Partial<CohortMember> = {}): CohortMember {
  return { timeline: { ...emptyTimeline('s1', 'rx1-trust'), applications }, timeZero: dayOf(T0), levelAtEntry: 2, ...extra };
}

/** A member who applied a level up on `submitted`, with an outcome on `decided` when given. */
function applicant(submitted: string, decided?: Outcome, targetLevel: 1 | 2 | 3 | 4 = 3, extra: Partial<CohortMember> = {}): CohortMember {
  return member([application('a1', submitted, decided, targetLevel)], extra);
}

const flags = (m: MemberApplications) => [m.applied, m.withOutcome, m.appointed];
const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);

describe('a member’s applications after time zero', () => {
  it('given an application above their level and an appointment from it within the window, then they applied, had an outcome and were appointed', () => {
    const m = applicationsOf(applicant('2024-02-01', { on: '2024-04-01', outcome: 'appointed' }), SIX_MONTHS, 'bme', { recordKey: 1234 });
    expect(m).toEqual({ group: 'bme', recordKey: 1234, applied: true, withOutcome: true, appointed: true });
  });

  it('given a rejection or a withdrawal, then the application has an outcome but no appointment', () => {
    expect(flags(applicationsOf(applicant('2024-02-01', { on: '2024-03-01', outcome: 'rejected' }), SIX_MONTHS, 'bme'))).toEqual([true, true, false]);
    expect(flags(applicationsOf(applicant('2024-02-01', { on: '2024-03-01', outcome: 'withdrawn' }), SIX_MONTHS, 'bme'))).toEqual([true, true, false]);
    expect(flags(applicationsOf(applicant('2024-02-01'), SIX_MONTHS, 'bme'))).toEqual([true, false, false]);
  });

  it('given an application at their own level or below, then it does not count', () => {
    expect(flags(applicationsOf(applicant('2024-02-01', { on: '2024-03-01', outcome: 'appointed' }, 2), SIX_MONTHS, 'bme'))).toEqual([false, false, false]);
    expect(flags(applicationsOf(applicant('2024-02-01', undefined, 1), SIX_MONTHS, 'bme'))).toEqual([false, false, false]);
    const unknown = { ...application('a1', '2024-02-01'), levelAtApplication: null };
    expect(applicationsOf(member([unknown]), SIX_MONTHS, 'bme').applied).toBe(false);
  });

  it('given the window (time zero, time zero + N months], then the day of time zero and days after the window do not count, its last day does', () => {
    expect(SIX_MONTHS).toBe(182.625);
    expect(applicationsOf(applicant(T0), SIX_MONTHS, 'x').applied).toBe(false);
    expect(applicationsOf(applicant(day(1)), SIX_MONTHS, 'x').applied).toBe(true);
    expect(applicationsOf(applicant(day(182)), SIX_MONTHS, 'x').applied).toBe(true);
    expect(applicationsOf(applicant(day(183)), SIX_MONTHS, 'x').applied).toBe(false);
    expect(flags(applicationsOf(applicant(day(100), { on: day(182), outcome: 'appointed' }), SIX_MONTHS, 'x'))).toEqual([true, true, true]);
    expect(flags(applicationsOf(applicant(day(100), { on: day(183), outcome: 'appointed' }), SIX_MONTHS, 'x'))).toEqual([true, false, false]);
    expect(flags(applicationsOf(applicant(day(30), { on: day(60), outcome: 'appointed' }), 30, 'x'))).toEqual([true, false, false]);
  });

  it('given an application made before time zero and appointed after it, then neither counts', () => {
    expect(flags(applicationsOf(applicant('2023-12-01', { on: '2024-02-01', outcome: 'appointed' }), SIX_MONTHS, 'x'))).toEqual([false, false, false]);
  });

  it('given censorAt, then follow-up ends there: that day counts, later days do not', () => {
    const censorAt = 40;
    expect(applicationsOf(applicant(day(40), undefined, 3, { censorAt }), SIX_MONTHS, 'x').applied).toBe(true);
    expect(applicationsOf(applicant(day(41), undefined, 3, { censorAt }), SIX_MONTHS, 'x').applied).toBe(false);
    expect(flags(applicationsOf(applicant(day(20), { on: day(41), outcome: 'appointed' }, 3, { censorAt }), SIX_MONTHS, 'x'))).toEqual([true, false, false]);
  });

  it('given an as-of date inside the window, then what is dated after it is not yet known', () => {
    const m = applicant(day(20), { on: day(50), outcome: 'appointed' });
    expect(flags(applicationsOf(m, SIX_MONTHS, 'x', { asOf: dayOf(day(49)) }))).toEqual([true, false, false]);
    expect(flags(applicationsOf(m, SIX_MONTHS, 'x', { asOf: dayOf(day(50)) }))).toEqual([true, true, true]);
  });

  it('given several applications, then any one above the level in the window counts for each flag', () => {
    const m = member([
      application('a0', '2024-02-01', { on: '2024-03-01', outcome: 'appointed' }, 2),
      application('a1', '2024-02-01', { on: '2024-03-01', outcome: 'rejected' }),
      application('a2', '2024-02-10', { on: '2024-04-01', outcome: 'appointed' }, 4),
    ]);
    expect(applicationsOf(m, SIX_MONTHS, undefined)).toEqual({ group: null, recordKey: 0, applied: true, withOutcome: true, appointed: true });
  });

  it('given the result, then it is plain data that survives a structured clone', () => {
    const m = applicationsOf(applicant('2024-02-01'), SIX_MONTHS, 'bme', { recordKey: 7 });
    expect(structuredClone(m)).toEqual(m);
  });
});

/** `n` members of a group, the first `applied` of whom applied, the first `outcome` of those had an outcome, and the first `appointed` were appointed. */
function people(group: string | null, n: number, applied: number, outcome: number, appointed: number, keyFrom = 0): MemberApplications[] {
  return Array.from({ length: n }, (_, i) => ({
    group, recordKey: ((keyFrom + i + 1) * 2654435761) >>> 0, applied: i < applied, withOutcome: i < outcome, appointed: i < appointed,
  }));
}

const exactArms = (): ApplicationArm[] => [
  // bme: 10 members, 6 applied, 5 with an outcome, 3 appointed; white: 12, 8, 6, 5.
  { name: 'mentored', members: [...people('bme', 10, 6, 5, 3), ...people('white', 12, 8, 6, 5)] },
  // bme: 20 members, none applied; white: 20, 10, 10, 6; one member with no group, who applied and was appointed.
  { name: 'comparison', members: [...people('white', 20, 10, 10, 6), ...people('bme', 20, 0, 0, 0), ...people(null, 1, 1, 1, 1)] },
];

const counts = (f: ApplicationFigures) => [f.n, f.applied.count, f.withOutcome.count, f.appointed.count];
const shares = (f: ApplicationFigures) => [f.applied.share, f.withOutcome.share, f.appointed.share];

describe('applications after a programme, exact', () => {
  const result = applicationsAfterProgramme(exactArms(), { k: 5, windowMonths: 6, disclosure: 'exact', groups: ['white', 'bme'] });
  const [mentored, comparison] = result.arms;

  it('given members by arm and group, then it counts members, applicants, outcomes and appointments, with their shares', () => {
    expect(result).toMatchObject({ windowMonths: 6, windowDays: 182.625, k: 5, disclosure: 'exact' });
    expect(mentored.arm).toBe('mentored');
    expect(counts(mentored.overall)).toEqual([22, 14, 11, 8]);
    expect(shares(mentored.overall)).toEqual([14 / 22, 11 / 14, 8 / 14]);
    expect(mentored.groups.map((g) => g.group)).toEqual(['white', 'bme', null]);
    expect(counts(mentored.groups[0]).slice(0, 3)).toEqual([12, 8, 6]);
    expect(mentored.groups[0].applied).toEqual({ count: 8, share: 8 / 12, suppressed: false });
    expect(mentored.groups[0].withOutcome).toEqual({ count: 6, share: 6 / 8, suppressed: false });
    expect(counts(mentored.groups[1]).slice(0, 3)).toEqual([10, 6, 5]);
  });

  it('given an appointed count below k, then it is null, and so is the other group’s, which the overall count would otherwise give back', () => {
    expect(mentored.overall.appointed).toEqual({ count: 8, share: 8 / 14, suppressed: false });
    expect(mentored.groups[1].appointed).toEqual({ count: null, share: null, suppressed: true });
    expect(mentored.groups[0].appointed).toEqual({ count: null, share: null, suppressed: true });
    expect(mentored.groups.map((g) => g.suppressed)).toEqual([true, true, false]);
    expect(mentored.overall.suppressed).toBe(false);
  });

  it('given an empty group, then it is shown in every arm with zero counts and no shares, not withheld', () => {
    expect(mentored.groups[2]).toEqual({
      group: null, n: 0,
      applied: { count: 0, share: null, suppressed: false },
      withOutcome: { count: 0, share: null, suppressed: false },
      appointed: { count: 0, share: null, suppressed: false },
      suppressed: false,
    });
  });

  it('given one member without a group, then that group’s counts are suppressed, and a second group’s too, so that overall less the groups gives nothing', () => {
    expect(comparison.groups.map((g) => g.group)).toEqual(['white', 'bme', null]);
    expect(counts(comparison.overall)).toEqual([41, 11, 11, 7]);
    // members: [20, 20, 1] → 1 primary, then the first smallest other (white’s 20) secondary.
    expect(comparison.groups.map((g) => g.n)).toEqual([null, 20, null]);
    // applied and with an outcome: [10, 0, 1] → white’s 10 hidden too (a zero tells nothing to protect).
    expect(comparison.groups.map((g) => g.applied.count)).toEqual([null, 0, null]);
    expect(comparison.groups.map((g) => g.withOutcome.count)).toEqual([null, 0, null]);
    // appointed: [6, 0, 1] → white’s 6 hidden.
    expect(comparison.groups.map((g) => g.appointed.count)).toEqual([null, 0, null]);
  });

  it('given a share whose count or denominator is withheld, or whose denominator is below k, then it is withheld; over nobody it is null but shown', () => {
    expect(comparison.groups[1].applied).toEqual({ count: 0, share: 0, suppressed: false });
    expect(comparison.groups[1].withOutcome).toEqual({ count: 0, share: null, suppressed: false });
    expect(comparison.groups[0].applied).toEqual({ count: null, share: null, suppressed: true });
    const few = applicationsAfterProgramme([{ name: 'a', members: people('g', 10, 5, 0, 0) }], { k: 6, windowMonths: 6, disclosure: 'exact' });
    // Five applied under k = 6: the count is withheld, and the shares over it.
    expect(few.arms[0].overall).toMatchObject({ n: 10, applied: { count: null, share: null, suppressed: true }, withOutcome: { count: 0, share: null, suppressed: true } });
  });

  it('given no groups listed, then the groups found come in sorted order, and the members without one last', () => {
    const r = applicationsAfterProgramme(exactArms(), { k: 5, windowMonths: 6, disclosure: 'exact' });
    expect(r.arms[0].groups.map((g) => g.group)).toEqual(['bme', 'white', null]);
    const listed = applicationsAfterProgramme(exactArms(), { k: 5, windowMonths: 6, disclosure: 'exact', groups: ['white', 'other'] });
    expect(listed.arms[1].groups.map((g) => [g.group, g.n])).toEqual([['white', null], ['other', 0], ['bme', 20], [null, null]]);
  });

  it('given k below 3, then it throws', () => {
    expect(() => applicationsAfterProgramme(exactArms(), { k: 2, windowMonths: 6, disclosure: 'exact' })).toThrow(RangeError);
  });
});

describe('applications after a programme, protected', () => {
  const arms = (): ApplicationArm[] => [
    { name: 'mentored', members: [...people('bme', 10, 6, 5, 3, 0), ...people('white', 12, 8, 6, 5, 100), ...people(null, 2, 1, 1, 0, 200)] },
  ];
  const options = { k: 5, windowMonths: 6, disclosure: 'protected' as const };
  const keyOf = (members: readonly MemberApplications[]) => members.reduce((key, m) => addRecordKey(key, m.recordKey), 0);

  it('given record keys, then every count, overall included, is rounded to a multiple of k by the sum of its members’ keys', () => {
    const r = applicationsAfterProgramme(arms(), options);
    const members = arms()[0].members;
    const f = r.arms[0];
    const expectCell = (shown: number | null, who: readonly MemberApplications[]) => expect(shown).toBe(roundByCellKey(who.length, keyOf(who), 5));
    expectCell(f.overall.n, members);
    expectCell(f.overall.applied.count, members.filter((m) => m.applied));
    expectCell(f.overall.appointed.count, members.filter((m) => m.appointed));
    expectCell(f.groups[0].withOutcome.count, members.filter((m) => m.group === 'bme' && m.withOutcome));
    expectCell(f.groups[2].n, members.filter((m) => m.group === null));
    const all = [f.overall, ...f.groups].flatMap(counts);
    expect(all.every((c) => c !== null && c % 5 === 0)).toBe(true);
    expect([f.overall, ...f.groups].every((g) => !g.suppressed)).toBe(true);
  });

  it('given the same members in any order, then the answer is the same', () => {
    const once = applicationsAfterProgramme(arms(), options);
    const reversed = arms().map((a) => ({ ...a, members: [...a.members].reverse() }));
    expect(applicationsAfterProgramme(reversed, options)).toEqual(once);
    expect(applicationsAfterProgramme(arms(), options)).toEqual(once);
  });

  it('given shares of rounded counts, then they are computed from those counts and capped at 1', () => {
    const r = applicationsAfterProgramme(arms(), options).arms[0];
    for (const f of [r.overall, ...r.groups]) {
      const [n, applied, outcome, appointed] = counts(f) as number[];
      expect(f.applied.share).toBe(n === 0 ? null : Math.min(1, applied / n));
      expect(f.withOutcome.share).toBe(applied === 0 ? null : Math.min(1, outcome / applied));
      expect(f.appointed.share).toBe(applied === 0 ? null : Math.min(1, appointed / applied));
    }
  });
});

describe('applications after a programme as CSV', () => {
  it('given a result, then it is one row per arm × scope × measure, withheld values empty, suppressed 1 or 0', () => {
    const r = applicationsAfterProgramme(exactArms(), { k: 5, windowMonths: 6, disclosure: 'exact', groups: ['white', 'bme'] });
    const lines = applicationsCsv(r).trimEnd().split('\r\n');
    expect(lines[0]).toBe(APPLICATIONS_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + 2 * 4 * 4);
    expect(lines.slice(1, 5)).toEqual([
      '6,mentored,overall,,members,22,,,0',
      `6,mentored,overall,,applied,14,22,${14 / 22},0`,
      `6,mentored,overall,,with_outcome,11,14,${11 / 14},0`,
      `6,mentored,overall,,appointed,8,14,${8 / 14},0`,
    ]);
    expect(lines[8]).toBe('6,mentored,group,white,appointed,,8,,1');
    expect(lines.slice(13, 17)).toEqual([
      '6,mentored,group,,members,0,,,0',
      '6,mentored,group,,applied,0,0,,0',
      '6,mentored,group,,with_outcome,0,0,,0',
      '6,mentored,group,,appointed,0,0,,0',
    ]);
    expect(lines[17 + 4]).toBe('6,comparison,group,white,members,,,,1');
  });
});
