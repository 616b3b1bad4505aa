import type { ContractType, Level } from '@rung/contracts';
import { newVacancyRef, submitApplication } from './applications';
import { DAYS_PER_YEAR, yearOf } from './calendar';
import { drawDemographics, wresClass } from './demographics';
import { GRADE_LADDERS, LEVEL_LIST, WORKFORCE_MODEL as M } from './model';
import { Weighted } from './prng';
import { monthEndOf, newPerson, RECRUITMENT_SOURCE, toEmployee, type Employee, type Org, type Person, type World } from './world';

const CONTRACTS = new Weighted<ContractType>([['permanent', 85], ['fixed-term', 10], ['bank', 5]]);
const FTE = new Weighted<number>([[1, 70], [0.8, 12], [0.6, 10], [0.5, 8]]);

/** The staff in post on the first day: hired years before, recorded in one HR snapshot on that day. */
export function seedWorkforce(world: World, org: Org): void {
  for (const level of LEVEL_LIST) {
    for (let i = 0; i < org.target[level]; i += 1) {
      const tenureDays = Math.floor(Math.min(40, world.rng.exponential(1 / M.meanInitialTenureYears)) * DAYS_PER_YEAR);
      const emp = employ(world, org, candidate(world, org, false), level, world.startDay - tenureDays);
      world.emitter.emit('DemographicsRecorded', emp.key, world.startDay, org.hrSource, { ...emp.demographics });
    }
  }
}

/**
 * Fills the vacancies open on the first day of the month. Some are advertised through the recorded
 * recruitment system, where external applicants are shortlisted and appointed like internal ones;
 * the rest, and every vacancy too late in the run to advertise, are filled by a direct hire.
 */
export function recruit(world: World, org: Org, start: number, end: number): void {
  const inPost = countByLevel(org);
  for (const level of LEVEL_LIST) {
    const vacancies = org.target[level] - inPost[level] - org.incoming[level];
    for (let v = 0; v < vacancies; v += 1) {
      const day = world.rng.int(start, end - 1);
      org.incoming[level] += 1;
      if (day <= world.lastSubmissionDay && world.rng.chance(M.recordedRecruitmentShare)) advertise(world, org, level, day);
      else world.schedule.at(day, (at) => hire(world, org, candidate(world, org, true), level, at));
    }
  }
}

/** One advert: its applicants are decided independently; each one appointed is hired. */
function advertise(world: World, org: Org, level: Level, day: number): void {
  const vacancyRef = newVacancyRef(org);
  const applicants = world.rng.int(M.applicantsPerAdvert.min, M.applicantsPerAdvert.max);
  for (let i = 0; i < applicants; i += 1) {
    const applicant = candidate(world, org, true);
    const { ethnicity, migrantGeneration, sex, ageBand, disability } = applicant.demographics;
    world.emitter.emit('DemographicsRecorded', applicant.key, day, RECRUITMENT_SOURCE, { ethnicity, migrantGeneration, sex, ageBand, disability });
    submitApplication(world, applicant, level, vacancyRef, day, (appointedOn) => {
      org.incoming[level] += 1;
      world.schedule.at(appointedOn + world.rng.int(14, 42), (at) => hire(world, org, applicant, level, at));
    });
  }
  world.schedule.at(day + 56, () => {
    org.incoming[level] -= 1;
  });
}

function candidate(world: World, org: Org, newStarter: boolean): Person {
  const demographics = drawDemographics(world.rng, org.template.femaleShare, newStarter);
  return newPerson(world, org, demographics, wresClass(demographics.ethnicity));
}

function employ(world: World, org: Org, person: Person, level: Level, day: number): Employee {
  const { rng } = world;
  const emp = toEmployee(person, level, rng.pick(GRADE_LADDERS[org.template.gradeScheme][level]), day);
  org.staff.push(emp);
  world.emitter.emit('EmployeeHired', emp.key, day, org.hrSource, {
    grade: emp.grade, gradeScheme: org.template.gradeScheme, jobFamily: rng.pick(org.template.jobFamilies), contractType: CONTRACTS.draw(rng), fte: FTE.draw(rng),
  });
  return emp;
}

/** Starts a spell; the first part-month counts as time in post at no risk, since hazards start next month. */
function hire(world: World, org: Org, person: Person, level: Level, day: number): void {
  const emp = employ(world, org, person, level, day);
  world.emitter.emit('DemographicsRecorded', emp.key, day, org.hrSource, { ...emp.demographics });
  org.incoming[level] -= 1;
  world.ledger.add(org.id, yearOf(day), emp.cls, monthEndOf(world, day) - day, 0, 0);
}

function countByLevel(org: Org): Record<Level, number> {
  const counts: Record<Level, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 };
  for (const emp of org.staff) if (!emp.left) counts[emp.level] += 1;
  return counts;
}
