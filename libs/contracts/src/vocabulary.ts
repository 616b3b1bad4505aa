export const CONTRACT_TYPES = ['permanent', 'fixed-term', 'bank'] as const;
export const LEAVING_REASONS = [
  'voluntary',
  'dismissal',
  'retirement',
  'end-of-contract',
  'redundancy',
  'death',
  'other',
] as const;
export const MIGRANT_GENERATIONS = ['first', 'second', 'third-plus', 'not-migrant', 'unknown'] as const;
export const SEXES = ['female', 'male', 'other', 'not-stated'] as const;
export const AGE_BANDS = ['16-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export const DISABILITY_VALUES = ['yes', 'no', 'not-stated'] as const;
export const PROMOTION_BASES = ['competitive', 'regrade', 'acting', 'temporary'] as const;
export const GRADE_CHANGE_REASONS = ['lateral', 'demotion', 'acting-ended', 'regrade'] as const;
export const APPLICATION_OUTCOMES = ['appointed', 'rejected', 'withdrawn'] as const;
export const APPLICATION_STAGES = ['shortlisting', 'interview', 'offer'] as const;
export const PROGRAMME_KINDS = [
  'mentoring',
  'coaching',
  'peer-network',
  'formal-network',
  'career-progression',
  'collaboration-space',
  'leadership',
  'shadowing',
  'other',
] as const;
export const PROGRAMME_ROLES = ['participant', 'mentor', 'coach'] as const;
export const TRAINING_KINDS = ['non-mandatory', 'cpd'] as const;
export const TRAINING_OUTCOMES = ['granted', 'declined'] as const;
export const ASSESSMENT_INSTRUMENTS = ['confidence-self', '360-leadership', 'other'] as const;
export const ASSESSMENT_PHASES = ['baseline', 'post', 'follow-up'] as const;
export const WITHDRAWAL_REASONS = [
  'workload',
  'no-protected-time',
  'left-employment',
  'role-change',
  'personal',
  'programme-ended',
  'other',
] as const;
export const CASE_KINDS = [
  'conduct',
  'capability',
  'attendance',
  'performance',
  'grievance-related',
  'bullying-harassment',
  'other',
] as const;
export const RETRACTION_REASONS = ['keyed-in-error', 'duplicate', 'wrong-subject', 'wrong-value', 'superseded', 'other'] as const;

export type ContractType = (typeof CONTRACT_TYPES)[number];
export type LeavingReason = (typeof LEAVING_REASONS)[number];
export type MigrantGeneration = (typeof MIGRANT_GENERATIONS)[number];
export type Sex = (typeof SEXES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type Disability = (typeof DISABILITY_VALUES)[number];
export type PromotionBasis = (typeof PROMOTION_BASES)[number];
export type GradeChangeReason = (typeof GRADE_CHANGE_REASONS)[number];
export type ApplicationOutcomeKind = (typeof APPLICATION_OUTCOMES)[number];
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
export type ProgrammeRole = (typeof PROGRAMME_ROLES)[number];
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export type TrainingOutcome = (typeof TRAINING_OUTCOMES)[number];
export type AssessmentInstrument = (typeof ASSESSMENT_INSTRUMENTS)[number];
export type AssessmentPhase = (typeof ASSESSMENT_PHASES)[number];
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];
export type CaseKind = (typeof CASE_KINDS)[number];
export type RetractionReason = (typeof RETRACTION_REASONS)[number];
