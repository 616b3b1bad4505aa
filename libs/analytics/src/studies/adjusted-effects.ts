import { addRecordKey, coxProportionalHazards, isSmallCount, roundByCellKey, withholdEstimate, type CoxResult } from '@rung/stats';
import type { DisclosureMode } from '@rung/domain';
import type { OutcomeName } from '../cohorts/outcomes';
import { levelsOf, termName, type AdjustTerm } from './covariates';
import type { PackedArm } from './study-report';
import { referenceArmIndex, type StudyDefinition } from './study-definition';

export interface HazardRatioView {
  hazardRatio: number | null;
  lower: number | null;
  upper: number | null;
  pValue: number | null;
  suppressed: boolean;
}

export interface ArmEffectView {
  arm: string;
  reference: string;
  /** The arm alone, on the same members as the adjusted model. */
  unadjusted: HazardRatioView;
  adjusted: HazardRatioView;
}

export interface CovariateEffectView extends HazardRatioView {
  term: string;
  level: string;
  reference: string;
}

/** Hazard ratios of each arm against the reference arm for one outcome, unadjusted and adjusted (§12). */
export interface AdjustedEffectsView {
  outcome: OutcomeName;
  method: 'cox-proportional-hazards';
  ties: 'efron';
  /** Leaving is censored when it is not the outcome: these are cause-specific hazards. */
  competingEvents: 'censored' | 'not-applicable';
  adjustedFor: string[];
  /** Members in the model, its events, and members left out for an unknown covariate (counts as the mode shows them). */
  n: number | null;
  events: number | null;
  excludedUnknown: number | null;
  arms: ArmEffectView[];
  covariates: CovariateEffectView[];
  likelihoodRatioTest: { statistic: number; df: number; pValue: number } | null;
  /** Why there are no estimates, when there are none. */
  reason: string | null;
  suppressed: boolean;
}

interface Row {
  arm: number;
  time: number;
  event: boolean;
  key: number;
  codes: number[];
}

interface Options {
  k: number;
  disclosure: DisclosureMode;
}

const CONF = 0.95;

/** The adjusted effects of every outcome of a study that names `adjust`; none for a study that does not. */
export function adjustedEffects(definition: StudyDefinition, arms: readonly PackedArm[], options: Options): AdjustedEffectsView[] {
  const terms = definition.adjust ?? [];
  if (!terms.length) return [];
  return definition.outcomes.map((outcome) => outcomeEffects(outcome, rowsOf(outcome, arms, terms.length), definition, arms, options));
}

function rowsOf(outcome: OutcomeName, arms: readonly PackedArm[], width: number): Row[] {
  return arms.flatMap((arm, a) => {
    const follow = arm.followUps.find(([o]) => o === outcome)?.[1];
    const codes = arm.covariates?.find(([o]) => o === outcome)?.[1];
    if (!follow || !codes) return [];
    return Array.from(follow.times, (time, i) => ({
      arm: a, time, event: follow.statuses[i] === 1, key: follow.keys[i], codes: Array.from(codes.subarray(i * width, (i + 1) * width)),
    }));
  });
}

