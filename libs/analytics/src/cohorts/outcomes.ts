/** The outcomes of §7a: dated events in a subject's trajectory after time zero. */
export const OUTCOME_NAMES = [
  'promotion', 'exit', 'level-3', 'level-4', 'level-5', 'level-6', 'level-7', 'applied-above', 'appointed-above',
] as const;
export type OutcomeName = (typeof OUTCOME_NAMES)[number];

export type TargetLevel = 3 | 4 | 5 | 6 | 7;

export type Outcome =
  | { kind: 'promotion' }
  | { kind: 'exit' }
  | { kind: 'level'; level: TargetLevel }
  | { kind: 'applied-above' }
  | { kind: 'appointed-above' };

export function isOutcomeName(value: unknown): value is OutcomeName {
  return typeof value === 'string' && (OUTCOME_NAMES as readonly string[]).includes(value);
}

export function parseOutcome(name: OutcomeName): Outcome {
  switch (name) {
    case 'promotion':
    case 'exit':
    case 'applied-above':
    case 'appointed-above':
      return { kind: name };
    case 'level-3':
    case 'level-4':
    case 'level-5':
    case 'level-6':
    case 'level-7':
      return { kind: 'level', level: Number(name.slice(6)) as TargetLevel };
    default: {
      const unexpected: never = name;
      throw new Error(`unknown outcome ${String(unexpected)}`);
    }
  }
}

/** Estimators (§7): Kaplan–Meier survival, or Aalen–Johansen cumulative incidence with exit competing. */
export const ESTIMATORS = ['kaplan-meier', 'aalen-johansen'] as const;
export type Estimator = (typeof ESTIMATORS)[number];

/**
 * Promotion is estimated by Aalen–Johansen with exit as the competing event, since 1 − KM
 * overstates promotion when people leave (§7); every other outcome by Kaplan–Meier.
 */
export function defaultEstimator(outcome: OutcomeName): Estimator {
  return outcome === 'promotion' ? 'aalen-johansen' : 'kaplan-meier';
}

/** Exit cannot compete with itself, so it has no Aalen–Johansen estimate. */
export function estimatorApplies(outcome: OutcomeName, estimator: Estimator): boolean {
  return !(outcome === 'exit' && estimator === 'aalen-johansen');
}
