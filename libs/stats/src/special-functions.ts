/**
 * Special functions behind the distribution helpers: log-gamma, log-beta and
 * the regularized incomplete gamma and beta functions. Each tail is computed
 * directly (never as 1 - the other tail when that tail is the small one), so
 * the results carry close to full double precision.
 */

const EPS = Number.EPSILON;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;
const LN_SQRT_2PI = 0.9189385332046728;
const STIRLING_SHIFT = 15;

/** Lower and upper tail of a distribution at one point; lower + upper = 1. */
export type Tails = { readonly lower: number; readonly upper: number };

/** log Γ(x) for x > 0: Stirling series with argument shifted to ≥ 15 (error < 1e-15 relative). */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a positive finite x, got ${x}`);
  if (x >= STIRLING_SHIFT) return stirling(x);
  let product = 1;
  let shifted = x;
  while (shifted < STIRLING_SHIFT) {
    product *= shifted;
    shifted += 1;
  }
  return stirling(shifted) - Math.log(product);
}

function stirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 *
            (1 / 1260 +
              inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156 + inv2 * (-3617 / 122400))))))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series;
}

/** log B(a, b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Tails of the Gamma(shape, 1) distribution at x: lower = P(shape, x), upper = Q(shape, x). */
export function gammaTails(shape: number, x: number): Tails {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be positive, got ${shape}`);
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  if (x < shape + 1) {
    const lower = gammaLowerSeries(shape, x);
    return { lower, upper: 1 - lower };
  }
  const upper = gammaUpperFraction(shape, x);
  return { lower: 1 - upper, upper };
}

/** Density of Gamma(shape, 1) at x. */
export function gammaDensity(shape: number, x: number): number {
  if (x <= 0) return 0;
  return Math.exp((shape - 1) * Math.log(x) - x - logGamma(shape));
}

function gammaPrefactor(shape: number, x: number): number {
  return Math.exp(shape * Math.log(x) - x - logGamma(shape));
}

function gammaLowerSeries(shape: number, x: number): number {
  let term = 1 / shape;
  let sum = term;
  let denominator = shape;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * gammaPrefactor(shape, x);
}

/** Continued fraction for Q(a, x) (modified Lentz), valid for x ≥ a + 1. */
function gammaUpperFraction(shape: number, x: number): number {
  let b = x + 1 - shape;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - shape);
    b += 2;
    d = guardTiny(an * d + b);
    c = guardTiny(b + an / c);
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return gammaPrefactor(shape, x) * h;
}

/** Tails of the Beta(a, b) distribution at x: lower = I_x(a, b), upper = 1 - I_x(a, b). */
export function betaTails(x: number, a: number, b: number): Tails {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`beta shapes must be positive, got ${a}, ${b}`);
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x >= 1) return { lower: 1, upper: 0 };
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logFront) * betaFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (Math.exp(logFront) * betaFraction(b, a, 1 - x)) / b;
  return { lower: 1 - upper, upper };
}

/** Density of Beta(a, b) at x. */
export function betaDensity(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 / guardTiny(1 - (qab * x) / qap);
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / guardTiny(1 + even * d);
    c = guardTiny(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / guardTiny(1 + odd * d);
    c = guardTiny(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

function guardTiny(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}
