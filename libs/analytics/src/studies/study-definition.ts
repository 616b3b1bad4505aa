import type { IntervalKind } from '../common/intervals';
import { defaultEstimator, type Estimator, type OutcomeName } from '../cohorts/outcomes';

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
}

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
