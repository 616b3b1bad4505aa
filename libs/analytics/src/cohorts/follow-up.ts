import type { CompetingStatus } from '@rung/stats';
import { dayOf, type Day } from '../common/days';
import type { CohortMember } from './cohort-membership';
import type { Outcome } from './outcomes';

/**
 * One member's follow-up for one outcome: days from time zero to the outcome ('event'), to leaving
 * when leaving is not the outcome ('competing': a censoring for Kaplan–Meier, the competing event
 * for Aalen–Johansen), or to the end of follow-up ('censored').
 */
export interface FollowUp {
  time: number;
  status: CompetingStatus;
}

export interface FollowUpWindow {
  /** The as-of date: the end of the data. */
  asOf: Day;
  /** The study horizon in days from time zero; Infinity for none. */
  horizonDays: number;
}

/**
 * Censoring rules:
 * - at the as-of date (end of data) and at the horizon, whichever comes first;
 * - at leaving (the first leaving on or after time zero) when leaving is not the outcome;
 * - at a later programme enrolment, when the cohort censors there (`exclude.censorAtEnrolment`): an
 *   outcome on that day still counts.
 * Outcomes count when dated strictly after time zero (the state on the entry day is the starting
 * point: a promotion that day is part of the level at entry); a leaving on the entry day is an exit
 * at time 0. An outcome on the day of leaving counts. For `level-N`, members already at level ≥ N at
 * entry are not at risk and are left out (undefined).
 */
export function followUp(member: CohortMember, outcome: Outcome, window: FollowUpWindow): FollowUp | undefined {
  return followUpWith(member, outcome, window, leavingAfter(member, member.timeZero));
}

/** The follow-up of one member for several outcomes (their leaving worked out once). */
export function followUps(member: CohortMember, outcomes: readonly Outcome[], window: FollowUpWindow): Array<FollowUp | undefined> {
  const leave = leavingAfter(member, member.timeZero);
  return outcomes.map((o) => followUpWith(member, o, window, leave));
}

function followUpWith(member: CohortMember, outcome: Outcome, window: FollowUpWindow, leave: number | undefined): FollowUp | undefined {
  if (outcome.kind === 'level' && member.levelAtEntry !== null && member.levelAtEntry >= outcome.level) return undefined;
  const t0 = member.timeZero;
  const end = Math.min(window.asOf - t0, window.horizonDays, member.censorAt ?? Infinity);
  if (outcome.kind === 'exit') {
    return leave !== undefined && leave <= end ? { time: leave, status: 'event' } : { time: end, status: 'censored' };
  }
  const event = outcomeAfter(member, outcome, t0);
  if (event !== undefined && event <= end && (leave === undefined || event <= leave)) return { time: event, status: 'event' };
  if (leave !== undefined && leave <= end) return { time: leave, status: 'competing' };
  return { time: end, status: 'censored' };
}

/** Days from time zero to the first leaving on or after it. */
function leavingAfter(member: CohortMember, t0: Day): number | undefined {
  let first: number | undefined;
  for (const s of member.timeline.spells) {
    if (s.leftAt === null) continue;
    const d = dayOf(s.leftAt);
    if (d >= t0 && (first === undefined || d < first)) first = d;
  }
  return first === undefined ? undefined : first - t0;
}

/** Days from time zero to the first occurrence of the outcome strictly after it. */
function outcomeAfter(member: CohortMember, outcome: Exclude<Outcome, { kind: 'exit' }>, t0: Day): number | undefined {
  const t = member.timeline;
  let first = Infinity;
  switch (outcome.kind) {
    case 'promotion':
      for (const p of t.promotions) first = earliestAfter(first, dayOf(p.at), t0);
      break;
    case 'level':
      for (const g of t.grades) if (g.level >= outcome.level) first = earliestAfter(first, dayOf(g.from), t0);
      break;
    case 'applied-above':
      for (const a of t.applications) {
        if (a.submittedAt !== null && isAbove(a.targetLevel, a.levelAtApplication)) first = earliestAfter(first, dayOf(a.submittedAt), t0);
      }
      break;
    case 'appointed-above':
      for (const a of t.applications) {
        if (a.outcome === 'appointed' && a.outcomeAt !== null && isAbove(a.targetLevel, a.levelAtApplication)) first = earliestAfter(first, dayOf(a.outcomeAt), t0);
      }
      break;
    default: {
      const unexpected: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(unexpected)}`);
    }
  }
  return first === Infinity ? undefined : first - t0;
}

function earliestAfter(current: number, day: Day, t0: Day): number {
  return day > t0 && day < current ? day : current;
}

/** An application for a level above the one held when applying; unknown levels never count. */
function isAbove(target: number | null, current: number | null): boolean {
  return target !== null && current !== null && target > current;
}

/**
 * The follow-ups in order of time, by a counting sort (follow-up times are whole days, but for the
 * horizon, which is one value). Every estimator is order-free; sorted input only spares them their
 * own sorts. Anything else falls back to a comparison sort.
 */
export function sortedByTime(list: readonly FollowUp[]): FollowUp[] {
  const byTime = (a: FollowUp, b: FollowUp): number => a.time - b.time;
  let max = 0;
  for (const f of list) {
    if (!(f.time >= 0) || !Number.isFinite(f.time)) return [...list].sort(byTime);
    if (f.time > max) max = f.time;
  }
  if (max > 1_000_000) return [...list].sort(byTime);
  const key = (t: number): number => 2 * Math.floor(t) + (Number.isInteger(t) ? 0 : 1);
  const starts = new Int32Array(2 * Math.floor(max) + 3);
  for (const f of list) starts[key(f.time) + 1] += 1;
  for (let i = 1; i < starts.length; i++) starts[i] += starts[i - 1];
  const out = new Array<FollowUp>(list.length);
  for (const f of list) out[starts[key(f.time)]++] = f;
  for (let i = 1; i < out.length; i++) if (out[i - 1].time > out[i].time) return out.sort(byTime);
  return out;
}
