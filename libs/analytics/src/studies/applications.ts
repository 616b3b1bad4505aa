import type { DisclosureMode } from '@rung/domain';
import type { Application } from '@rung/projections';
import { addRecordKey, assertDisclosureK, roundByCellKey, suppressTable, withholdEstimate } from '@rung/stats';
import { dayOf, type Day } from '../common/days';
import { monthsToDays } from '../common/intervals';
import type { CohortMember } from '../cohorts/cohort-membership';

/**
 * Applications after a programme (§12): per arm, overall and by group, the share of members who
 * applied for a role above their level within N months of time zero, the share of those with an
 * outcome, and the share appointed. Pure: no I/O, no clock.
 */

/**
 * One member's applications within the window, as plain data (it travels to a worker thread by
 * structured clone). It carries the member's secret record key: never publish it.
 */
export interface MemberApplications {
  /** The member's group under the caller's grouping; null when the grouping leaves them out. */
  group: string | null;
  /** The member's record key for cell-key rounding (protected mode); 0 in exact mode. */
  recordKey: number;
  /** Applied, within the window, for a role above the level held when applying. */
  applied: boolean;
  /** One of those applications has an outcome (appointed, rejected or withdrawn) dated within the window. */
  withOutcome: boolean;
  /** Appointed from one of those applications, the appointment dated within the window. */
  appointed: boolean;
}

export interface MemberApplicationsOptions {
  /** The member's record key (`RecordKeys.of(subjectId)`) in protected mode; 0 (the default) in exact mode. */
  recordKey?: number;
  /** The as-of date: anything dated after it is not yet known. */
  asOf?: Day;
}

/**
 * What a member did within the window (time zero, end], in whole days from time zero:
 * - end = `windowDays` (for N months, N × 30.4375), cut short by `censorAt` (a comparison member's
 *   own later enrolment) and by the as-of date when given (what follows is not yet known). A date on
 *   the end day counts, as an outcome on the censoring day does in follow-up.ts;
 * - anything on the day of time zero does not count (an outcome counts only strictly after time
 *   zero, as in follow-up.ts);
 * - applied: an application submitted in the window whose target level is above the level held when
 *   applying (`applied-above`; unknown levels never count);
 * - with an outcome: one of those applications has an outcome of any kind dated in the window;
 * - appointed: one of those applications was appointed, its outcome dated in the window
 *   (`appointed-above`, limited to applications made in the window, so that the appointed are a
 *   subset of those who applied). An appointment from an application made before time zero does
 *   not count.
 * A member's window may still be open on the as-of date: they count with what is known so far.
 * To count only complete windows, leave out members with timeZero + windowDays > asOf.
 */
export function applicationsOf(member: CohortMember, windowDays: number, group: string | undefined, options: MemberApplicationsOptions = {}): MemberApplications {
  const { recordKey = 0, asOf } = options;
  const end = Math.min(windowDays, member.censorAt ?? Infinity, asOf === undefined ? Infinity : asOf - member.timeZero);
  const within = (iso: string | null): boolean => {
    if (iso === null) return false;
    const day = dayOf(iso) - member.timeZero;
    return day > 0 && day <= end;
  };
  const out: MemberApplications = { group: group ?? null, recordKey, applied: false, withOutcome: false, appointed: false };
  for (const a of member.timeline.applications) {
    if (!isAbove(a) || !within(a.submittedAt)) continue;
    out.applied = true;
    if (a.outcome !== null && within(a.outcomeAt)) {
      out.withOutcome = true;
      if (a.outcome === 'appointed') out.appointed = true;
    }
  }
  return out;
}

/** An application for a level above the one held when applying, as follow-up.ts counts `applied-above`. */
function isAbove(a: Application): boolean {
  return a.targetLevel !== null && a.levelAtApplication !== null && a.targetLevel > a.levelAtApplication;
}

