/** Solves A x = b by Gaussian elimination with partial pivoting (as LAPACK's dgesv, which R's solve() uses). */
export function solveLinearSystem(matrix: ReadonlyArray<readonly number[]>, rhs: readonly number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row) => [...row]);
  const b = [...rhs];
  for (let col = 0; col < n; col++) {
    const pivot = pivotRow(a, col);
    if (a[pivot][col] === 0) throw new RangeError('the variance matrix is singular');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    for (let row = col + 1; row < n; row++) {
      const factor = a[row][col] / a[col][col];
      for (let k = col; k < n; k++) a[row][k] -= factor * a[col][k];
      b[row] -= factor * b[col];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = b[row];
    for (let k = row + 1; k < n; k++) sum -= a[row][k] * x[k];
    x[row] = sum / a[row][row];
  }
  return x;
}

function pivotRow(a: ReadonlyArray<readonly number[]>, col: number): number {
  let best = col;
  for (let row = col + 1; row < a.length; row++) {
    if (Math.abs(a[row][col]) > Math.abs(a[best][col])) best = row;
  }
  return best;
}
