import type { ProgrammeKind } from '@rung/contracts';
import { isSmallCount, suppressTable, withholdEstimate } from '@rung/stats';
import { emptyParticipantCounts, type ParticipantCounts, type PoolCounts, type ProgrammeTally, type RowTally } from './programme-tally';

/**
 * Programme monitoring figures (§12) from a tally, under the disclosure rules every answer follows
 * (§7.1). A protected tally arrives with its counts already rounded by cell key; on an exact one:
 * - every published count from 1 to k − 1 is null (isSmallCount);
 * - a breakdown whose published counts add up to a published total (completed + withdrawn + still
 *   enrolled = participants; minority + not + unknown = participants with a mentor, or = mentors)
 *   goes through suppressTable, which also hides a second count wherever one hidden count could be
 *   worked back from the total;
 * - a share is shown only when its count and its denominator are, and the denominator is at least k;
 * - a kind's figures are a total over its programmes: a kind's breakdown is withheld whole when the
 *   same breakdown of any of its programmes has anything withheld, and a kind's total when that total
 *   of any of its programmes is withheld, so that no programme's hidden count is the kind's less the
 *   others'.
 * As in the indicators, complements that are not published (participants without protected time or
 * without a mentor, people in post who did not enrol) are not protected in exact mode.
 */

export interface TakeUpView {
  /** Participants enrolled in the period, in post at an eligible level when they enrolled. */
  participants: number | null;
  /** People in post at an eligible level at any time in the period. */
  inPost: number | null;
  share: number | null;
  suppressed: boolean;
}

export interface OutcomesView {
  participants: number | null;
  /** Where each participant's enrolment stood at the period's end. */
  completed: number | null;
  withdrawn: number | null;
  enrolled: number | null;
  completionRate: number | null;
  withdrawalRate: number | null;
  suppressed: boolean;
}

export interface ProtectedTimeView {
  participants: number | null;
  withProtectedTime: number | null;
  share: number | null;
  suppressed: boolean;
}

/** Mentors (or coaches) by their own ethnicity: from an ethnic minority, not, or unknown. */
export interface EthnicityMixView {
  minority: number | null;
  notMinority: number | null;
  /** Mentors with no stated ethnicity, or who are not a subject of the organisation. */
  unknown: number | null;
  minorityShare: number | null;
  unknownShare: number | null;
  suppressed: boolean;
}

/** Participants with a mentor (or coach), by the mentor's own ethnicity. */
export interface SupportView extends EthnicityMixView {
  assigned: number | null;
}

/** The people enrolled as mentors (or coaches) in the period, by their own ethnicity. */
export interface PoolView extends EthnicityMixView {
  people: number | null;
}

export interface GroupMonitoring {
  group: string;
  takeUp: TakeUpView;
  outcomes: OutcomesView;
  protectedTime: ProtectedTimeView;
  mentors: SupportView;
  coaches: SupportView;
}

export interface RowMonitoring {
  groups: GroupMonitoring[];
  mentorPool: PoolView;
  coachPool: PoolView;
}

export interface ProgrammeMonitoringRow extends RowMonitoring {
  programmeId: string;
}

export interface KindMonitoring extends RowMonitoring {
  programmeKind: ProgrammeKind;
  programmes: ProgrammeMonitoringRow[];
}

export interface MonitoringValues {
  /** People in post at an eligible level at any time in the period, by group. */
  inPost: Array<{ group: string; count: number | null }>;
  kinds: KindMonitoring[];
}

export interface MonitoringContext {
  k: number;
  /** The groups of the grouping, in order. */
  groups: readonly string[];
}

export function monitoringValues(tally: ProgrammeTally, ctx: MonitoringContext): MonitoringValues {
  const inPost = new Map(ctx.groups.map((group) => [group, tally.inPost.get(group)?.n ?? 0]));
  return {
    inPost: ctx.groups.map((group) => ({ group, count: shownCount(inPost.get(group)!, ctx.k) })),
    kinds: [...tally.kinds.values()].map((kind): KindMonitoring => {
      const programmes = [...kind.programmes].map(([programmeId, row]) => ({ programmeId, ...rowMonitoring(row, inPost, ctx) }));
      return { programmeKind: kind.kind, ...withheldWith(rowMonitoring(kind.all, inPost, ctx), programmes), programmes };
    }),
  };
}

function rowMonitoring(row: RowTally, inPost: ReadonlyMap<string, number>, ctx: MonitoringContext): RowMonitoring {
  return {
    groups: ctx.groups.map((group) => groupMonitoring(group, row.byGroup.get(group) ?? emptyParticipantCounts(), inPost.get(group) ?? 0, ctx.k)),
    mentorPool: poolView(row.mentors, ctx.k),
    coachPool: poolView(row.coaches, ctx.k),
  };
}