/** A count and its share of a denominator. */
export interface ApplicationShare {
  count: number | null;
  /** count ÷ denominator; null over nobody (not withheld), or when withheld. */
  share: number | null;
  /** The count or the share is withheld. */
  suppressed: boolean;
}

export interface ApplicationFigures {
  /** Members. */
  n: number | null;
  /** Members who applied above their level; the share is of n. */
  applied: ApplicationShare;
  /** Members with an outcome on such an application; the share is of those who applied. */
  withOutcome: ApplicationShare;
  /** Members appointed from such an application; the share is of those who applied. */
  appointed: ApplicationShare;
  /** Any figure here is withheld. */
  suppressed: boolean;
}

export interface GroupApplications extends ApplicationFigures {
  /** null: the members the grouping leaves out (shown so that overall less the groups gives nothing away). */
  group: string | null;
}

export interface ArmApplications {
  arm: string;
  overall: ApplicationFigures;
  groups: GroupApplications[];
}

export interface ApplicationsAfterProgramme {
  windowMonths: number;
  windowDays: number;
  k: number;
  disclosure: DisclosureMode;
  arms: ArmApplications[];
}

export interface ApplicationArm {
  name: string;
  members: readonly MemberApplications[];
}

export interface ApplicationsOptions {
  k: number;
  /** The window the members' applications were taken over (applicationsOf's windowDays = monthsToDays of it). */
  windowMonths: number;
  disclosure: DisclosureMode;
  /**
   * The groups, in order; each is shown in every arm, even when empty. Groups found on members but
   * not listed follow in sorted order, then the members without a group (null) if there are any.
   */
  groups?: readonly string[];
}

const MEASURES = ['n', 'applied', 'withOutcome', 'appointed'] as const;
type Measure = (typeof MEASURES)[number];

/** A count and its cell key (the sum of the record keys of whom it counts). */
interface Tallied {
  n: number;
  key: number;
}

type Tally = Record<Measure, Tallied>;

/**
 * Per arm, overall and by group: members, those who applied above their level (share of members),
 * those with an outcome and those appointed (shares of those who applied). No confidence intervals:
 * the stats library has no interval for a single proportion (Wilson or Clopper–Pearson) yet.
 *
 * Disclosure (§7.1), as programme monitoring does it:
 * - protected: every count, the overall ones included, is rounded to a multiple of k by its own cell
 *   key (`roundByCellKey`, the key being the sum of the record keys of whom it counts, as cohort sizes
 *   are), so overall less the other groups gives a multiple of k plus noise; shares are computed from
 *   the rounded counts and capped at 1;
 * - exact: each measure's counts across the groups, with the overall count as their total, go
 *   through `suppressTable`: a count from 1 to k − 1 is null, and where one hidden count could be
 *   worked back from the overall count, a second is hidden too. A share is shown only when its count
 *   and its denominator are, and the denominator is at least k (`withholdEstimate`). As in the
 *   indicators and programme monitoring, complements that are not published (members who did not
 *   apply, applications without an outcome) are not protected in exact mode.
 */
export function applicationsAfterProgramme(arms: readonly ApplicationArm[], options: ApplicationsOptions): ApplicationsAfterProgramme {
  const { k, windowMonths, disclosure } = options;
  assertDisclosureK(k);
  const groups = groupsOf(arms, options.groups ?? []);
  return {
    windowMonths,
    windowDays: monthsToDays(windowMonths),
    k,
    disclosure,
    arms: arms.map((arm) => armApplications(arm, groups, k, disclosure)),
  };
}

function groupsOf(arms: readonly ApplicationArm[], listed: readonly string[]): Array<string | null> {
  const known = new Set(listed);
  const found = new Set<string>();
  let ungrouped = false;
  for (const arm of arms) {
    for (const m of arm.members) {
      if (m.group === null) ungrouped = true;
      else if (!known.has(m.group)) found.add(m.group);
    }
  }
  return [...listed, ...[...found].sort(), ...(ungrouped ? [null] : [])];
}

