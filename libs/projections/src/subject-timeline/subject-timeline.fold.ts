import { assertNever, levelOf, type EventOf, type Level, type RecordedEvent } from '@rung/contracts';
import { compareBusinessOrder, effectiveHistory, retractedIds } from '@rung/domain';
import type { Application, GradePeriod, Participation, Spell, SubjectTimeline } from './subject-timeline';

export function emptyTimeline(subjectId: string, orgId: string): SubjectTimeline {
  return {
    subjectId, orgId, version: 0, lastApplied: null, retractedEventIds: [], spells: [], grades: [],
    promotions: [], applications: [], programmes: [], demographics: {}, training: [], assessments: [],
    disciplinaryCases: [],
  };
}

/** The whole timeline from a subject's stream, in any order: retractions applied, then business order. */
export function foldTimeline(subjectId: string, orgId: string, events: readonly RecordedEvent[]): SubjectTimeline {
  const folded = effectiveHistory(events).reduce(evolve, emptyTimeline(subjectId, orgId));
  const version = events.reduce((max, e) => Math.max(max, e.version), 0);
  return { ...folded, version, retractedEventIds: [...retractedIds(events)].sort() };
}

/**
 * New events can be applied to a timeline in place only when they continue its stream, come after
 * everything it has seen in business order, and retract nothing. Otherwise the stream is folded again.
 */
export function canEvolveIncrementally(timeline: SubjectTimeline, newEvents: readonly RecordedEvent[]): boolean {
  let last = timeline.lastApplied;
  let version = timeline.version;
  const retracted = new Set(timeline.retractedEventIds);
  for (const e of newEvents) {
    if (e.version !== version + 1 || e.type === 'EventRetracted' || retracted.has(e.eventId)) return false;
    if (last && compareBusinessOrder(e, last as RecordedEvent) < 0) return false;
    last = { occurredAt: e.occurredAt, position: e.position };
    version = e.version;
  }
  return true;
}

export function evolveAll(timeline: SubjectTimeline, newEvents: readonly RecordedEvent[]): SubjectTimeline {
  return newEvents.reduce(evolve, timeline);
}

/** Applies one event that continues the stream: the timeline moves to its version and business key. */
export function evolve(t: SubjectTimeline, e: RecordedEvent): SubjectTimeline {
  const next = applyEvent(t, e);
  const progress = { version: Math.max(t.version, e.version), lastApplied: { occurredAt: e.occurredAt, position: e.position } };
  // applyEvent returns a new object unless the event changes nothing; filling in a new one keeps evolve pure and saves a copy.
  return next === t ? { ...t, ...progress } : Object.assign(next, progress);
}

function applyEvent(t: SubjectTimeline, e: RecordedEvent): SubjectTimeline {
  switch (e.type) {
    case 'EmployeeHired':
      return hired(t, e);
    case 'EmployeeLeft':
      return left(t, e);
    case 'DemographicsRecorded':
      return { ...t, demographics: { ...t.demographics, ...definedOnly(e.data) } };
    case 'PromotionGranted':
      return promoted(t, e);
    case 'GradeChanged':
      return gradeChanged(t, e);
    case 'ApplicationSubmitted':
    case 'ApplicationShortlisted':
    case 'ApplicationOutcome':
      return { ...t, applications: applicationsAfter(t, e) };
    case 'ProgrammeEnrolled':
    case 'ProgrammeCompleted':
    case 'ProgrammeWithdrawn':
      return { ...t, programmes: programmesAfter(t.programmes, e) };
    case 'TrainingAccessed':
      return { ...t, training: [...t.training, { at: e.occurredAt, ...e.data }] };
    case 'AssessmentRecorded':
      return { ...t, assessments: [...t.assessments, { at: e.occurredAt, ...e.data }] };
    case 'DisciplinaryCaseOpened':
      return { ...t, disciplinaryCases: [...t.disciplinaryCases, { openedAt: e.occurredAt, caseKind: e.data.caseKind ?? null }] };
    case 'EventRetracted':
      return t;
    default:
      return assertNever(e);
  }
}

function hired(t: SubjectTimeline, e: EventOf<'EmployeeHired'>): SubjectTimeline {
  const { grade, gradeScheme, contractType, jobFamily, fte } = e.data;
  const spell: Spell = { hiredAt: e.occurredAt, leftAt: null, leavingReason: null, ...definedOnly({ contractType, jobFamily, fte }) };
  const period: GradePeriod = { from: e.occurredAt, grade, gradeScheme, level: level(gradeScheme, grade), change: 'hire' };
  const spells = openSpell(t) ? t.spells : [...t.spells, spell];
  return { ...t, spells, grades: [...t.grades, period] };
}

function left(t: SubjectTimeline, e: EventOf<'EmployeeLeft'>): SubjectTimeline {
  const open = openSpell(t);
  const closed: Spell = { ...(open ?? { hiredAt: null }), leftAt: e.occurredAt, leavingReason: e.data.reason };
  return { ...t, spells: open ? [...t.spells.slice(0, -1), closed] : [...t.spells, closed] };
}

