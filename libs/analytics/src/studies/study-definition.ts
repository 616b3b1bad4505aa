import type { IntervalKind } from '../common/intervals';
import type { OutcomeName } from '../cohorts/outcomes';

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
}

export interface Study {
  id: string;
  definedAt: string;
  definition: StudyDefinition;
}
