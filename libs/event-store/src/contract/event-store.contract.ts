/// <reference types="jest" />
import type { EventStore } from '../event-store.port';
import { asSent, collect, isIncreasing, readAllByStream, sampleEvent, sampleEvents, sampleHire } from './sample-events';

/** One adapter's storage for one test: open stores over it, restart them, throw it away. */
export interface EventStoreHarness {
  /** Opens a store over this storage; opening again after close() is a restart. */
  open(now: () => Date): Promise<EventStore>;
  /** Closes whatever open() made, then throws the storage away. */
  dispose(): Promise<void>;
}

export interface EventStoreCapabilities {
  /** Several store instances may append to the same storage at once (not so for the single-writer journal). */
  sharedWriters: boolean;
}

export const CONTRACT_NOW = new Date('2026-02-01T12:00:00.000Z');

interface Context {
  harness: EventStoreHarness;
  store: EventStore;
}

/**
 * The behaviour every EventStore adapter owes the port (§6): idempotent appends by eventId, conflicts,
 * expected versions, complete reads in stream order, stream heads, and recovery after a restart.
 */
export function describeEventStoreContract(name: string, harness: () => Promise<EventStoreHarness>, capabilities: EventStoreCapabilities): void {
  describe(`EventStore contract: ${name}`, () => {
    const ctx = {} as Context;
    beforeEach(async () => {
      ctx.harness = await harness();
      ctx.store = await ctx.harness.open(() => CONTRACT_NOW);
    });
    afterEach(async () => {
      await ctx.store.close().catch(() => undefined);
      await ctx.harness.dispose();
    });

    describeAppends(ctx);
    describeReads(ctx);
    describeRestart(ctx);
    describeConcurrency(ctx, capabilities);
  });
}

function describeAppends(ctx: Context): void {
  it('appends to a stream and reads it back as sent, with versions, arrival time, and positions that grow with version', async () => {
    const events = [sampleHire('s1', { grade: '5', gradeScheme: 'afc', fte: 0.8 }), ...sampleEvents('s1', 2)];
    const [result] = await ctx.store.append([{ streamId: 's1', events }]);
    expect(result.results).toEqual(events.map((e) => ({ eventId: e.eventId, status: 'stored' })));
    expect(result.version).toBe(3);
    const stream = await ctx.store.readStream('s1');
    expect(stream).toEqual(result.stored);
    expect(stream.map(asSent)).toEqual(events);
    expect(stream.map((e) => [e.streamId, e.version, e.recordedAt])).toEqual(events.map((_, i) => ['s1', i + 1, CONTRACT_NOW.toISOString()]));
    expect(isIncreasing(stream.map((e) => e.position))).toBe(true);
    expect(await ctx.store.streamVersion('s1')).toBe(3);
    expect(await ctx.store.streamVersion('nobody')).toBe(0);
    expect(await ctx.store.readStream('nobody')).toEqual([]);
  });

  it('leaves an undefined field out instead of storing it as null', async () => {
    const event = sampleHire('s1', { grade: '5', gradeScheme: 'afc', jobFamily: undefined });
    await ctx.store.append([{ streamId: 's1', events: [event] }]);
    const [read] = await ctx.store.readStream('s1');
    expect(Object.keys(read.data).sort()).toEqual(['grade', 'gradeScheme']);
  });

  it('reports a resend as a duplicate and stores it once', async () => {
    const e = sampleEvent('s1');
    await ctx.store.append([{ streamId: 's1', events: [e] }]);
    const [again] = await ctx.store.append([{ streamId: 's1', events: [e, { ...e }] }]);
    expect(again.results).toEqual([{ eventId: e.eventId, status: 'duplicate' }, { eventId: e.eventId, status: 'duplicate' }]);
    expect(again.stored).toEqual([]);
    expect(again.version).toBe(1);
    expect(await ctx.store.readStream('s1')).toHaveLength(1);
  });

  it('treats the same id twice within one batch as one event', async () => {
    const e = sampleEvent('s1');
    const [result] = await ctx.store.append([{ streamId: 's1', events: [e, e] }]);
    expect(result.results.map((r) => r.status)).toEqual(['stored', 'duplicate']);
    expect(result.version).toBe(1);
  });

  it('rejects the same id with a different body as a conflict, even in another stream, and stores nothing of it', async () => {
    const e = sampleEvent('s1');
    await ctx.store.append([{ streamId: 's1', events: [e] }]);
    const [changed, moved] = await ctx.store.append([
      { streamId: 's1', events: [{ ...e, occurredAt: '2020-01-01' }] },
      { streamId: 's2', events: [{ ...e, subjectId: 's2' }] },
    ]);
    expect(changed.results[0].status).toBe('conflict');
    expect(moved.results[0].status).toBe('conflict');
    expect(await ctx.store.readStream('s1')).toEqual([expect.objectContaining({ occurredAt: e.occurredAt })]);
    expect(await ctx.store.readStream('s2')).toEqual([]);
  });

  it('checks the expected version, and a stale one stores nothing of that request', async () => {
    await ctx.store.append([{ streamId: 's1', events: [sampleEvent('s1')] }]);
    const [stale] = await ctx.store.append([{ streamId: 's1', events: sampleEvents('s1', 2), expectedVersion: 0 }]);
    expect(stale.results.map((r) => r.status)).toEqual(['wrong-expected-version', 'wrong-expected-version']);
    expect(stale.version).toBe(1);
    const [fresh] = await ctx.store.append([{ streamId: 's1', events: [sampleEvent('s1')], expectedVersion: 1 }]);
    expect(fresh.results[0].status).toBe('stored');
    expect(await ctx.store.streamVersion('s1')).toBe(2);
  });

  it('calls a retry with a stale expected version that only repeats stored events all duplicates', async () => {
    const e = sampleEvent('s1');
    await ctx.store.append([{ streamId: 's1', events: [e], expectedVersion: 0 }]);
    const [retry] = await ctx.store.append([{ streamId: 's1', events: [e], expectedVersion: 0 }]);
    expect(retry.results[0].status).toBe('duplicate');
  });

  it('answers each request of one append for its own stream, two requests on one stream following each other', async () => {
    const [a, b, a2] = await ctx.store.append([
      { streamId: 'a', events: sampleEvents('a', 2) },
      { streamId: 'b', events: sampleEvents('b', 1) },
      { streamId: 'a', events: sampleEvents('a', 1) },
    ]);
    expect([a.streamId, a.version, b.streamId, b.version, a2.streamId, a2.version]).toEqual(['a', 2, 'b', 1, 'a', 3]);
    expect(a2.stored.map((e) => e.version)).toEqual([3]);
    expect((await ctx.store.readStream('a')).map((e) => e.eventId)).toEqual([...a.stored, ...a2.stored].map((e) => e.eventId));
  });

  it('keeps positions growing with version within a stream when the clock goes backwards', async () => {
    await ctx.store.close();
    let hour = 0;
    ctx.store = await ctx.harness.open(() => new Date(CONTRACT_NOW.getTime() - 3_600_000 * hour++));
    for (let i = 0; i < 3; i += 1) await ctx.store.append([{ streamId: 's1', events: [sampleEvent('s1')] }]);
    expect(isIncreasing((await ctx.store.readStream('s1')).map((e) => e.position))).toBe(true);
  });

  it('refuses appends once closed', async () => {
    await ctx.store.close();
    await expect(ctx.store.append([{ streamId: 's1', events: [sampleEvent('s1')] }])).rejects.toThrow();
  });
}

