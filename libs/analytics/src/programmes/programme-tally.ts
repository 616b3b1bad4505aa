import { PROGRAMME_KINDS, type Grouping, type Level, type ProgrammeKind } from '@rung/contracts';
import { groupOf } from '@rung/domain';
import type { Participation, SubjectTimeline } from '@rung/projections';
import { addRecordKey } from '@rung/stats';
import { dayOf, type Day } from '../common/days';

/**
 * The counts behind programme monitoring (§12), tallied in one pass over an organisation's timelines.
 * Pure: no I/O, no clock. Every count keeps its cell key (the sum of the record keys of whom it
 * counts), so that protected answers can round it (disclosure/protected-programme-tally.ts).
 */

/** A count and its cell key. */
export interface Tallied {
  n: number;
  key: number;
}

/** Which group of ethnicity counts as an ethnic minority for mentor and coach diversity: the `white-british` grouping's `ethnic-minority` (every stated code but white-british, white minorities included, §4). */
export const MINORITY = { grouping: 'white-british', group: 'ethnic-minority' } as const satisfies { grouping: Grouping; group: string };

/** Counts over the participants of one group on one programme (or one kind of programme). */
export const PARTICIPANT_COUNTS = [
  'participants', 'completed', 'withdrawn', 'enrolled', 'protectedTime',
  'withMentor', 'mentorMinority', 'mentorNotMinority', 'mentorUnknown',
  'withCoach', 'coachMinority', 'coachNotMinority', 'coachUnknown',
] as const;
export type ParticipantCountName = (typeof PARTICIPANT_COUNTS)[number];
export type ParticipantCounts = Record<ParticipantCountName, Tallied>;

/** Counts over the people enrolled as mentors (or coaches) of one programme, by their own ethnicity. */
export const POOL_COUNTS = ['people', 'minority', 'notMinority', 'unknown'] as const;
export type PoolCountName = (typeof POOL_COUNTS)[number];
export type PoolCounts = Record<PoolCountName, Tallied>;

/** One programme's (or one kind's) counts. */
export interface RowTally {
  byGroup: Map<string, ParticipantCounts>;
  mentors: PoolCounts;
  coaches: PoolCounts;
}

export interface KindTally {
  kind: ProgrammeKind;
  /** Over the kind: each person once, with their first enrolment of the kind in the period. */
  all: RowTally;
  /** Over each programme of the kind: each person once per programme, with their first enrolment on it in the period. */
  programmes: Map<string, RowTally>;
}

export interface ProgrammeTally {
  /** People in post at an eligible level at any time in the period, by group: the denominator of take-up. */
  inPost: Map<string, Tallied>;
  /** Every kind (in PROGRAMME_KINDS order once finished) with a programme in the organisation's timelines. */
  kinds: Map<ProgrammeKind, KindTally>;
}

export interface ProgrammeTallySpec {
  fromDay: Day;
  toDay: Day;
  grouping: Grouping;
  /** The eligible levels: participants must hold one of them in post on the day they enrolled. */
  levels: readonly Level[];
  /** Only this kind, when given. */
  programmeKind: ProgrammeKind | null;
}

type Status = 'completed' | 'withdrawn' | 'enrolled';
type Ethnicity = 'minority' | 'notMinority' | 'unknown';

/** A participant's enrolment, kept until the scan has seen every mentor's and coach's own timeline. */
interface PendingParticipant {
  row: RowTally;
  group: string;
  recordKey: number;
  status: Status;
  protectedTime: boolean;
  mentorRef: string | undefined;
  coachRef: string | undefined;
}

export function emptyTallied(): Tallied {
  return { n: 0, key: 0 };
}

export function emptyParticipantCounts(): ParticipantCounts {
  return Object.fromEntries(PARTICIPANT_COUNTS.map((name) => [name, emptyTallied()])) as ParticipantCounts;
}

export function emptyPoolCounts(): PoolCounts {
  return Object.fromEntries(POOL_COUNTS.map((name) => [name, emptyTallied()])) as PoolCounts;
}

