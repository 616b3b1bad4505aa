import { ASSESSMENT_INSTRUMENTS, ASSESSMENT_PHASES } from '@rung/contracts';
import type { Day } from '../common/days';
import type { CohortMember } from '../cohorts/cohort-membership';
import { applicationsOf, type MemberApplications } from './applications';
import { assessmentScoresOf, NO_ASSESSMENTS, type MemberAssessments } from './assessments';

const SCORES = ASSESSMENT_INSTRUMENTS.length * ASSESSMENT_PHASES.length;
const APPLIED = 1;
const WITH_OUTCOME = 2;
const APPOINTED = 4;

/** An arm's programme-evaluation data in typed columns, as they travel to an estimation worker. */
export interface PackedEvaluation {
  /** Rescaled scores of the members who have any, `SCORES` a member (NaN where none), and those members' record keys. */
  scores: Float64Array;
  scoreKeys: Uint32Array;
  /** Per member: their group's index in `groups` + 1 (0 for none), what they did (bit flags), and their record key. */
  groups: Uint8Array;
  flags: Uint8Array;
  keys: Uint32Array;
}

export interface EvaluationWindow {
  asOf: Day;
  applicationDays: number;
  /** The groups of the study's grouping, in order. */
  groups: readonly string[];
  groupOf(member: CohortMember): string | undefined;
}

/** Collects each member's assessments and applications after time zero, member by member as a scan finds them. */
export class EvaluationColumns {
  private readonly scores: number[] = [];
  private readonly scoreKeys: number[] = [];
  private readonly groups: number[] = [];
  private readonly flags: number[] = [];
  private readonly keys: number[] = [];

  constructor(private readonly window: EvaluationWindow) {}

  add(member: CohortMember, recordKey: number): void {
    const scores = assessmentScoresOf(member, this.window.asOf);
    if (scores !== NO_ASSESSMENTS) {
      this.scores.push(...scores);
      this.scoreKeys.push(recordKey);
    }
    const group = this.window.groupOf(member);
    const a = applicationsOf(member, this.window.applicationDays, group, { recordKey, asOf: this.window.asOf });
    this.groups.push(group === undefined ? 0 : this.window.groups.indexOf(group) + 1);
    this.flags.push((a.applied ? APPLIED : 0) | (a.withOutcome ? WITH_OUTCOME : 0) | (a.appointed ? APPOINTED : 0));
    this.keys.push(recordKey);
  }

  packed(): PackedEvaluation {
    return { scores: Float64Array.from(this.scores), scoreKeys: Uint32Array.from(this.scoreKeys), groups: Uint8Array.from(this.groups), flags: Uint8Array.from(this.flags), keys: Uint32Array.from(this.keys) };
  }
}

export function unpackScores(p: PackedEvaluation): MemberAssessments[] {
  const out: MemberAssessments[] = [];
  for (let i = 0; i < p.scores.length; i += SCORES) out.push(Array.from(p.scores.subarray(i, i + SCORES)));
  return out;
}

export function unpackApplications(p: PackedEvaluation, groups: readonly string[]): MemberApplications[] {
  return Array.from(p.flags, (flags, i) => ({
    group: p.groups[i] === 0 ? null : groups[p.groups[i] - 1],
    recordKey: p.keys[i],
    applied: (flags & APPLIED) !== 0,
    withOutcome: (flags & WITH_OUTCOME) !== 0,
    appointed: (flags & APPOINTED) !== 0,
  }));
}
