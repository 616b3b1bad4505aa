import { bearer, killHard, type ChildApp, type RawEvent } from '@rung/testing';

export interface BatchAnswer {
  status: number;
  results: Array<{ eventId: string; status: string }>;
}

/** One POST of a batch; undefined when the connection failed (the process died under it). */
export async function postBatch(app: ChildApp, events: readonly RawEvent[]): Promise<BatchAnswer | undefined> {
  try {
    const res = await fetch(`${app.url}/v1/events`, { method: 'POST', headers: { ...bearer(app.keys.ingest), 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
    const body = (await res.json()) as { results?: BatchAnswer['results'] };
    return { status: res.status, results: body.results ?? [] };
  } catch {
    return undefined;
  }
}

/** What one round of ingestion left: the batches acknowledged (200, every event stored or a duplicate), and the event ids in them. */
export interface Round {
  acknowledgedBatches: number[];
  acknowledgedEvents: string[];
}

/**
 * Posts the batches in `pending` from `clients` concurrent clients. With `killAfter`, kills the
 * process with SIGKILL as soon as that many batches have been acknowledged in this round (never after
 * a wall-clock time), while the other clients' batches are in flight.
 */
export async function ingestRound(app: ChildApp, batches: readonly RawEvent[][], pending: readonly number[], clients: number, killAfter?: number): Promise<Round> {
  const queue = [...pending];
  const round: Round = { acknowledgedBatches: [], acknowledgedEvents: [] };
  let killing: Promise<void> | undefined;
  const client = async (): Promise<void> => {
    while (queue.length && !killing) {
      const index = queue.shift() as number;
      const answer = await postBatch(app, batches[index]);
      if (!answer) return;
      if (answer.status !== 200 || answer.results.some((r) => r.status !== 'stored' && r.status !== 'duplicate')) {
        throw new Error(`batch ${index} answered ${answer.status}: ${JSON.stringify(answer.results.find((r) => r.status === 'rejected'))}`);
      }
      round.acknowledgedBatches.push(index);
      round.acknowledgedEvents.push(...answer.results.map((r) => r.eventId));
      if (killAfter !== undefined && round.acknowledgedBatches.length >= killAfter && !killing) killing = killHard(app);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  if (killAfter !== undefined) await (killing ?? killHard(app));
  return round;
}

/** A small seeded generator, so that a failing run can be replayed with its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 4294967296;
  };
}
