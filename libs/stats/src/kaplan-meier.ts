import { finiteOrNull, logScaleInterval } from './confidence';
import { twoSidedZ } from './distributions';
import { tabulateRiskSets } from './risk-set';
import { medianSurvival } from './survival-median';
import type { MedianMethod, MedianSurvival } from './survival-median';
import { DEFAULT_CONF_LEVEL } from './types';
import type { ConfidenceOptions, SurvivalObservation } from './types';

/** One row per distinct observed time (event or censoring), as the survfit object has them. */
export type KaplanMeierRow = {
  readonly time: number;
  /** Number with time ≥ this time (n.risk); those censored at this time are included. */
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  /** Kaplan–Meier estimate S(t) (surv). */
  readonly estimate: number;
  /** Greenwood standard error of S(t), as summary.survfit reports it; null once S reaches 0 (R: NaN). */
  readonly stdErr: number | null;
  /** Greenwood standard error of log S(t), survfit's own std.err; null once S reaches 0 (R: Inf). */
  readonly stdErrLogS: number | null;
  /** conf.type = "log" bounds; null once S reaches 0 (R: NA). */
  readonly lower: number | null;
  readonly upper: number | null;
};

export type KaplanMeierResult = {
  readonly n: number;
  readonly curve: readonly KaplanMeierRow[];
  readonly median: MedianSurvival;
};

export type KaplanMeierOptions = ConfidenceOptions & {
  /** 'quantile' (default) matches quantile(fit, 0.5); 'print' matches print(fit). */
  readonly medianMethod?: MedianMethod;
};

const CENSORED = 0;
const EVENT = 1;

/**
 * Kaplan–Meier estimate matching survfit(Surv(time, status) ~ 1) with its
 * defaults: Greenwood variance, conf.type = "log", conf.int = 0.95, timefix.
 */
export function kaplanMeier(obs: readonly SurvivalObservation[], opts: KaplanMeierOptions = {}): KaplanMeierResult {
  const z = twoSidedZ(opts.confLevel ?? DEFAULT_CONF_LEVEL);
  const riskSets = tabulateRiskSets(
    obs.map((o) => o.time),
    obs.map((o) => (o.event ? EVENT : CENSORED)),
    1,
  );
  let estimate = 1;
  let greenwood = 0;
  const curve = riskSets.map(({ time, atRisk, counts }): KaplanMeierRow => {
    const events = counts[EVENT];
    if (events > 0) {
      estimate *= (atRisk - events) / atRisk;
      greenwood += events === atRisk ? Infinity : events / (atRisk * (atRisk - events));
    }
    const seLog = Math.sqrt(greenwood);
    const { lower, upper } = logScaleInterval(estimate, seLog, z);
    return {
      time,
      atRisk,
      events,
      censored: counts[CENSORED],
      estimate,
      stdErr: finiteOrNull(estimate * seLog),
      stdErrLogS: finiteOrNull(seLog),
      lower,
      upper,
    };
  });
  return { n: obs.length, curve, median: medianSurvival(curve, opts.medianMethod) };
}
