/** Arithmetic mean, as R's mean(): a first pass, then the mean residual added back. */
export function mean(values: readonly number[]): number {
  const first = values.reduce((sum, v) => sum + v, 0) / values.length;
  const residual = values.reduce((sum, v) => sum + (v - first), 0);
  return first + residual / values.length;
}

/** Sample variance with denominator n − 1, by two passes as R's var(). */
export function variance(values: readonly number[]): number {
  const centre = mean(values);
  return values.reduce((sum, v) => sum + (v - centre) ** 2, 0) / (values.length - 1);
}

export function assertSample(name: string, values: readonly number[]): void {
  if (values.length < 2) throw new RangeError(`${name} needs at least 2 observations, got ${values.length}`);
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`${name} must hold finite numbers, got ${v}`);
  }
}

/** R's t.test stops when the standard error is negligible next to the means. */
export function assertNotConstant(stdErr: number, ...means: number[]): void {
  const scale = Math.max(...means.map(Math.abs));
  if (stdErr === 0 || stdErr < 10 * Number.EPSILON * scale) throw new RangeError('data are essentially constant');
}