function describeReads(ctx: Context): void {
  it('reads all events exactly once, in batches of at most the size asked, each stream in version order', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const events = sampleEvents(`s${i % 3}`, 1 + (i % 2));
      sent.push(...events.map((e) => e.eventId));
      await ctx.store.append([{ streamId: `s${i % 3}`, events }]);
    }
    const { all, sizes } = await collect(ctx.store.readAll(4));
    expect(all.map((e) => e.eventId).sort()).toEqual([...sent].sort());
    expect(sizes.every((n) => n > 0 && n <= 4)).toBe(true);
    for (const [streamId, events] of await readAllByStream(ctx.store, 4)) {
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(events).toEqual(await ctx.store.readStream(streamId));
    }
  });

  it('locates an event id in its own stream, in another stream, or nowhere, also after a restart', async () => {
    const [a, b] = [sampleEvent('a'), sampleEvent('b')];
    await ctx.store.append([{ streamId: 'a', events: [sampleEvent('a'), a] }, { streamId: 'b', events: [b] }]);
    const locations = async (): Promise<string[]> =>
      Promise.all([ctx.store.locateEvent(a.eventId, 'a'), ctx.store.locateEvent(b.eventId, 'a'), ctx.store.locateEvent(sampleEvent('a').eventId, 'a')]);
    expect(await locations()).toEqual(['this-stream', 'another-stream', 'nowhere']);
    await ctx.store.close();
    ctx.store = await ctx.harness.open(() => CONTRACT_NOW);
    expect(await locations()).toEqual(['this-stream', 'another-stream', 'nowhere']);
  });

  it('reads nothing from an empty store', async () => {
    expect((await collect(ctx.store.readAll())).sizes).toEqual([]);
    expect((await collect(ctx.store.streamHeads())).sizes).toEqual([]);
  });

  it('gives the head version of every stream, in batches of at most the size asked', async () => {
    await ctx.store.append([{ streamId: 'a', events: sampleEvents('a', 3) }, { streamId: 'b', events: sampleEvents('b', 1) }]);
    await ctx.store.append([{ streamId: 'c', events: sampleEvents('c', 2) }, { streamId: 'a', events: sampleEvents('a', 1) }]);
    const { all, sizes } = await collect(ctx.store.streamHeads(2));
    expect([...all].sort((x, y) => x.streamId.localeCompare(y.streamId))).toEqual([
      { streamId: 'a', version: 4 }, { streamId: 'b', version: 1 }, { streamId: 'c', version: 2 },
    ]);
    expect(sizes).toEqual([2, 1]);
  });
}

