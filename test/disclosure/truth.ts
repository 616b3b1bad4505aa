import type { Grouping } from '@rung/contracts';
import { addDays, daysBetween } from '@rung/testing';
import { ATOMS_OF, atomOf, K, type Atom, type Person } from './world';

/** The cohort definitions the attacks use (a subset of §7a). */
export interface CohortDef {
  name: string;
  orgIds: string[];
  entry: { on: 'EmployeeHired'; between: [string, string] } | { on: 'ProgrammeEnrolled'; programmeKind?: 'mentoring' | 'coaching'; between: [string, string] };
  where?: { grouping: Grouping; groups: string[] };
}

export type Outcome = 'exit' | 'promotion';
export type Status = 'event' | 'competing' | 'censored';

/** Members of `cohort` as of `asOf`, less the members of `minus` (the attacker builds minus ⊂ cohort). */
interface Members { cohort: CohortDef; minus?: CohortDef; asOf: string }
interface FollowedUp extends Members { outcome: Outcome; horizonMonths: number; statuses: Status[] }
type Tally = 'leavings' | 'promotions' | 'hires';

/** A count an attack claims to have worked out. */
export type CountQuestion =
  | ({ q: 'members' } & Members)
  /** Members whose follow-up ended with one of `statuses` at a time in (after, upTo] days. */
  | ({ q: 'ended'; after: number; upTo: number } & FollowedUp)
  /** People in post on a day whose ethnicity falls in `atoms`. */
  | { q: 'in-post'; orgId: string; on: string; atoms: readonly Atom[] }
  | { q: Tally; orgId: string; from: string; to: string; atoms: readonly Atom[] };

/** A kind of date some people have: an attack claims one of them lies in [from, to]. */
export type DateQuestion =
  | ({ q: 'entry-dates' } & Members)
  | ({ q: 'end-dates' } & FollowedUp)
  | { q: 'case-days' | 'leaving-days' | 'promotion-days' | 'hire-days'; orgId: string; atoms: readonly Atom[] };

export type Claim =
  | { kind: 'count'; attack: string; about: CountQuestion; value: number }
  | { kind: 'date'; attack: string; about: DateQuestion; from: string; to: string };

/**
 * The claims that disclose: a count from 1 to k − 1 that is right, or an exact day (from = to) that is
 * one of the true dates. The truth comes from the people as generated, never from an answer.
 */
export function disclosures(claims: readonly Claim[], people: readonly Person[], k = K): Claim[] {
  return claims.filter((c) => {
    if (c.kind === 'count') return Number.isInteger(c.value) && c.value >= 1 && c.value < k && c.value === countOf(people, c.about);
    return c.from === c.to && datesOf(people, c.about).includes(c.from);
  });
}

export function countOf(people: readonly Person[], q: CountQuestion): number {
  switch (q.q) {
    case 'members':
      return members(people, q).length;
    case 'ended':
      return members(people, q).filter((m) => {
        const f = followUp(m, q);
        return q.statuses.includes(f.status) && f.time > q.after && f.time <= q.upTo;
      }).length;
    case 'in-post':
      return people.filter((p) => p.orgId === q.orgId && q.atoms.includes(atomOf(p)) && inPostOn(p, q.on)).length;
    case 'leavings':
    case 'promotions':
    case 'hires':
      return people.filter((p) => p.orgId === q.orgId && q.atoms.includes(atomOf(p))).flatMap((p) => tallied(p, q.q)).filter((d) => d >= q.from && d <= q.to).length;
  }
}

export function datesOf(people: readonly Person[], q: DateQuestion): string[] {
  switch (q.q) {
    case 'entry-dates':
      return members(people, q).map((m) => m.t0);
    case 'end-dates':
      return members(people, q).flatMap((m) => {
        const f = followUp(m, q);
        return q.statuses.includes(f.status) ? [addDays(m.t0, f.time)] : [];
      });
    case 'case-days':
    case 'leaving-days':
    case 'promotion-days':
    case 'hire-days': {
      const kind = ({ 'case-days': 'cases', 'leaving-days': 'leavings', 'promotion-days': 'promotions', 'hire-days': 'hires' } as const)[q.q];
      return people.filter((p) => p.orgId === q.orgId && q.atoms.includes(atomOf(p))).flatMap((p) => tallied(p, kind));
    }
  }
}

function tallied(p: Person, kind: Tally | 'cases'): string[] {
  const dates: Array<string | undefined> = { leavings: [p.leftAt], promotions: [p.promotedAt], hires: [p.hiredAt], cases: p.casesAt ?? [] }[kind];
  return dates.filter((d): d is string => d !== undefined);
}

function inPostOn(p: Person, day: string): boolean {
  return p.hiredAt <= day && (p.leftAt === undefined || p.leftAt > day);
}

interface Member { person: Person; t0: string; asOf: string }

function members(people: readonly Person[], q: Members): Member[] {
  const excluded = new Set(q.minus ? membersOf(people, q.minus, q.asOf).map((m) => m.person) : []);
  return membersOf(people, q.cohort, q.asOf).filter((m) => !excluded.has(m.person));
}

function membersOf(people: readonly Person[], c: CohortDef, asOf: string): Member[] {
  return people.flatMap((person): Member[] => {
    if (!c.orgIds.includes(person.orgId)) return [];
    if (c.where && !c.where.groups.some((g) => (ATOMS_OF[c.where!.grouping][g] ?? []).includes(atomOf(person)))) return [];
    const wanted = c.entry.on === 'ProgrammeEnrolled' ? c.entry.programmeKind : undefined;
    const kindMatches = wanted === undefined || wanted === (person.programmeKind ?? 'mentoring');
    const entered = c.entry.on === 'EmployeeHired' ? person.hiredAt : kindMatches ? person.enrolledAt : undefined;
    const [from, to] = c.entry.between;
    return entered !== undefined && entered >= from && entered <= to && entered <= asOf ? [{ person, t0: entered, asOf }] : [];
  });
}

/** §7a follow-up: to the outcome, to leaving (competing unless leaving is the outcome), or censored at as-of or horizon. */
function followUp(m: Member, q: { outcome: Outcome; horizonMonths: number }): { time: number; status: Status } {
  const end = Math.min(daysBetween(m.t0, m.asOf), q.horizonMonths * 30.4375);
  const { leftAt, promotedAt } = m.person;
  const leave = leftAt !== undefined && leftAt >= m.t0 ? daysBetween(m.t0, leftAt) : undefined;
  if (q.outcome === 'exit') return leave !== undefined && leave <= end ? { time: leave, status: 'event' } : { time: end, status: 'censored' };
  const promoted = promotedAt !== undefined ? daysBetween(m.t0, promotedAt) : undefined;
  if (promoted !== undefined && promoted > 0 && promoted <= end && (leave === undefined || promoted <= leave)) return { time: promoted, status: 'event' };
  if (leave !== undefined && leave <= end) return { time: leave, status: 'competing' };
  return { time: end, status: 'censored' };
}
