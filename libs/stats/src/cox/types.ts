/** One subject: follow-up time, whether it ended in the event, and covariates already coded as numbers. */
export type CoxRow = {
  /** Follow-up time, ≥ 0 (as coxph, time 0 is in every risk set). */
  readonly time: number;
  /** 1 = the event, 0 = censored (a competing event is coded 0 for a cause-specific hazard). */
  readonly status: number;
  /** Covariate values in a fixed order; factors as dummy columns. */
  readonly covariates: readonly number[];
  /** Stratum label: each stratum has its own baseline hazard, as R's strata(). All rows or none. */
  readonly stratum?: string;
};

export type CoxTies = 'efron' | 'breslow';

export type CoxOptions = {
  /** Handling of tied event times; 'efron' by default, as coxph. */
  readonly ties?: CoxTies;
  /** Level of the hazard-ratio intervals; 0.95 by default. */
  readonly confLevel?: number;
  /** Starting coefficients (coxph's init); zeros by default. */
  readonly init?: readonly number[];
  /** coxph.control's iter.max; 20 by default. */
  readonly maxIterations?: number;
  /** coxph.control's eps: converged when |1 − loglik_old / loglik_new| ≤ eps; 1e-9 by default. */
  readonly eps?: number;
};

export type CoxCoefficient = {
  readonly coef: number;
  /** sqrt of the diagonal of the inverse information (se(coef)). */
  readonly se: number;
  /** exp(coef). */
  readonly hazardRatio: number;
  /** exp(coef ∓ z·se). */
  readonly lower: number;
  readonly upper: number;
  /** Wald z = coef / se. */
  readonly z: number;
  /** Two-sided p of z. */
  readonly pValue: number;
};

export type ChiSquareTest = { readonly statistic: number; readonly df: number; readonly pValue: number };

export type CoxResult = {
  /** One entry per covariate, in the order of CoxRow.covariates. */
  readonly coefficients: readonly CoxCoefficient[];
  /** Inverse of the information matrix at the estimate (coxph's var). */
  readonly variance: ReadonlyArray<readonly number[]>;
  /** Log partial likelihood at the starting coefficients and at the estimate. */
  readonly loglik: readonly [number, number];
  /** Overall Wald test of coef − init. */
  readonly waldTest: ChiSquareTest;
  /** 2 · (loglik[1] − loglik[0]). */
  readonly likelihoodRatioTest: ChiSquareTest;
  /** Score (log-rank type) test at the starting coefficients. */
  readonly scoreTest: ChiSquareTest;
  readonly iterations: number;
  readonly converged: boolean;
  readonly n: number;
  readonly events: number;
  readonly ties: CoxTies;
  readonly confLevel: number;
};
