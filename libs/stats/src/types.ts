/** One subject's follow-up: time in days from the origin, and whether it ended in the event. */
export type SurvivalObservation = { readonly time: number; readonly event: boolean };

/** How one subject's follow-up ended when there is a competing event. */
export type CompetingStatus = 'censored' | 'event' | 'competing';

export type CompetingObservation = { readonly time: number; readonly status: CompetingStatus };

export type ConfidenceOptions = {
  /** Two-sided confidence level; 0.95 by default (survfit's conf.int). */
  readonly confLevel?: number;
};

export const DEFAULT_CONF_LEVEL = 0.95;

/** A confidence interval; a bound is null where R gives NA (undefined). */
export type Interval = { readonly lower: number | null; readonly upper: number | null };
