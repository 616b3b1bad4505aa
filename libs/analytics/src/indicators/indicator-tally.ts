import type { Grouping, Level } from '@rung/contracts';
import { groupOf } from '@rung/domain';
import type { SubjectTimeline } from '@rung/projections';
import { dayOf, type Day } from '../common/days';
import { addRecordKey } from '@rung/stats';
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
  /** Each count's cell key: the sum of the record keys of whom it counts (for protected answers). */
  keys: Record<CountName, number>;
}

/** The counts of a group tally (person-years are keyed by the people they are counted over). */
export const COUNT_NAMES = ['shortlisted', 'appointed', 'workforce', 'disciplinary', 'training', 'leavers', 'promotions', 'rungMoves', 'rungHeadcount'] as const;
export type CountName = (typeof COUNT_NAMES)[number];

export interface PeriodTally {
  period: Period;
  byGroup: Map<string, GroupTally>;
  /** People in post on the period's last day, by level and group. */
  representation: Map<Level, Map<string, number>>;
  /** The cell key of each representation count. */
  representationKeys: Map<Level, Map<string, number>>;
  /** Set on protected tallies: representation totals rounded as cells of their own, not sums of rounded cells. */
  representationTotals?: { byLevel: Map<Level, number>; byGroup: Map<string, number>; all: number };
}

export function emptyGroupTally(): GroupTally {
  return {
    shortlisted: 0, appointed: 0, workforce: 0, disciplinary: 0, training: 0, personYears: 0, leavers: 0, promotions: 0,
    rungPersonYears: 0, rungMoves: 0, rungHeadcount: 0,
    keys: { shortlisted: 0, appointed: 0, workforce: 0, disciplinary: 0, training: 0, leavers: 0, promotions: 0, rungMoves: 0, rungHeadcount: 0 },
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
  return periods.map((period) => ({ period, byGroup: new Map(), representation: new Map(), representationKeys: new Map() }));
}

/** Adds one subject to every period's tally (for scanning timelines without holding them all). */
export function tallyTimeline(tallies: readonly PeriodTally[], t: SubjectTimeline, grouping: Grouping, recordKey = 0): void {
  const group = groupOf(grouping, t.demographics);
  if (group === undefined) return;
  const facts = factsOf(t, group);
  for (const tally of tallies) addSubject(tally, facts, recordKey);
}

/** Counts `times` more of this subject in a count of a group tally, keeping its cell key. */
function count(g: GroupTally, name: CountName, recordKey: number, times = 1): void {
  g[name] += times;
  g.keys[name] = addRecordKey(g.keys[name], recordKey, times);
}

function addSubject(tally: PeriodTally, f: SubjectFacts, recordKey: number): void {
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
    count(group, 'workforce', recordKey);
    if (disciplinary) count(group, 'disciplinary', recordKey);
    if (training) count(group, 'training', recordKey);
    group.personYears += daysInPost / DAYS_PER_YEAR;
  }
  const leavers = f.leavings.filter(within).length;
  const promotions = f.promotions.filter(within).length;
  if (leavers) count(get(), 'leavers', recordKey, leavers);
  if (promotions) count(get(), 'promotions', recordKey, promotions);
  for (const s of f.shortlists) {
    if (!within(s.day)) continue;
    const group = get();
    count(group, 'shortlisted', recordKey);
    if (s.appointed) count(group, 'appointed', recordKey);
  }
  const rungDays = rungExposure(f, fromDay, end);
  if (rungDays > 0 || within(f.firstMove)) {
    const group = get();
    group.rungPersonYears += rungDays / DAYS_PER_YEAR;
    count(group, 'rungHeadcount', recordKey);
    if (within(f.firstMove)) count(group, 'rungMoves', recordKey);
  }
  const level = levelInPostOn(f, toDay);
  if (level !== null) {
    addToCell(tally.representation, level, f.group, (n) => n + 1);
    addToCell(tally.representationKeys, level, f.group, (key) => addRecordKey(key, recordKey));
  }
}

function addToCell(table: Map<Level, Map<string, number>>, level: Level, group: string, next: (value: number) => number): void {
  const row = table.get(level) ?? new Map<string, number>();
  row.set(group, next(row.get(group) ?? 0));
  table.set(level, row);
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
