import fc from 'fast-check';

/**
 * Sizes and seed of the fuzz suite (test/fuzz/*.e2e-spec.ts).
 * - FUZZ_RUNS: runs of each property (default 20, the CI size: all files in about a minute on 2 cores).
 *   A long run: FUZZ_RUNS=2000 npx jest test/fuzz (tests' time-outs grow with it).
 * - FUZZ_SEED: the seed (default 1313, fixed so CI is repeatable); a failure prints the seed and the
 *   counter-example's path, and FUZZ_SEED=<seed> replays it.
 */
export const FUZZ_RUNS = wholeNumber(process.env.FUZZ_RUNS, 20);
export const FUZZ_SEED = wholeNumber(process.env.FUZZ_SEED, 1313);

function wholeNumber(text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`expected a whole number, got ${JSON.stringify(text)}`);
  return value;
}

/** Runs of a property weighted `scale` against the base size (never fewer than one). */
export function runsOf(scale = 1): number {
  return Math.max(1, Math.round(FUZZ_RUNS * scale));
}

/** A Jest time-out that grows with the runs, so a long FUZZ_RUNS does not need editing the suite. */
export function timeoutFor(scale = 1): number {
  return 60_000 + runsOf(scale) * 2_000;
}

/** Checks an async property with the suite's seed; fast-check's report names the seed and the path to replay. */
export async function fuzz<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, scale = 1): Promise<void> {
  await fc.assert(fc.asyncProperty(arbitrary, predicate), { numRuns: runsOf(scale), seed: FUZZ_SEED, endOnFailure: true });
}

/** Says the size and the seed once per file, so a CI log carries what is needed to replay it. */
export function announce(file: string): void {
  process.stdout.write(`fuzz ${file}: FUZZ_RUNS=${FUZZ_RUNS} FUZZ_SEED=${FUZZ_SEED}\n`);
}