function describeRestart(ctx: Context): void {
  it('recovers every acknowledged event after a restart, with ids, heads and positions intact', async () => {
    const e = sampleEvent('s1');
    await ctx.store.append([{ streamId: 's1', events: [e, sampleEvent('s1')] }, { streamId: 's2', events: [sampleEvent('s2')] }]);
    const before = await ctx.store.readStream('s1');
    await ctx.store.close();
    ctx.store = await ctx.harness.open(() => CONTRACT_NOW);

    expect(await ctx.store.readStream('s1')).toEqual(before);
    expect((await ctx.store.append([{ streamId: 's1', events: [e] }]))[0].results[0].status).toBe('duplicate');
    expect((await ctx.store.append([{ streamId: 's2', events: [{ ...e, subjectId: 's2' }] }]))[0].results[0].status).toBe('conflict');
    const [next] = await ctx.store.append([{ streamId: 's1', events: [sampleEvent('s1')] }]);
    expect(next.stored[0].version).toBe(3);
    expect(next.stored[0].position).toBeGreaterThan(before[1].position);
    const heads = (await collect(ctx.store.streamHeads())).all;
    expect([...heads].sort((x, y) => x.streamId.localeCompare(y.streamId))).toEqual([{ streamId: 's1', version: 3 }, { streamId: 's2', version: 1 }]);
  });
}

function describeConcurrency(ctx: Context, { sharedWriters }: EventStoreCapabilities): void {
  it('takes concurrent appends without losing or doubling any, each stream keeping contiguous versions', async () => {
    const batches = Array.from({ length: 20 }, (_, i) => sampleEvents(`s${i % 3}`, 2));
    const results = await Promise.all(batches.map((events, i) => ctx.store.append([{ streamId: `s${i % 3}`, events }])));
    expect(results.flat().flatMap((r) => r.results).every((r) => r.status === 'stored')).toBe(true);
    const byStream = await readAllByStream(ctx.store, 7);
    expect([...byStream.values()].flat().map((e) => e.eventId).sort()).toEqual(batches.flat().map((e) => e.eventId).sort());
    for (const events of byStream.values()) expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
  });

  (sharedWriters ? describe : describe.skip)('with two store instances on the same storage', () => {
    let other: EventStore;
    beforeEach(async () => {
      other = await ctx.harness.open(() => CONTRACT_NOW);
    });
    afterEach(() => other.close());

    it('interleaves their appends to one stream without losing or doubling any', async () => {
      const batches = Array.from({ length: 20 }, () => sampleEvents('s1', 2));
      const results = await Promise.all(batches.map((events, i) => (i % 2 ? other : ctx.store).append([{ streamId: 's1', events }])));
      expect(results.flat().flatMap((r) => r.results).every((r) => r.status === 'stored')).toBe(true);
      const stream = await ctx.store.readStream('s1');
      expect(stream.map((e) => e.version)).toEqual(stream.map((_, i) => i + 1));
      expect(stream.map((e) => e.eventId).sort()).toEqual(batches.flat().map((e) => e.eventId).sort());
      expect(isIncreasing(stream.map((e) => e.position))).toBe(true);
    });

    it('lets exactly one of two appends at the same expected version win', async () => {
      const [mine, theirs] = await Promise.all([
        ctx.store.append([{ streamId: 's1', events: [sampleEvent('s1')], expectedVersion: 0 }]),
        other.append([{ streamId: 's1', events: [sampleEvent('s1')], expectedVersion: 0 }]),
      ]);
      expect([mine[0].results[0].status, theirs[0].results[0].status].sort()).toEqual(['stored', 'wrong-expected-version']);
      expect(await ctx.store.streamVersion('s1')).toBe(1);
    });

    it('stores one of two racing sends of an id: the same body is a duplicate, another body a conflict', async () => {
      const e = sampleEvent('s1');
      const f = sampleEvent('s1');
      const outcomes = await Promise.all([
        ctx.store.append([{ streamId: 's1', events: [e] }, { streamId: 's2', events: [{ ...f, subjectId: 's2' }] }]),
        other.append([{ streamId: 's1', events: [e] }, { streamId: 's3', events: [{ ...f, subjectId: 's3', occurredAt: '2020-01-01' }] }]),
      ]);
      const statuses = outcomes.map(([same, moved]) => [same.results[0].status, moved.results[0].status]);
      expect(statuses.map((s) => s[0]).sort()).toEqual(['duplicate', 'stored']);
      expect(statuses.map((s) => s[1]).sort()).toEqual(['conflict', 'stored']);
      expect(await ctx.store.readStream('s1')).toHaveLength(1);
    });
  });
}