function outcomeEffects(outcome: OutcomeName, all: Row[], definition: StudyDefinition, arms: readonly PackedArm[], options: Options): AdjustedEffectsView {
  const terms = definition.adjust ?? [];
  const rows = all.filter((r) => r.codes.every((c) => c > 0));
  const reference = referenceArmIndex(definition);
  const compared = arms.map((_, i) => i).filter((i) => i !== reference);
  const design = designOf(rows, compared, terms);
  const count = counter(options);
  const base: AdjustedEffectsView = {
    outcome, method: 'cox-proportional-hazards', ties: 'efron', competingEvents: outcome === 'exit' ? 'not-applicable' : 'censored',
    adjustedFor: terms.map(termName), n: count(rows), events: count(rows.filter((r) => r.event)), excludedUnknown: count(all.filter((r) => r.codes.some((c) => c === 0))),
    arms: [], covariates: [], likelihoodRatioTest: null, reason: null, suppressed: false,
  };
  const events = rows.filter((r) => r.event).length;
  if (isSmallCount(events, options.k) || events === 0) return { ...base, suppressed: events > 0, reason: 'too few events to estimate' };
  const fits = fitBoth(rows, design, compared.length);
  if ('reason' in fits) return { ...base, reason: fits.reason };
  const armName = (i: number): string => arms[i].name;
  return {
    ...base,
    arms: compared.map((a, j) => ({
      arm: armName(a), reference: armName(reference),
      unadjusted: shown(fits.unadjusted, j, basisOf(rows, (r) => r.arm === a, (r) => r.arm === reference), options.k),
      adjusted: shown(fits.adjusted, j, basisOf(rows, (r) => r.arm === a, (r) => r.arm === reference), options.k),
    })),
    covariates: design.levels.map((l, j) => ({
      term: termName(terms[l.term]), level: levelsOf(terms[l.term])[l.code - 1], reference: levelsOf(terms[l.term])[l.reference - 1],
      ...shown(fits.adjusted, compared.length + j, basisOf(rows, (r) => r.codes[l.term] === l.code, (r) => r.codes[l.term] === l.reference), options.k),
    })),
    likelihoodRatioTest: fits.adjusted.likelihoodRatioTest,
  };
}

/** The dummy columns: one per compared arm, then one per level of each term present, beside its first present level. */
interface Design {
  levels: Array<{ term: number; code: number; reference: number }>;
  matrix: number[][];
}

function designOf(rows: readonly Row[], compared: readonly number[], terms: readonly AdjustTerm[]): Design {
  const levels = terms.flatMap((_, t) => {
    const present = [...new Set(rows.map((r) => r.codes[t]))].sort((x, y) => x - y);
    return present.slice(1).map((code) => ({ term: t, code, reference: present[0] }));
  });
  const matrix = rows.map((r) => [...compared.map((a) => (r.arm === a ? 1 : 0)), ...levels.map((l) => (r.codes[l.term] === l.code ? 1 : 0))]);
  return { levels, matrix };
}

function fitBoth(rows: readonly Row[], design: Design, armColumns: number): { unadjusted: CoxResult; adjusted: CoxResult } | { reason: string } {
  const fit = (width: number): CoxResult =>
    coxProportionalHazards(rows.map((r, i) => ({ time: r.time, status: r.event ? 1 : 0, covariates: design.matrix[i].slice(0, width) })), { confLevel: CONF });
  try {
    return { unadjusted: fit(armColumns), adjusted: fit(armColumns + design.levels.length) };
  } catch (error) {
    if (error instanceof RangeError) return { reason: `the model cannot be estimated: ${error.message}` };
    throw error;
  }
}

interface Basis {
  numerator: number;
  denominator: number;
  atRisk: number;
}

/** Events in the group and in its comparator, and the smaller of their sizes: the counts a hazard ratio rests on. */
function basisOf(rows: readonly Row[], inGroup: (r: Row) => boolean, inReference: (r: Row) => boolean): Basis {
  const group = rows.filter(inGroup);
  const ref = rows.filter(inReference);
  return { numerator: group.filter((r) => r.event).length, denominator: ref.filter((r) => r.event).length, atRisk: Math.min(group.length, ref.length) };
}

function shown(fit: CoxResult, column: number, basis: Basis, k: number): HazardRatioView {
  const c = fit.coefficients[column];
  return withholdEstimate({ hazardRatio: c.hazardRatio, lower: c.lower, upper: c.upper, pValue: c.pValue }, basis, k);
}

/** Counts as the mode shows them: exact below k withheld; protected rounded by the members' cell key. */
function counter({ k, disclosure }: Options): (rows: readonly Row[]) => number | null {
  return (rows) => {
    if (disclosure === 'protected') return roundByCellKey(rows.length, rows.reduce((key, r) => addRecordKey(key, r.key), 0), k);
    return isSmallCount(rows.length, k) ? null : rows.length;
  };
}
