import { logScaleIntervalFromSe } from './confidence';
import { twoSidedZ } from './distributions';
import { tabulateRiskSets } from './risk-set';
import type { RiskSetRow } from './risk-set';
import { DEFAULT_CONF_LEVEL } from './types';
import type { CompetingObservation, CompetingStatus, ConfidenceOptions } from './types';

/** One row per distinct observed time, as survfit(Surv(time, factor(status)) ~ 1) reports it. */
export type AalenJohansenRow = {
  readonly time: number;
  /** Number still event-free and under follow-up at this time (n.risk of the initial state). */
  readonly atRisk: number;
  readonly events: number;
  readonly competingEvents: number;
  readonly censored: number;
  /** Cumulative incidence of the event of interest (pstate). */
  readonly estimate: number;
  /** Infinitesimal-jackknife standard error of the cumulative incidence (survfit's std.err). */
  readonly stdErr: number;
  /** conf.type = "log" bounds on the cumulative incidence; null while it is 0 (R: NA). */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly competingEstimate: number;
  readonly competingStdErr: number;
  readonly competingLower: number | null;
  readonly competingUpper: number | null;
};

export type AalenJohansenResult = { readonly n: number; readonly curve: readonly AalenJohansenRow[] };

/** States: 0 event-free (survfit's "(s0)"), 1 event of interest, 2 competing event. */
type Vec3 = [number, number, number];
type Mat3 = [Vec3, Vec3, Vec3];

const EVENT = 1;
const COMPETING = 2;

function outcomeCode(status: CompetingStatus): number {
  switch (status) {
    case 'censored':
      return 0;
    case 'event':
      return EVENT;
    case 'competing':
      return COMPETING;
  }
}

/**
 * Aalen–Johansen cumulative incidence with one competing event, matching
 * survival::survfit for multi-state data with its defaults: the variance is
 * the infinitesimal jackknife (sum of squared per-subject influences; each
 * subject its own cluster), the interval is conf.type = "log" with the
 * standard error divided by the estimate (logse = FALSE), upper bound capped at 1.
 */
export function aalenJohansen(obs: readonly CompetingObservation[], opts: ConfidenceOptions = {}): AalenJohansenResult {
  const z = twoSidedZ(opts.confLevel ?? DEFAULT_CONF_LEVEL);
  const riskSets = tabulateRiskSets(
    obs.map((o) => o.time),
    obs.map((o) => outcomeCode(o.status)),
    2,
  );
  const state = initialInfluenceState();
  const curve = riskSets.map((row) => {
    advance(state, row);
    return toRow(row, state, z);
  });
  return { n: obs.length, curve };
}

/**
 * Influence bookkeeping without an n × times loop: everyone still at risk has
 * the same influence vector (`atRiskInfluence`); those who have left evolve
 * linearly, so only the sum of their outer products (`departed`) is kept.
 */
type InfluenceState = {
  probability: Vec3;
  atRiskInfluence: Vec3;
  departed: Mat3;
  remaining: number;
  variance: Vec3;
};

function initialInfluenceState(): InfluenceState {
  return { probability: [1, 0, 0], atRiskInfluence: [0, 0, 0], departed: zeroMatrix(), remaining: 0, variance: [0, 0, 0] };
}

function advance(state: InfluenceState, row: RiskSetRow): void {
  const n = row.atRisk;
  const [censored, events, competing] = row.counts;
  const hazard: Vec3 = [0, events / n, competing / n];
  const transition = transitionMatrix(hazard);
  const p0 = state.probability[0];
  const base = rowTimesMatrix(state.atRiskInfluence, transition);
  const stayed = addInfluence(base, p0, hazard, 0, n);
  const toEvent = addInfluence(base, p0, hazard, EVENT, n);
  const toCompeting = addInfluence(base, p0, hazard, COMPETING, n);
  const departed = conjugate(state.departed, transition);
  addOuter(departed, stayed, censored);
  addOuter(departed, toEvent, events);
  addOuter(departed, toCompeting, competing);
  state.departed = departed;
  state.atRiskInfluence = stayed;
  state.remaining = n - censored - events - competing;
  state.probability = rowTimesMatrix(state.probability, transition);
  state.variance = [0, 1, 2].map((k) => departed[k][k] + state.remaining * stayed[k] * stayed[k]) as Vec3;
}

function transitionMatrix(hazard: Vec3): Mat3 {
  return [
    [1 - hazard[1] - hazard[2], hazard[1], hazard[2]],
    [0, 1, 0],
    [0, 0, 1],
  ];
}

/**
 * Adds p0(t-) · dH_i, the derivative of the transition matrix with respect to
 * subject i's weight: (dN_ij - λ_j) / n for j = 1, 2 and minus their sum for state 0.
 */
function addInfluence(base: Vec3, p0: number, hazard: Vec3, outcome: number, n: number): Vec3 {
  const d1 = ((outcome === EVENT ? 1 : 0) - hazard[1]) / n;
  const d2 = ((outcome === COMPETING ? 1 : 0) - hazard[2]) / n;
  return [base[0] - p0 * (d1 + d2), base[1] + p0 * d1, base[2] + p0 * d2];
}

function toRow(row: RiskSetRow, state: InfluenceState, z: number): AalenJohansenRow {
  const [, estimate, competingEstimate] = state.probability;
  const stdErr = Math.sqrt(state.variance[EVENT]);
  const competingStdErr = Math.sqrt(state.variance[COMPETING]);
  const ci = logScaleIntervalFromSe(estimate, stdErr, z);
  const competingCi = logScaleIntervalFromSe(competingEstimate, competingStdErr, z);
  return {
    time: row.time,
    atRisk: row.atRisk,
    events: row.counts[EVENT],
    competingEvents: row.counts[COMPETING],
    censored: row.counts[0],
    estimate,
    stdErr,
    lower: ci.lower,
    upper: ci.upper,
    competingEstimate,
    competingStdErr,
    competingLower: competingCi.lower,
    competingUpper: competingCi.upper,
  };
}

function zeroMatrix(): Mat3 {
  return [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
}

function rowTimesMatrix(v: Vec3, m: Mat3): Vec3 {
  return [0, 1, 2].map((k) => v[0] * m[0][k] + v[1] * m[1][k] + v[2] * m[2][k]) as Vec3;
}

/** Hᵀ M H: how the summed outer products of departed subjects' influences evolve. */
function conjugate(m: Mat3, h: Mat3): Mat3 {
  const mh = m.map((row) => rowTimesMatrix(row, h)) as Mat3;
  const out = zeroMatrix();
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) out[i][j] = h[0][i] * mh[0][j] + h[1][i] * mh[1][j] + h[2][i] * mh[2][j];
  }
  return out;
}

function addOuter(target: Mat3, v: Vec3, weight: number): void {
  if (weight === 0) return;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) target[i][j] += weight * v[i] * v[j];
  }
}
