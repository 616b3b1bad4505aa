import type { DisclosureMode } from '@rung/domain';
import type { CohortDefinition, CohortEntry } from '../cohorts/cohort-definition';
import { civilFromDays, dayOf, daysFromCivil, daysInMonth, isoDateOf } from '../common/days';

/**
 * Protected answers take no day-level parameter (§7.1): whoever may choose the day an answer starts
 * or ends can move it across one person's date and watch the answer change. Every date a protected
 * answer depends on is snapped to a whole month.
 */

export function firstOfMonth(iso: string): string {
  const { year, month } = civilFromDays(dayOf(iso));
  return isoDateOf(daysFromCivil(year, month, 1));
}

export function lastOfMonth(iso: string): string {
  const { year, month } = civilFromDays(dayOf(iso));
  return isoDateOf(daysFromCivil(year, month, daysInMonth(year, month)));
}

/** The end of the last whole month on or before `iso`: protected answers are as of a month's end that has passed. */
export function lastMonthEndBy(iso: string): string {
  const end = lastOfMonth(iso);
  return end === iso ? iso : isoDateOf(dayOf(firstOfMonth(iso)) - 1);
}

/** A period widened to whole months: `from` to the first of its month, `to` to the last of its month. */
export function wholeMonths(from: string, to: string): { from: string; to: string } {
  return { from: firstOfMonth(from), to: lastOfMonth(to) };
}

/** A cohort definition whose entry window (or `employed` date) is whole months. */
export function withWholeMonthEntry(definition: CohortDefinition): CohortDefinition {
  return { ...definition, entry: wholeMonthEntry(definition.entry) };
}

function wholeMonthEntry(entry: CohortEntry): CohortEntry {
  switch (entry.on) {
    case 'ProgrammeEnrolled':
    case 'EmployeeHired': {
      const { from, to } = wholeMonths(entry.between[0], entry.between[1]);
      return { ...entry, between: [from, to] };
    }
    case 'employed':
      return { ...entry, at: lastOfMonth(entry.at) };
    default: {
      const unexpected: never = entry;
      throw new Error(`unknown entry ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The as-of date an answer in this mode is computed for. */
export function asOfIn(mode: DisclosureMode, asOf: string): string {
  return mode === 'protected' ? lastMonthEndBy(asOf) : asOf;
}

/** The cohort as an answer in this mode evaluates it. */
export function cohortIn<C extends { definition: CohortDefinition }>(mode: DisclosureMode, cohort: C): C {
  return mode === 'protected' ? { ...cohort, definition: withWholeMonthEntry(cohort.definition) } : cohort;
}

/** The period an answer in this mode covers. */
export function periodIn(mode: DisclosureMode, from: string, to: string): { from: string; to: string } {
  return mode === 'protected' ? wholeMonths(from, to) : { from, to };
}