function emptyRow(): RowTally {
  return { byGroup: new Map(), mentors: emptyPoolCounts(), coaches: emptyPoolCounts() };
}

function count(c: Tallied, recordKey: number): void {
  c.n += 1;
  c.key = addRecordKey(c.key, recordKey);
}

/** The minority status of a subject's current ethnicity (§12). */
export function ethnicityOf(t: Pick<SubjectTimeline, 'demographics'>): Ethnicity {
  const group = groupOf(MINORITY.grouping, t.demographics);
  if (group === undefined) return 'unknown';
  return group === MINORITY.group ? 'minority' : 'notMinority';
}

/**
 * Tallies programme monitoring over timelines given one at a time (`add`), then resolves each
 * participant's mentor and coach against their own timelines (`finish`): a mentor is another subject
 * of the organisation, named by the pseudonym ingestion gave their subjectRef, which is their subjectId.
 */
export class ProgrammeTallier {
  private readonly tally: ProgrammeTally = { inPost: new Map(), kinds: new Map() };
  /** Subjects whose ethnicity is stated, by subjectId: true for an ethnic minority. */
  private readonly minority = new Map<string, boolean>();
  private readonly pending: PendingParticipant[] = [];
  private readonly eligible: ReadonlySet<Level>;

  constructor(private readonly spec: ProgrammeTallySpec) {
    this.eligible = new Set(spec.levels);
  }

  add(t: SubjectTimeline, recordKey = 0): void {
    const own = ethnicityOf(t);
    if (own !== 'unknown') this.minority.set(t.subjectId, own === 'minority');
    const group = groupOf(this.spec.grouping, t.demographics);
    const facts = group === undefined ? null : factsOf(t);
    if (group !== undefined && facts && this.inPostAtEligibleLevel(facts)) count(getOrSet(this.tally.inPost, group, emptyTallied), recordKey);
    const participations = t.programmes.filter((p) => p.programmeKind !== null && (this.spec.programmeKind === null || p.programmeKind === this.spec.programmeKind));
    if (participations.length === 0) return;
    // Every programme of the organisation is listed, whenever it ran, so that a row's presence says nothing about the period.
    for (const p of participations) this.rowsOf(p.programmeKind!, p.programmeId);
    const seen = new Set<string>();
    for (const p of participations.filter((x) => this.enrolledInPeriod(x)).sort(byEnrolment)) {
      const kind = p.programmeKind!;
      const rows = this.rowsOf(kind, p.programmeId);
      for (const [scope, row] of [[kind, rows.all], [`${kind}\u0000${p.programmeId}`, rows.programme]] as const) {
        const first = `${p.role ?? ''}\u0000${scope}`;
        if (seen.has(first)) continue;
        seen.add(first);
        if (p.role === 'mentor' || p.role === 'coach') this.addToPool(p.role === 'mentor' ? row.mentors : row.coaches, own, recordKey);
        else if (p.role === 'participant' && group !== undefined && facts && this.eligibleOn(facts, dayOf(p.enrolledAt!))) {
          this.pending.push({
            row, group, recordKey, status: this.statusOf(p), protectedTime: p.protectedTime === true, mentorRef: p.mentorRef, coachRef: p.coachRef,
          });
        }
      }
    }
  }