function groupMonitoring(group: string, c: ParticipantCounts, inPost: number, k: number): GroupMonitoring {
  const participants = shownCount(c.participants.n, k);
  const shownInPost = shownCount(inPost, k);
  const takeUp = share(participants, shownInPost, k);
  const [completed, withdrawn, enrolled] = breakdown([c.completed.n, c.withdrawn.n, c.enrolled.n], k);
  const completion = share(completed, participants, k);
  const withdrawal = share(withdrawn, participants, k);
  const withProtectedTime = shownCount(c.protectedTime.n, k);
  const protectedShare = share(withProtectedTime, participants, k);
  return {
    group,
    takeUp: { participants, inPost: shownInPost, share: takeUp.value, suppressed: participants === null || shownInPost === null || takeUp.withheld },
    outcomes: {
      participants, completed, withdrawn, enrolled, completionRate: completion.value, withdrawalRate: withdrawal.value,
      suppressed: [participants, completed, withdrawn, enrolled].includes(null) || completion.withheld || withdrawal.withheld,
    },
    protectedTime: { participants, withProtectedTime, share: protectedShare.value, suppressed: participants === null || withProtectedTime === null || protectedShare.withheld },
    mentors: supportView(c.withMentor.n, [c.mentorMinority.n, c.mentorNotMinority.n, c.mentorUnknown.n], k),
    coaches: supportView(c.withCoach.n, [c.coachMinority.n, c.coachNotMinority.n, c.coachUnknown.n], k),
  };
}

function supportView(assignedCount: number, cells: [number, number, number], k: number): SupportView {
  const assigned = shownCount(assignedCount, k);
  return { assigned, ...mixOf(assigned, cells, k) };
}

function poolView(pool: PoolCounts, k: number): PoolView {
  const people = shownCount(pool.people.n, k);
  return { people, ...mixOf(people, [pool.minority.n, pool.notMinority.n, pool.unknown.n], k) };
}

/** Minority, not minority and unknown out of `total` (as shown), with the two shares. */
function mixOf(total: number | null, cells: [number, number, number], k: number): EthnicityMixView {
  const [minority, notMinority, unknown] = breakdown(cells, k);
  const minorityShare = share(minority, total, k);
  const unknownShare = share(unknown, total, k);
  return {
    minority, notMinority, unknown, minorityShare: minorityShare.value, unknownShare: unknownShare.value,
    suppressed: [total, minority, notMinority, unknown].includes(null) || minorityShare.withheld || unknownShare.withheld,
  };
}

/** A count under the small-count rule: from 1 to k − 1 it is not published (a protected count is 0 or a multiple of k already). */
function shownCount(n: number, k: number): number | null {
  return isSmallCount(n, k) ? null : n;
}

/** Counts that add up to a published total, with primary and complementary suppression against it. */
function breakdown(cells: readonly number[], k: number): Array<number | null> {
  return suppressTable([cells], k, { rowTotals: true, columnTotals: false }).cells[0].map((cell) => cell.value);
}

/**
 * A share of published counts: withheld when either is, or when the denominator is from 1 to k − 1
 * (a share over so few people gives them back); null, but not withheld, over nobody. Shares of
 * protected counts, each rounded on its own, are capped at 1.
 */
function share(count: number | null, of: number | null, k: number): { value: number | null; withheld: boolean } {
  if (count === null || of === null) return { value: null, withheld: true };
  if (of === 0) return { value: null, withheld: false };
  const shown = withholdEstimate({ share: Math.min(1, count / of) }, { denominator: of }, k);
  return { value: shown.share, withheld: shown.suppressed };
}

/** A kind's figures, withheld where any of its programmes' are (see above). */
function withheldWith(kind: RowMonitoring, programmes: readonly RowMonitoring[]): RowMonitoring {
  if (programmes.length <= 1) return kind;
  const anyOf = <T>(pick: (row: RowMonitoring) => T, test: (value: T) => boolean): boolean => programmes.some((p) => test(pick(p)));
  const groups = kind.groups.map((g, i): GroupMonitoring => {
    const at = (row: RowMonitoring) => row.groups[i];
    const participantsHidden = anyOf(at, (x) => x.outcomes.participants === null);
    const participants = participantsHidden ? null : g.outcomes.participants;
    const outcomes = anyOf(at, (x) => x.outcomes.suppressed)
      ? { participants, completed: null, withdrawn: null, enrolled: null, completionRate: null, withdrawalRate: null, suppressed: true }
      : { ...g.outcomes, participants, suppressed: g.outcomes.suppressed || participantsHidden };
    const protectedTime = anyOf(at, (x) => x.protectedTime.suppressed)
      ? { participants, withProtectedTime: null, share: null, suppressed: true }
      : { ...g.protectedTime, participants, suppressed: g.protectedTime.suppressed || participantsHidden };
    const takeUp = participantsHidden ? { ...g.takeUp, participants, share: null, suppressed: true } : g.takeUp;
    return {
      group: g.group, takeUp, outcomes, protectedTime,
      mentors: mixWithheldWith('assigned', g.mentors, programmes.map((p) => at(p).mentors)),
      coaches: mixWithheldWith('assigned', g.coaches, programmes.map((p) => at(p).coaches)),
    };
  });
  return {
    groups,
    mentorPool: mixWithheldWith('people', kind.mentorPool, programmes.map((p) => p.mentorPool)),
    coachPool: mixWithheldWith('people', kind.coachPool, programmes.map((p) => p.coachPool)),
  };
}

const WITHHELD_MIX: EthnicityMixView = { minority: null, notMinority: null, unknown: null, minorityShare: null, unknownShare: null, suppressed: true };

/** A kind's mix, withheld as a whole when any of its programmes' is, and its total when any programme's total is. */
function mixWithheldWith<K extends 'assigned' | 'people', V extends EthnicityMixView & Record<K, number | null>>(total: K, kind: V, programmes: readonly V[]): V {
  const shown = programmes.some((p) => p[total] === null) ? null : kind[total];
  if (programmes.some((p) => p.suppressed)) return { [total]: shown, ...WITHHELD_MIX } as V;
  return { ...kind, [total]: shown, suppressed: kind.suppressed || shown === null };
}
