import { levelOf, type CareerEvent, type Level } from '@rung/contracts';
import { dayOf, DAYS_PER_YEAR } from '../calendar';
import { wresClass, type WresClass } from '../demographics';

/**
 * An independent reading of generated events, for tests: it folds each subject's history in business
 * order, without retracted events, the way Rung must, and knows nothing of the simulator's state.
 */
export interface SubjectHistory {
  orgId: string;
  cls?: WresClass;
  spells: Array<{ from: number; to: number | null }>;
  levels: Array<{ from: number; level: Level }>;
  promotions: number[];
  mentoringFrom: number | null;
  applications: Map<string, { shortlisted: boolean; outcome?: string }>;
}

export function readHistories(events: readonly CareerEvent[]): Map<string, SubjectHistory> {
  const retracted = new Set(events.flatMap((e) => (e.type === 'EventRetracted' ? [e.data.retractedEventId] : [])));
  const bySubject = new Map<string, CareerEvent[]>();
  for (const e of events) {
    if (e.type === 'EventRetracted' || retracted.has(e.eventId)) continue;
    const key = `${e.orgId}/${e.subjectRef}`;
    const list = bySubject.get(key);
    if (list) list.push(e);
    else bySubject.set(key, [e]);
  }
  const histories = new Map<string, SubjectHistory>();
  for (const [key, list] of bySubject) histories.set(key, fold(list.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))));
  return histories;
}

function fold(events: CareerEvent[]): SubjectHistory {
  const h: SubjectHistory = { orgId: events[0].orgId, spells: [], levels: [], promotions: [], mentoringFrom: null, applications: new Map() };
  for (const e of events) {
    const day = dayOf(e.occurredAt);
    switch (e.type) {
      case 'EmployeeHired':
        h.spells.push({ from: day, to: null });
        h.levels.push({ from: day, level: levelOf(e.data.gradeScheme, e.data.grade)! });
        break;
      case 'EmployeeLeft':
        h.spells[h.spells.length - 1].to = day;
        break;
      case 'PromotionGranted':
        h.promotions.push(day);
        h.levels.push({ from: day, level: levelOf(e.data.gradeScheme, e.data.toGrade)! });
        break;
      case 'DemographicsRecorded':
        if (e.data.ethnicity) h.cls = wresClass(e.data.ethnicity);
        break;
      case 'ProgrammeEnrolled':
        if (e.data.programmeKind === 'mentoring' && e.data.role === 'participant') h.mentoringFrom ??= day;
        break;
      case 'ApplicationSubmitted':
        h.applications.set(e.data.applicationId, { shortlisted: false });
        break;
      case 'ApplicationShortlisted':
        h.applications.get(e.data.applicationId)!.shortlisted = true;
        break;
      case 'ApplicationOutcome':
        h.applications.get(e.data.applicationId)!.outcome = e.data.outcome;
        break;
      case 'AssessmentRecorded':
      case 'DisciplinaryCaseOpened':
      case 'EventRetracted':
      case 'GradeChanged':
      case 'ProgrammeCompleted':
      case 'ProgrammeWithdrawn':
      case 'TrainingAccessed':
        break;
    }
  }
  return h;
}

export function levelOn(h: SubjectHistory, day: number): Level | undefined {
  return h.levels.filter((l) => l.from <= day).at(-1)?.level;
}

export function inPostOn(h: SubjectHistory, day: number): boolean {
  return h.spells.some((s) => s.from <= day && (s.to === null || s.to > day));
}

export interface Counts {
  events: number;
  total: number;
}

/** Shortlisted applications and how many ended in appointment, per WRES class. */
export function appointmentsFromShortlisting(histories: Iterable<SubjectHistory>): Record<'white' | 'bme', Counts> {
  const counts = { white: { events: 0, total: 0 }, bme: { events: 0, total: 0 } };
  for (const h of histories) {
    if (h.cls !== 'white' && h.cls !== 'bme') continue;
    for (const app of h.applications.values()) {
      if (!app.shortlisted) continue;
      counts[h.cls].total += 1;
      if (app.outcome === 'appointed') counts[h.cls].events += 1;
    }
  }
  return counts;
}

/** Leavers and days in post within [from, to), per WRES class. */
export function leaving(histories: Iterable<SubjectHistory>, from: number, to: number): Record<'white' | 'bme', { exits: number; exposureDays: number }> {
  const totals = { white: { exits: 0, exposureDays: 0 }, bme: { exits: 0, exposureDays: 0 } };
  for (const h of histories) {
    if (h.cls !== 'white' && h.cls !== 'bme') continue;
    for (const spell of h.spells) {
      const end = spell.to ?? to;
      totals[h.cls].exposureDays += Math.max(0, Math.min(end, to) - Math.max(spell.from, from));
      if (spell.to !== null && spell.to >= from && spell.to < to) totals[h.cls].exits += 1;
    }
  }
  return totals;
}

export interface Arm {
  promotions: number;
  personYears: number;
}

/**
 * First promotion after time zero, at levels 1–2. Mentored: from enrolment. Comparison: everyone not yet
 * mentored, in post at level 1–2 on the first mentoring enrolment day of a year, followed from then and
 * censored if they are enrolled later (so that later enrolment does not select the comparison on its future).
 */
export function mentoringArms(histories: SubjectHistory[], cohortDays: number[], endDay: number): { mentored: Arm; comparison: Arm } {
  const mentored = { promotions: 0, personYears: 0 };
  const comparison = { promotions: 0, personYears: 0 };
  for (const h of histories) {
    if (h.mentoringFrom !== null && (levelOn(h, h.mentoringFrom) ?? 9) <= 2) follow(h, h.mentoringFrom, endDay, mentored);
    const zero = cohortDays.find((d) => inPostOn(h, d) && (levelOn(h, d) ?? 9) <= 2 && (h.mentoringFrom === null || h.mentoringFrom > d));
    if (zero !== undefined) follow(h, zero, Math.min(endDay, h.mentoringFrom ?? endDay), comparison);
  }
  return { mentored, comparison };
}

function follow(h: SubjectHistory, zero: number, censorAt: number, arm: Arm): void {
  const spellEnd = h.spells.find((s) => s.from <= zero && (s.to === null || s.to > zero))?.to ?? Infinity;
  const promotion = h.promotions.find((d) => d > zero) ?? Infinity;
  const end = Math.min(promotion, spellEnd, censorAt);
  arm.personYears += (end - zero) / DAYS_PER_YEAR;
  if (promotion === end && promotion < censorAt) arm.promotions += 1;
}
