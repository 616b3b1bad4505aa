import type { AgeBand, Disability, EthnicityCode, Grouping, Level, MigrantGeneration, ProgrammeKind, ProgrammeRole, Sex } from '@rung/contracts';

/** How subjects enter a cohort (§7a); time zero is the entry date. */
export const ENTRY_KINDS = ['ProgrammeEnrolled', 'EmployeeHired', 'employed'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Which programme enrolments count: any, or those of a kind, a programme or a role. */
export interface ProgrammeFilter {
  programmeKind?: ProgrammeKind;
  programmeId?: string;
  role?: ProgrammeRole;
}

export type CohortEntry =
  | (ProgrammeFilter & {
      on: 'ProgrammeEnrolled';
      /** Inclusive window of entry dates, YYYY-MM-DD. */
      between: [string, string];
    })
  | { on: 'EmployeeHired'; between: [string, string] }
  | { on: 'employed'; at: string };

export interface LevelRange {
  min?: Level;
  max?: Level;
}

export interface CohortFilter {
  grouping?: Grouping;
  groups?: string[];
  levelAtEntry?: LevelRange;
  ethnicity?: EthnicityCode[];
  migrantGeneration?: MigrantGeneration[];
  sex?: Sex[];
  ageBand?: AgeBand[];
  disability?: Disability[];
}

/**
 * Programme participants kept out of a comparison cohort: those who enrolled on or before time zero
 * are not members; with `censorAtEnrolment`, a member who enrols later is followed until that day and
 * censored there, so that time spent before enrolling is never counted as time untreated.
 */
export interface CohortExclusion extends ProgrammeFilter {
  censorAtEnrolment?: boolean;
}

/** A cohort definition of §7a, validated. */
export interface CohortDefinition {
  name: string;
  orgIds: string[];
  entry: CohortEntry;
  where: CohortFilter;
  exclude?: CohortExclusion;
}

/** A stored cohort: definitions never change once stored, so an id names one set of rules. */
export interface Cohort {
  id: string;
  definedAt: string;
  definition: CohortDefinition;
}

/** The last day on which a subject can enter: the end of the window, or the `at` date. */
export function lastEntryDate(entry: CohortEntry): string {
  switch (entry.on) {
    case 'ProgrammeEnrolled':
    case 'EmployeeHired':
      return entry.between[1];
    case 'employed':
      return entry.at;
    default: {
      const unexpected: never = entry;
      throw new Error(`unknown entry ${JSON.stringify(unexpected)}`);
    }
  }
}
