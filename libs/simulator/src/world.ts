import type { Level, ProgrammeKind } from '@rung/contracts';
import type { Demographics, WresClass } from './demographics';
import type { Emitter, SubjectKey } from './emitter';
import type { Hazards } from './hazards';
import type { ExitLedger } from './ledger';
import type { OrgTemplate } from './model';
import type { SimulationOptions } from './options';
import type { Prng } from './prng';
import type { Schedule } from './schedule';

export interface Org {
  id: string;
  template: OrgTemplate;
  /** The system that sends this organisation's HR events (`source`). */
  hrSource: string;
  target: Record<Level, number>;
  staff: Employee[];
  /** Per level: hires agreed but not started, and adverts still open. */
  incoming: Record<Level, number>;
  counters: { subjects: number; applications: number; vacancies: number };
}

export interface Person {
  key: SubjectKey;
  org: Org;
  demographics: Demographics;
  cls: WresClass;
}

export interface Employee extends Person {
  level: Level;
  grade: string;
  hiredDay: number;
  /** The leaving day drawn for the current month, if any. */
  exitDay: number | null;
  left: boolean;
  mentoredFrom: number | null;
  enrolledKinds: Set<ProgrammeKind>;
  openProgrammes: Set<string>;
  /** An application that will end in appointment is under way; no new ones until it does. */
  pendingSuccess: boolean;
  openApplications: Set<Application>;
}

export interface Application {
  id: string;
  vacancyRef: string;
  internal: boolean;
  targetLevel: Level;
  targetGrade: string;
  shortlisted: boolean;
  appointed: boolean;
  stage: 'submitted' | 'shortlisted' | 'closed';
}

/** Everything the processes share for one run. */
export interface World {
  options: SimulationOptions;
  hazards: Hazards;
  rng: Prng;
  emitter: Emitter;
  schedule: Schedule;
  ledger: ExitLedger;
  grid: readonly number[];
  startDay: number;
  endDay: number;
  /** No application is submitted after this day, so that every one is decided within the run. */
  lastSubmissionDay: number;
  orgs: Org[];
  subjects: number;
  /** Every programme run, by id, with its enrolment window. */
  programmes: Map<string, ProgrammeRun>;
}

export interface ProgrammeRun {
  programmeId: string;
  kind: ProgrammeKind;
  enrolmentFrom: string;
  enrolmentTo: string;
}

/** Longest time from submission to outcome, in days (shortlisting 14–27, outcome 14–28 days later). */
export const APPLICATION_DAYS = 56;
export const RECRUITMENT_SOURCE = 'recruit';
export const LEARNING_SOURCE = 'learning';

export function newPerson(world: World, org: Org, demographics: Demographics, cls: WresClass): Person {
  org.counters.subjects += 1;
  world.subjects += 1;
  return { key: { orgId: org.id, ref: `S${String(org.counters.subjects).padStart(6, '0')}` }, org, demographics, cls };
}

export function toEmployee(person: Person, level: Level, grade: string, hiredDay: number): Employee {
  // Spelled out rather than spread, so that every employee shares one object shape (a large speed-up).
  return {
    key: person.key, org: person.org, demographics: person.demographics, cls: person.cls, level, grade, hiredDay, exitDay: null, left: false, mentoredFrom: null,
    enrolledKinds: new Set(), openProgrammes: new Set(), pendingSuccess: false, openApplications: new Set(),
  };
}

export function isEmployee(person: Person): person is Employee {
  return 'openApplications' in person;
}

/** The end of the month that holds `day` (exclusive). */
export function monthEndOf(world: World, day: number): number {
  const month = world.schedule.monthOf(day);
  return month === undefined ? world.endDay : world.grid[month + 1];
}