  /** The tally, once every timeline has been added. */
  finish(): ProgrammeTally {
    for (const p of this.pending) {
      const c = getOrSet(p.row.byGroup, p.group, emptyParticipantCounts);
      count(c.participants, p.recordKey);
      count(c[p.status], p.recordKey);
      if (p.protectedTime) count(c.protectedTime, p.recordKey);
      if (p.mentorRef !== undefined) {
        count(c.withMentor, p.recordKey);
        count(c[`mentor${capitalised(this.ethnicityOfSubject(p.mentorRef))}`], p.recordKey);
      }
      if (p.coachRef !== undefined) {
        count(c.withCoach, p.recordKey);
        count(c[`coach${capitalised(this.ethnicityOfSubject(p.coachRef))}`], p.recordKey);
      }
    }
    this.pending.length = 0;
    const order = (a: ProgrammeKind, b: ProgrammeKind) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b);
    const kinds = new Map([...this.tally.kinds].sort(([a], [b]) => order(a, b)).map(([kind, k]) => [kind, {
      ...k, programmes: new Map([...k.programmes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    }]));
    return { inPost: this.tally.inPost, kinds };
  }

  /** A mentor or coach with no timeline in the organisation, or with no stated ethnicity, is unknown. */
  private ethnicityOfSubject(subjectId: string): Ethnicity {
    const minority = this.minority.get(subjectId);
    if (minority === undefined) return 'unknown';
    return minority ? 'minority' : 'notMinority';
  }

  private rowsOf(kind: ProgrammeKind, programmeId: string): { all: RowTally; programme: RowTally } {
    const k = getOrSet(this.tally.kinds, kind, () => ({ kind, all: emptyRow(), programmes: new Map<string, RowTally>() }));
    return { all: k.all, programme: getOrSet(k.programmes, programmeId, emptyRow) };
  }

  private addToPool(pool: PoolCounts, own: Ethnicity, recordKey: number): void {
    count(pool.people, recordKey);
    count(pool[own], recordKey);
  }

  private enrolledInPeriod(p: Participation): boolean {
    if (p.enrolledAt === null) return false;
    const day = dayOf(p.enrolledAt);
    return day >= this.spec.fromDay && day <= this.spec.toDay;
  }

  /** Where the enrolment stood at the period's end: completed or withdrawn on or before it (the earlier, when both), else still enrolled. */
  private statusOf(p: Participation): Status {
    const completed = p.completedAt === null ? Infinity : dayOf(p.completedAt);
    const withdrawn = p.withdrawnAt === null ? Infinity : dayOf(p.withdrawnAt);
    const end = Math.min(completed, withdrawn);
    if (end > this.spec.toDay) return 'enrolled';
    return completed <= withdrawn ? 'completed' : 'withdrawn';
  }

  /** In post on the day, at an eligible level (the level held at the end of that day). */
  private eligibleOn(f: Facts, day: Day): boolean {
    if (!f.employed.some(([s, e]) => s <= day && e > day)) return false;
    let level: Level | null = null;
    for (const seg of f.levels) {
      if (seg.from > day) break;
      level = seg.level;
    }
    return level !== null && this.eligible.has(level);
  }

  /** In post at an eligible level on some day of the period. */
  private inPostAtEligibleLevel(f: Facts): boolean {
    const from = this.spec.fromDay;
    const end = this.spec.toDay + 1;
    return f.levels.some((seg) => this.eligible.has(seg.level) && f.employed.some(([s, e]) => Math.max(s, seg.from, from) < Math.min(e, seg.to, end)));
  }
}

const KIND_ORDER: readonly ProgrammeKind[] = PROGRAMME_KINDS;

interface Facts {
  /** Employment as [start, end) in days; end is Infinity while in post. */
  employed: Array<[Day, Day]>;
  /** Level segments [from, to) in days. */
  levels: Array<{ from: Day; to: Day; level: Level }>;
}

function factsOf(t: SubjectTimeline): Facts {
  const employed: Array<[Day, Day]> = [];
  for (const s of t.spells) if (s.hiredAt !== null) employed.push([dayOf(s.hiredAt), s.leftAt === null ? Infinity : dayOf(s.leftAt)]);
  const levels = t.grades.map((g, i) => ({ from: dayOf(g.from), to: i + 1 < t.grades.length ? dayOf(t.grades[i + 1].from) : Infinity, level: g.level }));
  return { employed, levels };
}

function byEnrolment(a: Participation, b: Participation): number {
  return a.enrolledAt! < b.enrolledAt! ? -1 : a.enrolledAt! > b.enrolledAt! ? 1 : 0;
}

function capitalised<S extends string>(s: S): Capitalize<S> {
  return (s.charAt(0).toUpperCase() + s.slice(1)) as Capitalize<S>;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
