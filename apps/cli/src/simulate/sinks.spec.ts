import type { CareerEvent } from '@rung/contracts';
import type { EventResult, RungClient } from '../http/rung-client';
import { HttpSink } from './sinks';

const event = (eventId: string) => ({ eventId, type: 'EmployeeHired' }) as unknown as CareerEvent;
const retraction = (eventId: string, target: string) => ({ eventId, type: 'EventRetracted', data: { retractedEventId: target } }) as unknown as CareerEvent;

/** A client that holds each batch's answer until the test releases it, and records what was posted. */
function heldClient() {
  const posted: string[][] = [];
  const releases: Array<() => void> = [];
  const client = {
    postBatch: (events: readonly CareerEvent[]) => {
      posted.push(events.map((e) => e.eventId));
      return new Promise<EventResult[]>((resolve) => releases.push(() => resolve(events.map((e) => ({ eventId: e.eventId, status: 'stored' as const })))));
    },
  } as unknown as RungClient;
  return { client, posted, releaseNext: () => releases.shift()?.() };
}

describe('HttpSink and retractions', () => {
  it('given a batch in flight, then a retraction of one of its events waits until it is acknowledged, and the rest of the next batch does not', async () => {
    const { client, posted, releaseNext } = heldClient();
    const sink = new HttpSink(client, 2, 4);
    await sink.write([event('a'), event('b')]);
    await sink.write([retraction('r', 'a'), event('c')]);
    expect(posted).toEqual([['a', 'b'], ['c']]);

    const closing = sink.close();
    releaseNext();
    await turns(20);
    expect(posted).toHaveLength(2);
    releaseNext();
    await until(() => posted.length === 3);
    expect(posted).toEqual([['a', 'b'], ['c'], ['r']]);
    releaseNext();
    expect(await closing).toMatchObject({ sent: 4, accepted: 4, rejected: 0 });
  });
});

async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await turns(1);
}
