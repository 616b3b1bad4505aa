/**
 * The generalised Cholesky routines of survival (cholesky2, chsolve2, chinv2):
 * A = F·D·Fᵀ with F unit lower triangular, stored in the lower triangle with D
 * on the diagonal. A pivot below toler × the largest diagonal is taken as a
 * redundant column: its D is set to 0 and it drops out of solves and inverses.
 */

/** coxph.control's toler.chol: .Machine$double.eps^0.75. */
export const CHOLESKY_TOLERANCE = Number.EPSILON ** 0.75;

export type CholeskyFactor = { readonly factor: number[][]; readonly rank: number };

/** Factors a symmetric matrix given by its upper triangle (row ≤ column); the input is not changed. */
export function choleskyFactor(matrix: ReadonlyArray<readonly number[]>, toler = CHOLESKY_TOLERANCE): CholeskyFactor {
  const n = matrix.length;
  const m = matrix.map((row) => [...row]);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    largest = Math.max(largest, m[i][i]);
    for (let j = i + 1; j < n; j++) m[j][i] = m[i][j];
  }
  const eps = largest === 0 ? toler : largest * toler;
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const pivot = m[i][i];
    if (!Number.isFinite(pivot) || pivot < eps) {
      m[i][i] = 0;
      continue;
    }
    rank++;
    for (let j = i + 1; j < n; j++) {
      const temp = m[j][i] / pivot;
      m[j][i] = temp;
      m[j][j] -= temp * temp * pivot;
      for (let k = j + 1; k < n; k++) m[k][j] -= temp * m[k][i];
    }
  }
  return { factor: m, rank };
}

/** Solves A·b = y from the factor of A. */
export function choleskySolve(factor: ReadonlyArray<readonly number[]>, y: readonly number[]): number[] {
  const n = y.length;
  const b = [...y];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) b[i] -= b[j] * factor[i][j];
  }
  for (let i = n - 1; i >= 0; i--) {
    if (factor[i][i] === 0) {
      b[i] = 0;
      continue;
    }
    let temp = b[i] / factor[i][i];
    for (let j = i + 1; j < n; j++) temp -= b[j] * factor[j][i];
    b[i] = temp;
  }
  return b;
}

/** A⁻¹ (full and symmetric) from the factor of A; redundant columns get zero rows and columns. */
export function choleskyInverse(factor: ReadonlyArray<readonly number[]>): number[][] {
  const n = factor.length;
  const m = factor.map((row) => [...row]);
  invertUnitTriangle(m);
  for (let i = 0; i < n; i++) {
    if (m[i][i] === 0) {
      for (let j = 0; j < i; j++) m[j][i] = 0;
      for (let j = i; j < n; j++) m[i][j] = 0;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const temp = m[j][i] * m[j][j];
      m[i][j] = temp;
      for (let k = i; k < j; k++) m[i][k] += temp * m[j][k];
    }
  }
  return m.map((row, i) => row.map((_, j) => (i <= j ? m[i][j] : m[j][i])));
}

/** In place: D → D⁻¹ on the diagonal and F → F⁻¹ below it (chinv2's first sweep). */
function invertUnitTriangle(m: number[][]): void {
  const n = m.length;
  for (let i = 0; i < n; i++) {
    if (!(m[i][i] > 0)) continue;
    m[i][i] = 1 / m[i][i];
    for (let j = i + 1; j < n; j++) {
      m[j][i] = -m[j][i];
      for (let k = 0; k < i; k++) m[j][k] += m[j][i] * m[i][k];
    }
  }
}