function promoted(t: SubjectTimeline, e: EventOf<'PromotionGranted'>): SubjectTimeline {
  const { fromGrade, toGrade, gradeScheme, basis } = e.data;
  const fromLevel = level(gradeScheme, fromGrade);
  const toLevel = level(gradeScheme, toGrade);
  return {
    ...t,
    promotions: [...t.promotions, { at: e.occurredAt, fromGrade, toGrade, gradeScheme, fromLevel, toLevel, basis }],
    grades: [...t.grades, { from: e.occurredAt, grade: toGrade, gradeScheme, level: toLevel, change: 'promotion', basis }],
  };
}

function gradeChanged(t: SubjectTimeline, e: EventOf<'GradeChanged'>): SubjectTimeline {
  const { toGrade, gradeScheme, reason } = e.data;
  const period: GradePeriod = { from: e.occurredAt, grade: toGrade, gradeScheme, level: level(gradeScheme, toGrade), change: 'grade-change', reason };
  return { ...t, grades: [...t.grades, period] };
}

type ApplicationEvent = EventOf<'ApplicationSubmitted' | 'ApplicationShortlisted' | 'ApplicationOutcome'>;

function applicationsAfter(t: SubjectTimeline, e: ApplicationEvent): Application[] {
  const id = e.data.applicationId;
  const index = t.applications.findIndex((a) => a.applicationId === id);
  const current = index >= 0 ? t.applications[index] : blankApplication(id);
  const updated = updateApplication(current, e, currentLevel(t));
  return index >= 0 ? t.applications.map((a, i) => (i === index ? updated : a)) : [...t.applications, updated];
}

function updateApplication(a: Application, e: ApplicationEvent, levelNow: Level | null): Application {
  switch (e.type) {
    case 'ApplicationSubmitted': {
      const { vacancyRef, targetGrade, gradeScheme, internal } = e.data;
      const targetLevel = level(gradeScheme, targetGrade);
      return { ...a, vacancyRef, targetGrade, gradeScheme, targetLevel, internal, submittedAt: e.occurredAt, levelAtApplication: levelNow };
    }
    case 'ApplicationShortlisted':
      return { ...a, shortlistedAt: e.occurredAt };
    case 'ApplicationOutcome':
      return { ...a, outcome: e.data.outcome, outcomeAt: e.occurredAt, stage: e.data.stage ?? null };
    default:
      return assertNever(e);
  }
}

function blankApplication(applicationId: string): Application {
  return {
    applicationId, vacancyRef: null, targetGrade: null, gradeScheme: null, targetLevel: null, levelAtApplication: null,
    internal: null, submittedAt: null, shortlistedAt: null, outcome: null, outcomeAt: null, stage: null,
  };
}

type ProgrammeEvent = EventOf<'ProgrammeEnrolled' | 'ProgrammeCompleted' | 'ProgrammeWithdrawn'>;

function programmesAfter(list: Participation[], e: ProgrammeEvent): Participation[] {
  if (e.type === 'ProgrammeEnrolled') {
    const { programmeId, programmeKind, role, protectedTime, mentorRef, coachRef } = e.data;
    return [...list, {
      programmeId, programmeKind, role, protectedTime: protectedTime ?? null, enrolledAt: e.occurredAt,
      completedAt: null, withdrawnAt: null, withdrawalReason: null, ...definedOnly({ mentorRef, coachRef }),
    }];
  }
  const index = findLastIndex(list, (p) => p.programmeId === e.data.programmeId);
  const current = index >= 0 ? list[index] : blankParticipation(e.data.programmeId);
  const updated = e.type === 'ProgrammeCompleted'
    ? { ...current, completedAt: e.occurredAt }
    : { ...current, withdrawnAt: e.occurredAt, withdrawalReason: e.data.reason ?? null };
  return index >= 0 ? list.map((p, i) => (i === index ? updated : p)) : [...list, updated];
}

function blankParticipation(programmeId: string): Participation {
  return {
    programmeId, programmeKind: null, role: null, protectedTime: null, enrolledAt: null, completedAt: null,
    withdrawnAt: null, withdrawalReason: null,
  };
}

export function openSpell(t: SubjectTimeline): Spell | undefined {
  const last = t.spells[t.spells.length - 1];
  return last && last.leftAt === null ? last : undefined;
}

export function currentLevel(t: SubjectTimeline): Level | null {
  return t.grades.length ? t.grades[t.grades.length - 1].level : null;
}

function level(scheme: string, grade: string): Level {
  const found = levelOf(scheme, grade);
  if (found === undefined) throw new Error(`grade ${grade} is not in scheme ${scheme}`);
  return found;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function findLastIndex<T>(list: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i -= 1) if (predicate(list[i])) return i;
  return -1;
}
