import type { AgeBand, Disability, Grouping, Level, MigrantGeneration, ProgrammeKind, ProgrammeRole, Sex } from '@rung/contracts';

/** How subjects enter a cohort (§7a); time zero is the entry date. */
export const ENTRY_KINDS = ['ProgrammeEnrolled', 'EmployeeHired', 'employed'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type CohortEntry =
  | {
      on: 'ProgrammeEnrolled';
      programmeKind?: ProgrammeKind;
      programmeId?: string;
      role?: ProgrammeRole;
      /** Inclusive window of entry dates, YYYY-MM-DD. */
      between: [string, string];
    }
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
  migrantGeneration?: MigrantGeneration[];
  sex?: Sex[];
  ageBand?: AgeBand[];
  disability?: Disability[];
}

/** A cohort definition of §7a, validated. */
export interface CohortDefinition {
  name: string;
  orgIds: string[];
  entry: CohortEntry;
  where: CohortFilter;
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
