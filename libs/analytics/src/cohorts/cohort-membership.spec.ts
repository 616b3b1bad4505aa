import { timelineOf } from '@rung/testing';
import { dayOf } from '../common/days';
import type { CohortDefinition } from './cohort-definition';
import { compileCohort, memberOf } from './cohort-membership';

const mentoring2024: CohortDefinition = {
  name: 'Mentoring 2024', orgIds: ['rx1-trust'],
  entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', role: 'participant', between: ['2024-01-01', '2024-12-31'] },
  where: {},
};
const AS_OF = dayOf('2026-01-01');

const member = (def: CohortDefinition, t: ReturnType<typeof timelineOf>, asOf = AS_OF) => memberOf(compileCohort(def), t, asOf);

describe('cohort membership and time zero', () => {
  it('given two enrolments in the window, when evaluated, then time zero is the first of them and the level is the level that day', () => {
    const t = timelineOf('s1', (s) => {
      s.add('EmployeeHired', '2020-01-06', { grade: '5' });
      s.add('ProgrammeEnrolled', '2024-09-01', { programmeId: 'mentor-b' });
      s.add('PromotionGranted', '2024-05-01', { fromGrade: '5', toGrade: '6' });
      s.add('ProgrammeEnrolled', '2024-03-01', { programmeId: 'mentor-a' });
    });

    expect(member(mentoring2024, t)).toMatchObject({ timeZero: dayOf('2024-03-01'), levelAtEntry: 2 });
  });

  it('given an enrolment before the window and one in it, then time zero is the one in the window', () => {
    const t = timelineOf('s1', (s) => {
      s.add('ProgrammeEnrolled', '2023-06-01');
      s.add('ProgrammeEnrolled', '2024-02-01');
    });
    expect(member(mentoring2024, t)?.timeZero).toBe(dayOf('2024-02-01'));
  });

  it('given an enrolment on another kind, in another role, outside the window or after the as-of date, then the subject is not a member', () => {
    const coaching = timelineOf('a', (s) => s.add('ProgrammeEnrolled', '2024-02-01', { programmeKind: 'coaching' }));
    const mentor = timelineOf('b', (s) => s.add('ProgrammeEnrolled', '2024-02-01', { role: 'mentor' }));
    const late = timelineOf('c', (s) => s.add('ProgrammeEnrolled', '2025-01-01'));
    const inWindow = timelineOf('d', (s) => s.add('ProgrammeEnrolled', '2024-12-31'));

    expect(member(mentoring2024, coaching)).toBeUndefined();
    expect(member(mentoring2024, mentor)).toBeUndefined();
    expect(member(mentoring2024, late)).toBeUndefined();
    expect(member(mentoring2024, inWindow)).toBeDefined();
    expect(member(mentoring2024, inWindow, dayOf('2024-12-30'))).toBeUndefined();
  });

  it('given a subject of another organisation, then it is not a member', () => {
    const t = timelineOf('s1', (s) => s.add('ProgrammeEnrolled', '2024-02-01'), 'other-trust');
    expect(member(mentoring2024, t)).toBeUndefined();
  });

  it('given an EmployeeHired entry, then a rehire in the window counts from the rehire', () => {
    const def: CohortDefinition = { name: 'Hired 2024', orgIds: ['rx1-trust'], entry: { on: 'EmployeeHired', between: ['2024-01-01', '2024-12-31'] }, where: {} };
    const rehired = timelineOf('s1', (s) => {
      s.add('EmployeeHired', '2019-01-01');
      s.add('EmployeeLeft', '2023-01-01');
      s.add('EmployeeHired', '2024-04-02', { grade: '6' });
    });
    expect(member(def, rehired)).toMatchObject({ timeZero: dayOf('2024-04-02'), levelAtEntry: 3 });
  });

  it('given an employed-at entry, then only those in post that day are members, with time zero on that day', () => {
    const def: CohortDefinition = { name: 'In post', orgIds: ['rx1-trust'], entry: { on: 'employed', at: '2022-04-01' }, where: { levelAtEntry: { min: 1, max: 2 } } };
    const inPost = timelineOf('a', (s) => s.add('EmployeeHired', '2020-01-01', { grade: '4' }));
    const leftThatDay = timelineOf('b', (s) => {
      s.add('EmployeeHired', '2020-01-01');
      s.add('EmployeeLeft', '2022-04-01');
    });
    const startsLater = timelineOf('c', (s) => s.add('EmployeeHired', '2022-04-02'));
    const senior = timelineOf('d', (s) => s.add('EmployeeHired', '2020-01-01', { grade: '7' }));

    expect(member(def, inPost)).toMatchObject({ timeZero: dayOf('2022-04-01'), levelAtEntry: 1 });
    expect(member(def, leftThatDay)).toBeUndefined();
    expect(member(def, startsLater)).toBeUndefined();
    expect(member(def, senior)).toBeUndefined();
  });

  it('given a where on a grouping and on demographic lists, then only matching subjects are members', () => {
    const def: CohortDefinition = { ...mentoring2024, where: { grouping: 'wres', groups: ['bme'], sex: ['female'], ageBand: ['25-34'] } };
    const enrol = (ethnicity: 'black-african' | 'white-british' | 'not-stated', sex: 'female' | 'male') => timelineOf(`${ethnicity}-${sex}`, (s) => {
      s.add('DemographicsRecorded', '2020-01-01', { ethnicity, sex, ageBand: '25-34' });
      s.add('ProgrammeEnrolled', '2024-02-01');
    });

    expect(member(def, enrol('black-african', 'female'))).toBeDefined();
    expect(member(def, enrol('white-british', 'female'))).toBeUndefined();
    expect(member(def, enrol('not-stated', 'female'))).toBeUndefined();
    expect(member(def, enrol('black-african', 'male'))).toBeUndefined();
  });

  it('given a level filter and no grade at entry, then the subject is not a member', () => {
    const def: CohortDefinition = { ...mentoring2024, where: { levelAtEntry: { max: 2 } } };
    expect(member(def, timelineOf('s1', (s) => s.add('ProgrammeEnrolled', '2024-02-01')))).toBeUndefined();
  });
});

