/**
 * Random rounding driven by cell keys, after the cell-key method of ABS TableBuilder and the ONS 2021
 * Census: every record carries a secret 32-bit record key, a cell's key is the sum (mod 2³²) of the
 * keys of the records it counts, and the cell's published value is a function of its true value and
 * its key alone. So the same people always give the same value (no fresh noise to average away),
 * while two cells that differ by one person get independent roundings.
 *
 * The rounding is unbiased random rounding to a base b: a value q·b + r goes up to (q + 1)·b with
 * probability r / b and down to q·b otherwise, the "probability" being read off the cell key. With
 * b = k, a count from 1 to k − 1 is published as 0 or k, never as itself.
 */

/** Adds a record key to a cell key (sums mod 2³²: the cell key does not depend on the order of records). */
export function addRecordKey(cellKey: number, recordKey: number, times = 1): number {
  return (cellKey + Math.imul(recordKey, times)) >>> 0;
}

/** A cell key mapped to [0, 1) through a 32-bit finaliser (murmur3's fmix32), so nearby sums land far apart. */
export function cellUniform(cellKey: number): number {
  let h = cellKey >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/**
 * `value` (≥ 0) randomly rounded to a multiple of `base`, the draw taken from `cellKey`. Exact
 * multiples, zero included, are kept.
 */
export function roundByCellKey(value: number, cellKey: number, base: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`a value to round must be finite and ≥ 0, got ${value}`);
  if (!(base > 0)) throw new RangeError(`the rounding base must be positive, got ${base}`);
  const q = Math.floor(value / base);
  const r = value - q * base;
  if (r === 0) return value;
  return (cellUniform(cellKey) < r / base ? q + 1 : q) * base;
}
