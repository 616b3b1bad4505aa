import { groupOf } from '@rung/domain';
import type { Level } from '@rung/contracts';
import type { SubjectTimeline } from '@rung/projections';
import { dayOf, type Day } from '../common/days';
import type { CohortDefinition, CohortEntry, CohortFilter, ProgrammeFilter } from './cohort-definition';

/** A subject in a cohort: their timeline, time zero (their first entry in the window) and their level then. */
export interface CohortMember {
  timeline: SubjectTimeline;
  timeZero: Day;
  levelAtEntry: Level | null;
  /** Days from time zero to an enrolment that ends their follow-up (`exclude.censorAtEnrolment`). */
  censorAt?: number;
}

const LISTED = ['ethnicity', 'migrantGeneration', 'sex', 'ageBand', 'disability'] as const;

/** A definition with its dates turned into day numbers and its lists into sets, for scanning many timelines. */
export interface CompiledCohort {
  orgIds: ReadonlySet<string>;
  entry: CompiledEntry;
  where: CohortFilter;
  groups: ReadonlySet<string> | null;
  lists: Array<{ field: (typeof LISTED)[number]; values: ReadonlySet<string> }>;
  exclude?: ProgrammeFilter;
  censorAtEnrolment: boolean;
}

type CompiledEntry =
  | (ProgrammeFilter & { on: 'ProgrammeEnrolled'; from: Day; to: Day })
  | { on: 'EmployeeHired'; from: Day; to: Day }
  | { on: 'employed'; at: Day };

export function compileCohort(definition: CohortDefinition): CompiledCohort {
  const { where, exclude } = definition;
  const lists: CompiledCohort['lists'] = [];
  for (const field of LISTED) {
    const values = where[field];
    if (values) lists.push({ field, values: new Set<string>(values) });
  }
  return {
    orgIds: new Set(definition.orgIds),
    entry: compileEntry(definition.entry),
    where,
    groups: where.grouping && where.groups ? new Set(where.groups) : null,
    lists,
    ...(exclude ? { exclude } : {}),
    censorAtEnrolment: exclude?.censorAtEnrolment === true,
  };
}

function compileEntry(entry: CohortEntry): CompiledEntry {
  switch (entry.on) {
    case 'ProgrammeEnrolled':
      return { ...entry, from: dayOf(entry.between[0]), to: dayOf(entry.between[1]) };
    case 'EmployeeHired':
      return { on: entry.on, from: dayOf(entry.between[0]), to: dayOf(entry.between[1]) };
    case 'employed':
      return { on: entry.on, at: dayOf(entry.at) };
    default: {
      const unexpected: never = entry;
      throw new Error(`unknown entry ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * Whether a subject is in the cohort as of `asOf`, and from when. Time zero is the first entry in
 * the window (§7a); an entry after the as-of date has not happened yet. Filters on demographics use
 * the subject's current demographics; the level filter uses the level held on the entry date.
 */
export function memberOf(cohort: CompiledCohort, timeline: SubjectTimeline, asOf: Day): CohortMember | undefined {
  if (!cohort.orgIds.has(timeline.orgId) || !matchesDemographics(cohort, timeline)) return undefined;
  const timeZero = entryDay(cohort.entry, timeline);
  if (timeZero === undefined || timeZero > asOf) return undefined;
  const levelAtEntry = levelOn(timeline, timeZero);
  const range = cohort.where.levelAtEntry;
  if (range) {
    if (levelAtEntry === null) return undefined;
    if (range.min !== undefined && levelAtEntry < range.min) return undefined;
    if (range.max !== undefined && levelAtEntry > range.max) return undefined;
  }
  if (!cohort.exclude) return { timeline, timeZero, levelAtEntry };
  const enrolled = firstEnrolment(cohort.exclude, timeline);
  if (enrolled !== undefined && enrolled <= timeZero) return undefined;
  const censorAt = cohort.censorAtEnrolment ? enrolled : undefined;
  return { timeline, timeZero, levelAtEntry, ...(censorAt !== undefined ? { censorAt: censorAt - timeZero } : {}) };
}

/** The first day, on or after `from`, on which the subject enrolled in a programme matching the filter. */
function firstEnrolment(filter: ProgrammeFilter, t: SubjectTimeline, from = Number.NEGATIVE_INFINITY): Day | undefined {
  let first: Day | undefined;
  for (const p of t.programmes) {
    if (p.enrolledAt === null || !matchesProgramme(filter, p)) continue;
    const day = dayOf(p.enrolledAt);
    if (day >= from && (first === undefined || day < first)) first = day;
  }
  return first;
}

function matchesProgramme(filter: ProgrammeFilter, p: SubjectTimeline['programmes'][number]): boolean {
  return (filter.programmeKind === undefined || p.programmeKind === filter.programmeKind)
    && (filter.programmeId === undefined || p.programmeId === filter.programmeId)
    && (filter.role === undefined || p.role === filter.role);
}

function matchesDemographics(cohort: CompiledCohort, timeline: SubjectTimeline): boolean {
  const d = timeline.demographics;
  if (cohort.groups && cohort.where.grouping) {
    const group = groupOf(cohort.where.grouping, d);
    if (group === undefined || !cohort.groups.has(group)) return false;
  }
  for (const { field, values } of cohort.lists) {
    const value = d[field];
    if (value === undefined || !values.has(value)) return false;
  }
  return true;
}

function entryDay(entry: CompiledEntry, t: SubjectTimeline): Day | undefined {
  switch (entry.on) {
    case 'ProgrammeEnrolled': {
      let first: Day | undefined;
      for (const p of t.programmes) {
        if (p.enrolledAt !== null && matchesProgramme(entry, p)) first = earliestIn(first, dayOf(p.enrolledAt), entry.from, entry.to);
      }
      return first;
    }
    case 'EmployeeHired': {
      let first: Day | undefined;
      for (const g of t.grades) if (g.change === 'hire') first = earliestIn(first, dayOf(g.from), entry.from, entry.to);
      return first;
    }
    case 'employed':
      return employedOn(t, entry.at) ? entry.at : undefined;
    default: {
      const unexpected: never = entry;
      throw new Error(`unknown entry ${JSON.stringify(unexpected)}`);
    }
  }
}

function earliestIn(current: Day | undefined, day: Day, from: Day, to: Day): Day | undefined {
  if (day < from || day > to) return current;
  return current === undefined || day < current ? day : current;
}

/** In post on a day: hired on or before it, and not left on or before it. */
export function employedOn(t: SubjectTimeline, day: Day): boolean {
  return t.spells.some((s) => s.hiredAt !== null && dayOf(s.hiredAt) <= day && (s.leftAt === null || dayOf(s.leftAt) > day));
}

/** The level held at the end of a day (changes dated that day included); null before any grade. */
export function levelOn(t: SubjectTimeline, day: Day): Level | null {
  let level: Level | null = null;
  for (const g of t.grades) {
    if (dayOf(g.from) > day) break;
    level = g.level;
  }
  return level;
}
