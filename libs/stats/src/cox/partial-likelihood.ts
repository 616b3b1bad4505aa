import type { CoxDesign } from './design';
import type { CoxTies } from './types';

/**
 * Log partial likelihood, score vector and information matrix at one β, as
 * survival's coxfit6_iter: rows are walked from the last time backwards, so
 * each risk set is the previous one plus the rows at the current time. Only
 * the upper triangle of `information` (row ≤ column) is filled.
 */
export type Evaluation = { loglik: number; score: number[]; information: number[][] };

/** Σ r, Σ r·x and the lower triangle of Σ r·x·xᵀ over a set of rows, with r = exp(x·β). */
type Sums = { weight: number; a: number[]; cmat: number[][] };

export function evaluate(design: CoxDesign, beta: readonly number[], ties: CoxTies): Evaluation {
  const p = beta.length;
  const out: Evaluation = { loglik: 0, score: new Array<number>(p).fill(0), information: square(p) };
  let risk = emptySums(p);
  let person = design.time.length - 1;
  while (person >= 0) {
    if (design.stratumEnd[person]) risk = emptySums(p);
    const deaths = emptySums(p);
    let deathCount = 0;
    const time = design.time[person];
    do {
      const x = design.x[person];
      const eta = linearPredictor(beta, x);
      if (design.status[person] === 1) {
        deathCount++;
        out.loglik += eta;
        for (let i = 0; i < p; i++) out.score[i] += x[i];
        add(deaths, Math.exp(eta), x);
      } else {
        add(risk, Math.exp(eta), x);
      }
      person--;
    } while (person >= 0 && design.time[person] === time && !design.stratumEnd[person]);
    if (deathCount > 0) addDeaths(out, risk, deaths, deathCount, ties);
  }
  return out;
}

/**
 * Adds the deaths at one time to the risk set and their terms to the totals.
 * Breslow uses the full risk set once per death. Efron's approximation adds
 * the deaths' sums in d equal parts, taking one term per part, so term k sees
 * the survivors plus k/d of the deaths (the same d terms as the textbook form).
 */
function addDeaths(out: Evaluation, risk: Sums, deaths: Sums, deathCount: number, ties: CoxTies): void {
  const parts = ties === 'breslow' || deathCount === 1 ? 1 : deathCount;
  const weight = deathCount / parts;
  for (let k = 0; k < parts; k++) {
    risk.weight += deaths.weight / parts;
    out.loglik -= weight * Math.log(risk.weight);
    for (let i = 0; i < risk.a.length; i++) {
      risk.a[i] += deaths.a[i] / parts;
      const mean = risk.a[i] / risk.weight;
      out.score[i] -= weight * mean;
      for (let j = 0; j <= i; j++) {
        risk.cmat[i][j] += deaths.cmat[i][j] / parts;
        out.information[j][i] += (weight * (risk.cmat[i][j] - mean * risk.a[j])) / risk.weight;
      }
    }
  }
}

function linearPredictor(beta: readonly number[], x: readonly number[]): number {
  let eta = 0;
  for (let i = 0; i < beta.length; i++) eta += beta[i] * x[i];
  return eta;
}

function add(sums: Sums, risk: number, x: readonly number[]): void {
  sums.weight += risk;
  for (let i = 0; i < x.length; i++) {
    sums.a[i] += risk * x[i];
    for (let j = 0; j <= i; j++) sums.cmat[i][j] += risk * x[i] * x[j];
  }
}

function emptySums(p: number): Sums {
  return { weight: 0, a: new Array<number>(p).fill(0), cmat: square(p) };
}

export function square(p: number): number[][] {
  return Array.from({ length: p }, () => new Array<number>(p).fill(0));
}
