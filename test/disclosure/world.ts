import type { EthnicityCode, Grouping } from '@rung/contracts';
import { plannedEvents, rawEvent, type PlannedSubject, type RawEvent } from '@rung/testing';

/** The small-count threshold the attacks try to get under (SUPPRESSION_K, default 5). */
export const K = 5;
/** Mid-month on purpose: protected answers snap it to 2025-06-30. */
export const AS_OF = '2025-06-17';
export const HORIZON_MONTHS = 36;

/** A planned career (hire, enrolment, promotion 5 → 6, leaving) plus any disciplinary cases opened. */
export interface Person extends PlannedSubject {
  casesAt?: string[];
}

export function eventsOf(people: readonly Person[]): RawEvent[] {
  return people.flatMap((p) => [
    ...plannedEvents(p),
    ...(p.casesAt ?? []).map((at) => rawEvent('DisciplinaryCaseOpened', { subjectRef: p.subjectRef, orgId: p.orgId, occurredAt: at }, { caseKind: 'conduct' })),
  ]);
}

/**
 * The finest cells that every grouping's groups are unions of. Which groups are made of which atoms is
 * public (it is how the groupings are defined), so attacks may use it to line up answers.
 */
export const ATOMS = ['white-british', 'white-other', 'mixed', 'asian', 'black', 'other', 'unknown'] as const;
export type Atom = (typeof ATOMS)[number];

export const ATOMS_OF: Record<Grouping, Record<string, readonly Atom[]>> = {
  wres: { white: ['white-british', 'white-other'], bme: ['mixed', 'asian', 'black', 'other'] },
  ons5: { white: ['white-british', 'white-other'], mixed: ['mixed'], asian: ['asian'], black: ['black'], other: ['other'], unknown: ['unknown'] },
  'white-british': { 'white-british': ['white-british'], 'ethnic-minority': ['white-other', 'mixed', 'asian', 'black', 'other'] },
  migrant: {},
};

/** One ethnicity code per atom, for building people. */
export const ETHNICITY_OF: Record<Atom, EthnicityCode> = {
  'white-british': 'white-british', 'white-other': 'white-irish', mixed: 'mixed-other', asian: 'asian-indian', black: 'black-african', other: 'other-arab', unknown: 'not-stated',
};

export function atomOf(p: Person): Atom {
  const found = (Object.keys(ETHNICITY_OF) as Atom[]).find((a) => ETHNICITY_OF[a] === p.ethnicity);
  if (!found) throw new Error(`no atom for ethnicity ${p.ethnicity}`);
  return found;
}
