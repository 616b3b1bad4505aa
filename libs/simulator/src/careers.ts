import type { LeavingReason } from '@rung/contracts';
import { newVacancyRef, submitApplication, withdrawApplications } from './applications';
import { DAYS_PER_YEAR, yearOf } from './calendar';
import { wrongEthnicity, type WresClass } from './demographics';
import { GRADE_LADDERS, WORKFORCE_MODEL as M } from './model';
import { Weighted, type Prng } from './prng';
import { withdrawProgrammes } from './programmes';
import { LEARNING_SOURCE, type Employee, type Org, type World } from './world';

const LEAVING_REASONS = new Weighted<LeavingReason>([
  ['voluntary', 70], ['end-of-contract', 10], ['dismissal', 4], ['redundancy', 3], ['other', 12], ['death', 1],
]);
const LEAVING_REASONS_OLDER = new Weighted<LeavingReason>([['retirement', 50], ['voluntary', 38], ['other', 10], ['death', 2]]);

/** Draws who leaves in the month [start, end), books the person-time and hazard, and schedules the leaving. */
export function drawExits(world: World, org: Org, start: number, end: number): void {
  const totals = { white: [0, 0, 0], bme: [0, 0, 0], 'not-stated': [0, 0, 0] };
  for (const emp of org.staff) {
    const rate = world.hazards.exitRate(emp.level, (start - emp.hiredDay) / DAYS_PER_YEAR, emp.cls);
    const wait = Math.floor(world.rng.exponential(rate / DAYS_PER_YEAR));
    emp.exitDay = start + wait < end ? start + wait : null;
    const exposure = (emp.exitDay ?? end) - start;
    const sums = totals[emp.cls];
    sums[0] += exposure;
    sums[1] += (rate * exposure) / DAYS_PER_YEAR;
    if (emp.exitDay !== null) {
      sums[2] += 1;
      world.schedule.at(emp.exitDay, (day) => leave(world, emp, day));
    }
  }
  const year = yearOf(start);
  for (const [cls, [exposure, expected, exits]] of Object.entries(totals)) world.ledger.add(org.id, year, cls as WresClass, exposure, expected, exits);
}

/** Applications, training, disciplinary cases and the odd wrongly keyed record, up to the day each person leaves. */
export function drawActivity(world: World, org: Org, start: number, end: number): void {
  for (const emp of org.staff) {
    const until = emp.exitDay ?? end;
    drawApplications(world, emp, start, Math.min(until, world.lastSubmissionDay + 1));
    drawTraining(world, emp, start, until);
    drawWronglyKeyed(world, emp, start, until);
  }
}

/** Internal applications as a Poisson process whose rate changes on the day mentoring starts. */
function drawApplications(world: World, emp: Employee, from: number, to: number): void {
  const cuts = emp.mentoredFrom !== null && emp.mentoredFrom > from && emp.mentoredFrom < to ? [from, emp.mentoredFrom, to] : [from, to];
  for (let i = 0; i + 1 < cuts.length && !emp.pendingSuccess; i += 1) {
    const mentored = emp.mentoredFrom !== null && emp.mentoredFrom <= cuts[i];
    const rate = world.hazards.internalApplicationRate(emp.level, emp.cls, mentored) / DAYS_PER_YEAR;
    for (const day of poissonDays(world.rng, rate, cuts[i], cuts[i + 1])) {
      const target = (emp.level + 1) as Employee['level'];
      const app = submitApplication(world, emp, target, newVacancyRef(emp.org), day, (at) => promote(world, emp, at));
      if (app.appointed) {
        emp.pendingSuccess = true;
        break;
      }
    }
  }
}

function drawTraining(world: World, emp: Employee, from: number, to: number): void {
  const { rng, emitter, hazards } = world;
  for (const day of poissonDays(rng, M.trainingRate / DAYS_PER_YEAR, from, to)) {
    emitter.emit('TrainingAccessed', emp.key, day, LEARNING_SOURCE, {
      kind: rng.chance(0.6) ? 'non-mandatory' : 'cpd', outcome: rng.chance(M.trainingGrantedProbability) ? 'granted' : 'declined',
    });
  }
  for (const day of poissonDays(rng, hazards.disciplinaryRate(emp.cls) / DAYS_PER_YEAR, from, to)) {
    emitter.emit('DisciplinaryCaseOpened', emp.key, day, emp.org.hrSource, { caseKind: rng.pick(['conduct', 'capability', 'attendance']) });
  }
}

/** A record keyed against the wrong person or with a wrong value, retracted some weeks later. */
function drawWronglyKeyed(world: World, emp: Employee, from: number, to: number): void {
  const { rng, emitter } = world;
  if (to <= from || !rng.chance(world.options.retractionRate / 12)) return;
  const day = rng.int(from, to - 1);
  const retractOn = day + rng.int(20, 80);
  if (retractOn >= world.endDay) return;
  const source = emp.org.hrSource;
  const kind = rng.int(0, 2);
  const wrong =
    kind === 0 ? emitter.emit('DemographicsRecorded', emp.key, day, source, { ethnicity: wrongEthnicity(rng, emp.demographics.ethnicity) })
    : kind === 1 ? emitter.emit('TrainingAccessed', emp.key, day, LEARNING_SOURCE, { kind: 'cpd', outcome: 'granted' })
    : emitter.emit('DisciplinaryCaseOpened', emp.key, day, source, { caseKind: 'conduct' });
  world.schedule.at(retractOn, (at) => {
    emitter.emit('EventRetracted', emp.key, at, source, { retractedEventId: wrong.eventId, reason: 'keyed-in-error' });
  });
}

function promote(world: World, emp: Employee, day: number): void {
  const toLevel = (emp.level + 1) as Employee['level'];
  const toGrade = GRADE_LADDERS[emp.org.template.gradeScheme][toLevel][0];
  world.emitter.emit('PromotionGranted', emp.key, day, emp.org.hrSource, {
    fromGrade: emp.grade, toGrade, gradeScheme: emp.org.template.gradeScheme, basis: 'competitive',
  });
  emp.level = toLevel;
  emp.grade = toGrade;
  emp.pendingSuccess = false;
}

function leave(world: World, emp: Employee, day: number): void {
  withdrawApplications(world, emp, day);
  withdrawProgrammes(world, emp, day, 'left-employment');
  const older = emp.demographics.ageBand === '55-64' || emp.demographics.ageBand === '65+';
  world.emitter.emit('EmployeeLeft', emp.key, day, emp.org.hrSource, { reason: (older ? LEAVING_REASONS_OLDER : LEAVING_REASONS).draw(world.rng) });
  emp.left = true;
  emp.pendingSuccess = false;
}

/** The days on which a Poisson process of `ratePerDay` fires in [from, to). */
export function poissonDays(rng: Prng, ratePerDay: number, from: number, to: number): number[] {
  const days: number[] = [];
  for (let t = from + rng.exponential(ratePerDay); t < to; t += rng.exponential(ratePerDay)) days.push(Math.floor(t));
  return days;
}
