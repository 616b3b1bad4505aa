import type { Grouping } from '@rung/contracts';
import type { IntervalKind } from '../common/intervals';
import { defaultEstimator, type Estimator, type OutcomeName } from '../cohorts/outcomes';
import type { AdjustTerm } from './covariates';

export interface StudyArm {
  name: string;
  cohortId: string;
}

/** A study of §7a: two or more cohorts compared on chosen outcomes over a horizon, with checkpoints. */
export interface StudyDefinition {
  name: string;
  arms: StudyArm[];
  outcomes: OutcomeName[];
  horizonMonths: number;
  interval: IntervalKind;
  checkpointsMonths: number[];
  /** Estimators chosen for some outcomes (`{ "outcome": "promotion", "estimator": "kaplan-meier" }`); the rest use their own. */
  estimators?: Partial<Record<OutcomeName, Estimator>>;
  /** The arm every other arm's rate is divided by; the first arm when not named. */
  referenceArm?: string;
  /** Covariates of the adjusted effects (Cox proportional hazards), beside the arm (§12). */
  adjust?: AdjustTerm[];
  /** The window, from time zero, of the applications after a programme; 12 months when not given. */
  applicationsWithinMonths?: number;
  /** The grouping that the programme-evaluation figures are broken down by; wres when not given. */
  grouping?: Grouping;
}

export const DEFAULT_APPLICATION_MONTHS = 12;
export const DEFAULT_STUDY_GROUPING: Grouping = 'wres';

/** The estimator a study uses for an outcome. */
export function estimatorOf(definition: StudyDefinition, outcome: OutcomeName): Estimator {
  return definition.estimators?.[outcome] ?? defaultEstimator(outcome);
}

/** The index of the reference arm for rate ratios. */
export function referenceArmIndex(definition: StudyDefinition): number {
  return Math.max(0, definition.arms.findIndex((a) => a.name === definition.referenceArm));
}

export interface Study {
  id: string;
  definedAt: string;
  definition: StudyDefinition;
}
