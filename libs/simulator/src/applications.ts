import type { Level } from '@rung/contracts';
import { isEmployee, RECRUITMENT_SOURCE, type Application, type Employee, type Org, type Person, type World } from './world';
import { GRADE_LADDERS } from './model';

/**
 * Submits an application and schedules its shortlisting and outcome. Both are decided now, with the
 * group's probabilities, so that an internal applicant heading for appointment can be known at once.
 */
export function submitApplication(world: World, applicant: Person, target: Level, vacancyRef: string, day: number, onAppointed: (day: number) => void): Application {
  const { hazards, rng, emitter } = world;
  const org = applicant.org;
  org.counters.applications += 1;
  const shortlisted = rng.chance(hazards.shortlistProbability(applicant.cls));
  const app: Application = {
    id: `APP-${org.counters.applications}`, vacancyRef, internal: isEmployee(applicant), targetLevel: target,
    targetGrade: GRADE_LADDERS[org.template.gradeScheme][target][0], shortlisted,
    appointed: shortlisted && rng.chance(hazards.appointmentProbability(applicant.cls)), stage: 'submitted',
  };
  if (isEmployee(applicant)) applicant.openApplications.add(app);
  emitter.emit('ApplicationSubmitted', applicant.key, day, RECRUITMENT_SOURCE, {
    applicationId: app.id, vacancyRef, targetGrade: app.targetGrade, gradeScheme: org.template.gradeScheme, internal: app.internal,
  });
  world.schedule.at(day + rng.int(14, 27), (at) => shortlisting(world, applicant, app, at, onAppointed));
  return app;
}

function shortlisting(world: World, applicant: Person, app: Application, day: number, onAppointed: (day: number) => void): void {
  if (app.stage === 'closed') return;
  if (!app.shortlisted) {
    close(world, applicant, app, day, 'rejected', 'shortlisting');
    return;
  }
  app.stage = 'shortlisted';
  world.emitter.emit('ApplicationShortlisted', applicant.key, day, RECRUITMENT_SOURCE, { applicationId: app.id });
  world.schedule.at(day + world.rng.int(14, 28), (outcomeDay) => {
    if (app.stage === 'closed') return;
    close(world, applicant, app, outcomeDay, app.appointed ? 'appointed' : 'rejected', app.appointed ? 'offer' : 'interview');
    if (app.appointed) onAppointed(outcomeDay);
  });
}

/** An internal applicant who leaves withdraws every application still open. */
export function withdrawApplications(world: World, employee: Employee, day: number): void {
  for (const app of employee.openApplications) {
    close(world, employee, app, day, 'withdrawn', app.stage === 'shortlisted' ? 'interview' : 'shortlisting');
  }
}

function close(world: World, applicant: Person, app: Application, day: number, outcome: 'appointed' | 'rejected' | 'withdrawn', stage: 'shortlisting' | 'interview' | 'offer'): void {
  app.stage = 'closed';
  if (isEmployee(applicant)) applicant.openApplications.delete(app);
  world.emitter.emit('ApplicationOutcome', applicant.key, day, RECRUITMENT_SOURCE, { applicationId: app.id, outcome, stage });
}

export function newVacancyRef(org: Org): string {
  org.counters.vacancies += 1;
  return `VAC-${org.counters.vacancies}`;
}