function emptyTally(): Tally {
  return { n: { n: 0, key: 0 }, applied: { n: 0, key: 0 }, withOutcome: { n: 0, key: 0 }, appointed: { n: 0, key: 0 } };
}

function count(t: Tallied, recordKey: number): void {
  t.n += 1;
  t.key = addRecordKey(t.key, recordKey);
}

function armApplications(arm: ApplicationArm, groups: ReadonlyArray<string | null>, k: number, disclosure: DisclosureMode): ArmApplications {
  const column = new Map(groups.map((g, i) => [g, i]));
  const byGroup = groups.map(emptyTally);
  const overall = emptyTally();
  for (const m of arm.members) {
    const tallies = [overall, byGroup[column.get(m.group)!]];
    for (const t of tallies) {
      count(t.n, m.recordKey);
      if (m.applied) count(t.applied, m.recordKey);
      if (m.withOutcome) count(t.withOutcome, m.recordKey);
      if (m.appointed) count(t.appointed, m.recordKey);
    }
  }
  const shown = disclosure === 'protected' ? protectedCounts(overall, byGroup, k) : exactCounts(byGroup, k);
  return {
    arm: arm.name,
    overall: figures(shown.overall, k),
    groups: groups.map((group, i) => ({ group, ...figures(shown.byGroup[i], k) })),
  };
}

type Shown = Record<Measure, number | null>;

/** Protected mode: every count rounded to a multiple of k by its own cell key. */
function protectedCounts(overall: Tally, byGroup: readonly Tally[], k: number): { overall: Shown; byGroup: Shown[] } {
  const round = (t: Tally): Shown => ({
    n: roundByCellKey(t.n.n, t.n.key, k),
    applied: roundByCellKey(t.applied.n, t.applied.key, k),
    withOutcome: roundByCellKey(t.withOutcome.n, t.withOutcome.key, k),
    appointed: roundByCellKey(t.appointed.n, t.appointed.key, k),
  });
  return { overall: round(overall), byGroup: byGroup.map(round) };
}

/**
 * Exact mode: each measure's group counts with the overall count as their total, through
 * suppressTable (the table's total is the sum of the groups, which is the overall count: every
 * member is in exactly one group, the null group included).
 */
function exactCounts(byGroup: readonly Tally[], k: number): { overall: Shown; byGroup: Shown[] } {
  const shownOverall = {} as Shown;
  const shownByGroup = byGroup.map(() => ({}) as Shown);
  for (const measure of MEASURES) {
    const table = suppressTable([byGroup.map((t) => t[measure].n)], k, { rowTotals: true, columnTotals: false });
    shownOverall[measure] = table.rowTotals![0].value;
    table.cells[0].forEach((cell, i) => (shownByGroup[i][measure] = cell.value));
  }
  return { overall: shownOverall, byGroup: shownByGroup };
}

function figures(c: Shown, k: number): ApplicationFigures {
  const applied = share(c.applied, c.n, k);
  const withOutcome = share(c.withOutcome, c.applied, k);
  const appointed = share(c.appointed, c.applied, k);
  return { n: c.n, applied, withOutcome, appointed, suppressed: c.n === null || applied.suppressed || withOutcome.suppressed || appointed.suppressed };
}

/**
 * A share of published counts: withheld when either is, or when the denominator is below k (a share
 * over so few people gives them back); null, but not withheld, over nobody. Shares of protected
 * counts, each rounded on its own, are capped at 1.
 */
function share(count: number | null, of: number | null, k: number): ApplicationShare {
  if (count === null || of === null) return { count, share: null, suppressed: true };
  if (of === 0) return { count, share: null, suppressed: false };
  const shown = withholdEstimate({ share: Math.min(1, count / of) }, { denominator: of }, k);
  return { count, share: shown.share, suppressed: shown.suppressed };
}
