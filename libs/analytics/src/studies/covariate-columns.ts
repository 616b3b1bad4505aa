/**
 * Each follow-up's covariate codes (`codeOf`, one per adjust term), row after row in one byte
 * array that grows as needed: small, and movable to an estimation worker without a copy.
 */
export class CovariateColumns {
  private codes: Uint8Array;
  private rows = 0;

  constructor(private readonly width: number) {
    this.codes = new Uint8Array(Math.max(1, width) * 256);
  }

  push(codes: readonly number[]): void {
    if ((this.rows + 1) * this.width > this.codes.length) {
      const grown = new Uint8Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes.set(codes, this.rows * this.width);
    this.rows += 1;
  }

  packed(): Uint8Array {
    return this.codes.slice(0, this.rows * this.width);
  }
}
