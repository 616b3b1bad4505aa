import type { Grouping, Level } from '@rung/contracts';
import { groupOf } from '@rung/domain';
import type { SubjectTimeline } from '@rung/projections';
import { dayOf, type Day } from '../common/days';
import { DAYS_PER_YEAR } from '../common/intervals';

/** A period [fromDay, toDay], both days included. */
export interface Period {
  fromDay: Day;
  toDay: Day;
}

/** Counts and person-time for one group in one period: the inputs of every indicator of §7. */
export interface GroupTally {
  /** Applications shortlisted in the period, and how many of them ended in an appointment. */
  shortlisted: number;
  appointed: number;
  /** People in post at any time in the period (the workforce), and how many of them entered a formal disciplinary process, or accessed non-mandatory training or CPD, in it. */
  workforce: number;
  disciplinary: number;
  training: number;
  /** Years in post within the period, leavings and promotions in it. */
  personYears: number;
  leavers: number;
  promotions: number;
  /** Years spent in post at level ≤ 2 before a first move to level ≥ 3, within the period; such first moves in it; people with that exposure. */
  rungPersonYears: number;
  rungMoves: number;
  rungHeadcount: number;
}

export interface PeriodTally {
  period: Period;
  byGroup: Map<string, GroupTally>;
  /** People in post on the period's last day, by level and group. */
  representation: Map<Level, Map<string, number>>;
}

export function emptyGroupTally(): GroupTally {
  return {
    shortlisted: 0, appointed: 0, workforce: 0, disciplinary: 0, training: 0, personYears: 0, leavers: 0, promotions: 0,
    rungPersonYears: 0, rungMoves: 0, rungHeadcount: 0,
  };
}

/** What a timeline says that indicators need, with every date turned into a day once. */
interface SubjectFacts {
  group: string;
  /** Employment as [start, end) in days; end is Infinity while in post. */
  employed: Array<[Day, Day]>;
  /** Level segments [from, to) in days. */
  levels: Array<{ from: Day; to: Day; level: Level }>;
  leavings: Day[];
  promotions: Day[];
  shortlists: Array<{ day: Day; appointed: boolean }>;
  disciplinary: Day[];
  training: Day[];
  /** The first move from level ≤ 2 to level ≥ 3 by promotion or grade change; Infinity for none. */
  firstMove: Day;
}

function factsOf(t: SubjectTimeline, group: string): SubjectFacts {
  const employed: Array<[Day, Day]> = [];
  for (const s of t.spells) {
    if (s.hiredAt === null) continue;
    employed.push([dayOf(s.hiredAt), s.leftAt === null ? Infinity : dayOf(s.leftAt)]);
  }
  const levels: SubjectFacts['levels'] = [];
  let firstMove = Infinity;
  let previous: Level | null = null;
  t.grades.forEach((g, i) => {
    const from = dayOf(g.from);
    const next = t.grades[i + 1];
    levels.push({ from, to: next ? dayOf(next.from) : Infinity, level: g.level });
    if (firstMove === Infinity && g.change !== 'hire' && previous !== null && previous <= 2 && g.level >= 3) firstMove = from;
    previous = g.level;
  });
  return {
    group,
    employed,
    levels,
    leavings: t.spells.flatMap((s) => (s.leftAt === null ? [] : [dayOf(s.leftAt)])),
    promotions: t.promotions.map((p) => dayOf(p.at)),
    shortlists: t.applications.flatMap((a) => (a.shortlistedAt === null ? [] : [{ day: dayOf(a.shortlistedAt), appointed: a.outcome === 'appointed' }])),
    disciplinary: t.disciplinaryCases.map((c) => dayOf(c.openedAt)),
    training: t.training.filter((r) => r.outcome === 'granted').map((r) => dayOf(r.at)),
    firstMove,
  };
}

/**
 * Tallies every indicator's inputs for each period in one pass over the timelines. Subjects the
 * grouping excludes (for example not-stated ethnicity under wres) are left out.
 */
export function tallyPeriods(timelines: Iterable<SubjectTimeline>, periods: readonly Period[], grouping: Grouping): PeriodTally[] {
  const tallies = emptyTallies(periods);
  for (const t of timelines) tallyTimeline(tallies, t, grouping);
  return tallies;
}

export function emptyTallies(periods: readonly Period[]): PeriodTally[] {
  return periods.map((period) => ({ period, byGroup: new Map(), representation: new Map() }));
}

/** Adds one subject to every period's tally (for scanning timelines without holding them all). */
export function tallyTimeline(tallies: readonly PeriodTally[], t: SubjectTimeline, grouping: Grouping): void {
  const group = groupOf(grouping, t.demographics);
  if (group === undefined) return;
  const facts = factsOf(t, group);
  for (const tally of tallies) addSubject(tally, facts);
}

function addSubject(tally: PeriodTally, f: SubjectFacts): void {
  const { fromDay, toDay } = tally.period;
  const end = toDay + 1;
  const within = (d: Day): boolean => d >= fromDay && d <= toDay;
  let g = tally.byGroup.get(f.group);
  const get = (): GroupTally => {
    if (!g) {
      g = emptyGroupTally();
      tally.byGroup.set(f.group, g);
    }
    return g;
  };
  let daysInPost = 0;
  for (const [s, e] of f.employed) daysInPost += overlap(s, e, fromDay, end);
  const disciplinary = f.disciplinary.some(within);
  const training = f.training.some(within);
  if (daysInPost > 0 || disciplinary || training) {
    const group = get();
    group.workforce += 1;
    if (disciplinary) group.disciplinary += 1;
    if (training) group.training += 1;
    group.personYears += daysInPost / DAYS_PER_YEAR;
  }
  const leavers = f.leavings.filter(within).length;
  const promotions = f.promotions.filter(within).length;
  if (leavers) get().leavers += leavers;
  if (promotions) get().promotions += promotions;
  for (const s of f.shortlists) {
    if (!within(s.day)) continue;
    const group = get();
    group.shortlisted += 1;
    if (s.appointed) group.appointed += 1;
  }
  const rungDays = rungExposure(f, fromDay, end);
  if (rungDays > 0 || within(f.firstMove)) {
    const group = get();
    group.rungPersonYears += rungDays / DAYS_PER_YEAR;
    group.rungHeadcount += 1;
    if (within(f.firstMove)) group.rungMoves += 1;
  }
  const level = levelInPostOn(f, toDay);
  if (level !== null) {
    const row = tally.representation.get(level) ?? new Map<string, number>();
    row.set(f.group, (row.get(f.group) ?? 0) + 1);
    tally.representation.set(level, row);
  }
}

/** Days at level ≤ 2, in post, before the first move, within [from, end). */
function rungExposure(f: SubjectFacts, from: Day, end: Day): number {
  const stop = Math.min(end, f.firstMove);
  if (stop <= from) return 0;
  let days = 0;
  for (const seg of f.levels) {
    if (seg.level > 2) continue;
    const a = Math.max(seg.from, from);
    const b = Math.min(seg.to, stop);
    if (b <= a) continue;
    for (const [s, e] of f.employed) days += overlap(s, e, a, b);
  }
  return days;
}

function levelInPostOn(f: SubjectFacts, day: Day): Level | null {
  if (!f.employed.some(([s, e]) => s <= day && e > day)) return null;
  let level: Level | null = null;
  for (const seg of f.levels) {
    if (seg.from > day) break;
    level = seg.level;
  }
  return level;
}

function overlap(s: number, e: number, from: number, end: number): number {
  return Math.max(0, Math.min(e, end) - Math.max(s, from));
}