describe('cohort membership: ethnicity codes and programme exclusion', () => {
  const employed2024: CohortDefinition = { name: 'Staff in post', orgIds: ['rx1-trust'], entry: { on: 'employed', at: '2024-01-01' }, where: {} };
  const staff = (id: string, build: Parameters<typeof timelineOf>[1] = () => undefined) => timelineOf(id, (s) => {
    s.add('EmployeeHired', '2020-01-06', { grade: '5' });
    build(s);
  });

  it('given where.ethnicity, then only subjects with one of those ONS codes are members, and not-stated only when listed', () => {
    const def: CohortDefinition = { ...employed2024, where: { ethnicity: ['black-african', 'not-stated'] } };
    const as = (ethnicity: 'black-african' | 'black-caribbean' | 'not-stated') =>
      staff(ethnicity, (s) => s.add('DemographicsRecorded', '2020-01-01', { ethnicity }));

    expect(member(def, as('black-african'))).toBeDefined();
    expect(member(def, as('not-stated'))).toBeDefined();
    expect(member(def, as('black-caribbean'))).toBeUndefined();
    expect(member(def, staff('none'))).toBeUndefined();
  });

  it('given exclude, when a subject enrolled on or before time zero, then they are not a member; later they are, followed in full', () => {
    const def: CohortDefinition = { ...employed2024, exclude: { programmeKind: 'mentoring', role: 'participant' } };
    const before = staff('before', (s) => s.add('ProgrammeEnrolled', '2023-12-31'));
    const onTheDay = staff('day', (s) => s.add('ProgrammeEnrolled', '2024-01-01'));
    const later = staff('later', (s) => s.add('ProgrammeEnrolled', '2024-06-01'));
    const asMentor = staff('mentor', (s) => s.add('ProgrammeEnrolled', '2023-06-01', { role: 'mentor' }));

    expect(member(def, before)).toBeUndefined();
    expect(member(def, onTheDay)).toBeUndefined();
    expect(member(def, later)?.censorAt).toBeUndefined();
    expect(member(def, asMentor)).toBeDefined();
  });

  it('given exclude with censorAtEnrolment, when a member enrols after time zero, then they are censored on the day they enrol', () => {
    const def: CohortDefinition = { ...employed2024, exclude: { programmeKind: 'mentoring', censorAtEnrolment: true } };
    const later = staff('later', (s) => {
      s.add('ProgrammeEnrolled', '2024-06-01', { programmeKind: 'coaching' });
      s.add('ProgrammeEnrolled', '2024-03-01');
      s.add('ProgrammeEnrolled', '2024-09-01');
    });

    expect(member(def, later)).toMatchObject({ timeZero: dayOf('2024-01-01'), censorAt: dayOf('2024-03-01') - dayOf('2024-01-01') });
    expect(member(def, staff('never'))?.censorAt).toBeUndefined();
    expect(member(def, staff('day', (s) => s.add('ProgrammeEnrolled', '2024-01-01')))).toBeUndefined();
    expect(member(def, staff('next', (s) => s.add('ProgrammeEnrolled', '2024-01-02')))?.censorAt).toBe(1);
  });
});
