/** How long a scan may hold the event loop before it hands it back. */
export const SLICE_MS = 2;

/** Resolves in a later turn of the event loop, after the I/O waiting now has been handled. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Visits every item of some batches, handing the event loop back whenever `sliceMs` of work has
 * gone by on `now`, so that health checks and cached reads are answered while a long scan runs.
 * The clock is read every 32 items: one visit is a few microseconds.
 */
export async function visitInSlices<T>(
  batches: AsyncIterable<readonly T[]>,
  visit: (item: T) => void,
  now: () => number,
  sliceMs = SLICE_MS,
): Promise<void> {
  let sliceStart = now();
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i++) {
      visit(batch[i]);
      if ((i & 31) === 31 && now() - sliceStart >= sliceMs) {
        await nextTurn();
        sliceStart = now();
      }
    }
  }
}
