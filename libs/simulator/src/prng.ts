/**
 * A small seeded PRNG (sfc32, seeded through splitmix32), so that a seed gives the same workforce on
 * every machine and Node version. Never Math.random: determinism is the point.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    let s = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i += 1) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform integer on [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Waiting time of a Poisson process of `rate` per unit time. */
  exponential(rate: number): number {
    return rate > 0 ? -Math.log(1 - this.next()) / rate : Infinity;
  }

  /** A UUID v4-shaped id drawn from this stream. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return `${hex32(a)}-${hex16(b >>> 16)}-4${hex16(b & 0xffff).slice(1)}-${hex16(((c >>> 16) & 0x3fff) | 0x8000)}-${hex16(c & 0xffff)}${hex32(d)}`;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex16(n: number): string {
  return HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];
}

function hex32(n: number): string {
  return hex16(n >>> 16) + hex16(n & 0xffff);
}

/** A categorical distribution, drawn by cumulative weight. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly values: T[] = [];

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    let total = 0;
    for (const [value, weight] of entries) {
      total += weight;
      this.values.push(value);
      this.cumulative.push(total);
    }
    this.cumulative = this.cumulative.map((c) => c / total);
  }

  draw(rng: Prng): T {
    const u = rng.next();
    const i = this.cumulative.findIndex((c) => u < c);
    return this.values[i === -1 ? this.values.length - 1 : i];
  }
}
