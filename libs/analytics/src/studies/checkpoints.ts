import type { DataVersion } from '../common/fingerprint';
import { dayOf, isoDateOf } from '../common/days';
import { monthsToDays } from '../common/intervals';
import { lastEntryDate, type Cohort } from '../cohorts/cohort-definition';
import type { StudyReport } from './study-report';

/**
 * Checkpoints (§9): a study reaches month M when its last arm has stopped recruiting (the latest end
 * of an entry window, or the latest `at` date) and M months (of 30.4375 days) have passed. Then
 * every member can have M months of follow-up, and the checkpoint report is computed as of that
 * date, with a horizon of M months, and frozen.
 */
export function recruitmentEnd(cohorts: readonly Cohort[]): string {
  return cohorts.map((c) => lastEntryDate(c.definition.entry)).reduce((a, b) => (a > b ? a : b));
}

export function checkpointDueOn(recruitmentEndDate: string, month: number): string {
  return isoDateOf(dayOf(recruitmentEndDate) + Math.ceil(monthsToDays(month)));
}

/** A checkpoint report as frozen: immutable, with the data it was computed from. */
export interface FrozenCheckpoint {
  studyId: string;
  month: number;
  dueOn: string;
  frozenAt: string;
  dataVersion: DataVersion;
  report: StudyReport;
}

export type CheckpointState = 'frozen' | 'due' | 'pending';

export interface CheckpointStatus {
  month: number;
  dueOn: string;
  status: CheckpointState;
  frozenAt: string | null;
  dataVersion: DataVersion | null;
}

export function checkpointState(dueOn: string, today: string, frozen: FrozenCheckpoint | undefined): CheckpointState {
  if (frozen) return 'frozen';
  return today >= dueOn ? 'due' : 'pending';
}
