import type { CareerEvent, Level, ProgrammeKind } from '@rung/contracts';
import { isoOf, yearOf } from './calendar';
import type { Prng } from './prng';
import { LEARNING_SOURCE, type Employee, type Org, type World } from './world';

interface ProgrammeSpec {
  kind: ProgrammeKind;
  /** The month of each simulated year (0 = the first) whose first fortnight is the enrolment window. */
  windowMonth: number;
  levels: readonly Level[];
  share: (world: World, emp: Employee) => number;
  /** Mentoring also enrols senior staff as mentors, one for three participants. */
  withMentors: boolean;
  cohorts: (world: World) => number;
}

const WINDOW_DAYS = 14;
const PROGRAMME_DAYS = 182;
const MENTOR_LEVELS: readonly Level[] = [4, 5, 6, 7];

const PROGRAMMES: readonly ProgrammeSpec[] = [
  {
    kind: 'mentoring', windowMonth: 5, levels: [1, 2], withMentors: true, cohorts: (world) => world.options.mentoring.cohorts,
    share: ({ options: { mentoring } }, emp) => Math.min(1, mentoring.enrolmentShare * (emp.cls === 'bme' ? mentoring.bmeSelectionRatio : 1)),
  },
  { kind: 'leadership', windowMonth: 8, levels: [3, 4, 5], withMentors: false, share: () => 0.04, cohorts: () => Infinity },
  { kind: 'coaching', windowMonth: 2, levels: [1, 2, 3, 4], withMentors: false, share: () => 0.02, cohorts: () => Infinity },
];

/** Opens the enrolment window of every programme whose window falls in month `month` of the run. */
export function runProgrammes(world: World, org: Org, month: number, start: number): void {
  for (const spec of PROGRAMMES) {
    if (month % 12 !== spec.windowMonth || Math.floor(month / 12) >= spec.cohorts(world)) continue;
    const programmeId = `${spec.kind}-${yearOf(start)}`;
    world.programmes.set(programmeId, { programmeId, kind: spec.kind, enrolmentFrom: isoOf(start), enrolmentTo: isoOf(start + WINDOW_DAYS - 1) });
    const enrolments = enrolCohort(world, org, spec, programmeId, start);
    if (spec.withMentors) assignMentors(enrolments, enrolMentors(world, org, spec, programmeId, start, Math.ceil(enrolments.length / 3)));
  }
}

/** Withdraws a leaver from every programme still running. */
export function withdrawProgrammes(world: World, emp: Employee, day: number, reason: string): void {
  for (const programmeId of emp.openProgrammes) {
    world.emitter.emit('ProgrammeWithdrawn', emp.key, day, LEARNING_SOURCE, { programmeId, reason });
  }
  emp.openProgrammes.clear();
}

/** The participants' enrolment events, in the order they enrolled. */
function enrolCohort(world: World, org: Org, spec: ProgrammeSpec, programmeId: string, start: number): CareerEvent[] {
  const enrolments: CareerEvent[] = [];
  for (const emp of org.staff) {
    const day = start + world.rng.int(0, WINDOW_DAYS - 1);
    const eligible = spec.levels.includes(emp.level) && !emp.enrolledKinds.has(spec.kind) && day - emp.hiredDay >= 182;
    if (!eligible || !inPostOn(emp, day) || !world.rng.chance(spec.share(world, emp))) continue;
    enrolments.push(enrol(world, emp, spec.kind, programmeId, 'participant', day));
  }
  return enrolments;
}

function enrolMentors(world: World, org: Org, spec: ProgrammeSpec, programmeId: string, start: number, wanted: number): Employee[] {
  const day = start + WINDOW_DAYS - 1;
  const candidates = org.staff.filter((emp) => MENTOR_LEVELS.includes(emp.level) && inPostOn(emp, day));
  const mentors = sample(world.rng, candidates, wanted);
  for (const mentor of mentors) enrol(world, mentor, spec.kind, programmeId, 'mentor', day);
  return mentors;
}

/**
 * Names each participant's mentor on their enrolment (schema version 2), in turn, once the cohort's
 * mentors are known. The events have not left the emitter yet (they leave at the month's end), and
 * drawing no random numbers here keeps every other simulated figure as it was.
 */
function assignMentors(enrolments: readonly CareerEvent[], mentors: readonly Employee[]): void {
  if (!mentors.length) return;
  enrolments.forEach((event, i) => {
    if (event.type !== 'ProgrammeEnrolled') return;
    event.schemaVersion = 2;
    event.data.mentorRef = mentors[i % mentors.length].key.ref;
  });
}

function enrol(world: World, emp: Employee, kind: ProgrammeKind, programmeId: string, role: 'participant' | 'mentor', day: number): CareerEvent {
  const { rng, emitter } = world;
  const enrolment = emitter.emit('ProgrammeEnrolled', emp.key, day, LEARNING_SOURCE, { programmeId, programmeKind: kind, role, protectedTime: rng.chance(0.7) });
  emp.openProgrammes.add(programmeId);
  if (role === 'mentor') {
    world.schedule.at(day + PROGRAMME_DAYS, (at) => complete(world, emp, programmeId, at));
    return enrolment;
  }
  emp.enrolledKinds.add(kind);
  if (kind === 'mentoring') emp.mentoredFrom = day;
  const baseline = rng.int(1, 4);
  emitter.emit('AssessmentRecorded', emp.key, day, LEARNING_SOURCE, { instrument: 'confidence-self', phase: 'baseline', score: baseline, scaleMin: 1, scaleMax: 5 });
  if (rng.chance(0.15)) {
    world.schedule.at(day + rng.int(30, 150), (at) => withdraw(world, emp, programmeId, at));
    return enrolment;
  }
  world.schedule.at(day + PROGRAMME_DAYS, (at) => {
    if (!complete(world, emp, programmeId, at)) return;
    const score = Math.min(5, baseline + rng.int(0, 2));
    emitter.emit('AssessmentRecorded', emp.key, at, LEARNING_SOURCE, { instrument: 'confidence-self', phase: 'post', score, scaleMin: 1, scaleMax: 5 });
  });
  return enrolment;
}

function complete(world: World, emp: Employee, programmeId: string, day: number): boolean {
  if (!emp.openProgrammes.delete(programmeId)) return false;
  world.emitter.emit('ProgrammeCompleted', emp.key, day, LEARNING_SOURCE, { programmeId });
  return true;
}

function withdraw(world: World, emp: Employee, programmeId: string, day: number): void {
  if (!emp.openProgrammes.delete(programmeId)) return;
  world.emitter.emit('ProgrammeWithdrawn', emp.key, day, LEARNING_SOURCE, { programmeId, reason: 'workload' });
}

function inPostOn(emp: Employee, day: number): boolean {
  return !emp.left && (emp.exitDay === null || emp.exitDay > day);
}

/** Up to `n` distinct items, drawn without replacement. */
function sample<T>(rng: Prng, items: T[], n: number): T[] {
  const pool = [...items];
  const count = Math.min(n, pool.length);
  for (let i = 0; i < count; i += 1) {
    const j = rng.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}
