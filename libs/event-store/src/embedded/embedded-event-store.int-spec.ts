import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PseudonymisedEvent, RecordedEvent } from '@rung/contracts';
import { rawEvent } from '@rung/testing';
import { EmbeddedEventStore } from './embedded-event-store';

const NOW = new Date('2026-02-01T12:00:00.000Z');

function event(subjectId: string, overrides: Partial<PseudonymisedEvent> = {}): PseudonymisedEvent {
  const { subjectRef: _ref, ...raw } = rawEvent('TrainingAccessed');
  return { ...raw, subjectId, ...overrides } as PseudonymisedEvent;
}

async function collect<T>(iterable: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of iterable) all.push(...batch);
  return all;
}

describe('EmbeddedEventStore', () => {
  let dir: string;
  let store: EmbeddedEventStore;
  const open = () => EmbeddedEventStore.open({ dataDir: dir, now: () => NOW });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-store-'));
    store = await open();
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends to a stream and reads it back in order, with versions, positions and arrival time', async () => {
    const events = [event('s1'), event('s1'), event('s1')];
    const [result] = await store.append([{ streamId: 's1', events }]);
    expect(result.results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    expect(result.version).toBe(3);
    const stream = await store.readStream('s1');
    expect(stream.map((e) => [e.eventId, e.version, e.position])).toEqual(events.map((e, i) => [e.eventId, i + 1, i + 1]));
    expect(stream[0]).toEqual({ ...events[0], streamId: 's1', version: 1, position: 1, recordedAt: NOW.toISOString() });
    expect(await store.streamVersion('s1')).toBe(3);
    expect(await store.streamVersion('nobody')).toBe(0);
  });

  it('reports a resend as a duplicate and stores it once', async () => {
    const e = event('s1');
    await store.append([{ streamId: 's1', events: [e] }]);
    const [again] = await store.append([{ streamId: 's1', events: [e, { ...e }] }]);
    expect(again.results).toEqual([{ eventId: e.eventId, status: 'duplicate' }, { eventId: e.eventId, status: 'duplicate' }]);
    expect(again.stored).toEqual([]);
    expect(await store.readStream('s1')).toHaveLength(1);
  });

  it('treats the same id twice within one batch as one event', async () => {
    const e = event('s1');
    const [result] = await store.append([{ streamId: 's1', events: [e, e] }]);
    expect(result.results.map((r) => r.status)).toEqual(['stored', 'duplicate']);
    expect(result.version).toBe(1);
  });

  it('rejects the same id with a different body as a conflict, even in another stream', async () => {
    const e = event('s1');
    await store.append([{ streamId: 's1', events: [e] }]);
    const [changed, moved] = await store.append([
      { streamId: 's1', events: [{ ...e, occurredAt: '2020-01-01' }] },
      { streamId: 's2', events: [{ ...e, subjectId: 's2' }] },
    ]);
    expect(changed.results[0].status).toBe('conflict');
    expect(moved.results[0].status).toBe('conflict');
    expect(await store.readStream('s2')).toEqual([]);
  });

  it('checks the expected version, and a stale one stores nothing of that request', async () => {
    await store.append([{ streamId: 's1', events: [event('s1')] }]);
    const [stale] = await store.append([{ streamId: 's1', events: [event('s1'), event('s1')], expectedVersion: 0 }]);
    expect(stale.results.map((r) => r.status)).toEqual(['wrong-expected-version', 'wrong-expected-version']);
    const [fresh] = await store.append([{ streamId: 's1', events: [event('s1')], expectedVersion: 1 }]);
    expect(fresh.results[0].status).toBe('stored');
    expect(await store.streamVersion('s1')).toBe(2);
  });

  it('a retry with a stale expected version that only repeats stored events is all duplicates', async () => {
    const e = event('s1');
    await store.append([{ streamId: 's1', events: [e], expectedVersion: 0 }]);
    const [retry] = await store.append([{ streamId: 's1', events: [e], expectedVersion: 0 }]);
    expect(retry.results[0].status).toBe('duplicate');
  });

  it('group-commits concurrent appends without losing or doubling any', async () => {
    const batches = Array.from({ length: 20 }, (_, i) => [event(`s${i % 3}`), event(`s${i % 3}`)]);
    const results = await Promise.all(batches.map((events, i) => store.append([{ streamId: `s${i % 3}`, events }])));
    expect(results.flat().flatMap((r) => r.results).every((r) => r.status === 'stored')).toBe(true);
    const all = await collect(store.readAll(7));
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const s of ['s0', 's1', 's2']) {
      const versions = (await store.readStream(s)).map((e) => e.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    }
  });

  it('recovers every acknowledged event after a restart, with the indexes intact', async () => {
    const e = event('s1');
    await store.append([{ streamId: 's1', events: [e, event('s1')] }, { streamId: 's2', events: [event('s2')] }]);
    await store.close();
    store = await open();
    expect(store.recovery.cutBytes).toBe(0);
    expect(await store.streamVersion('s1')).toBe(2);
    expect((await store.append([{ streamId: 's1', events: [e] }]))[0].results[0].status).toBe('duplicate');
    const [next] = await store.append([{ streamId: 's2', events: [event('s2')] }]);
    expect(next.stored[0]).toMatchObject({ version: 2, position: 4 });
    expect(await collect(store.streamHeads())).toEqual([{ streamId: 's1', version: 2 }, { streamId: 's2', version: 2 }]);
  });

  it.each([
    ['a half-written record', (file: string) => appendFileSync(file, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5]))],
    ['a bare partial header', (file: string) => appendFileSync(file, Buffer.from([7, 0]))],
    ['a record with a bad checksum', (file: string) => appendFileSync(file, Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{}')]))],
    ['a last record cut short', (file: string) => truncateSync(file, statSync(file).size - 5)],
  ])('cuts off %s at start, keeps it aside, and carries on', async (_name, tear) => {
    const kept = [event('s1'), event('s1')];
    await store.append([{ streamId: 's1', events: kept }]);
    const tornOff = event('s1');
    await store.append([{ streamId: 's1', events: [tornOff] }]);
    await store.close();
    const file = join(dir, 'journal.log');
    const sizeBefore = statSync(file).size;
    const lastCut = _name === 'a last record cut short';
    tear(file);

    store = await open();

    expect(store.recovery.cutBytes).toBeGreaterThan(0);
    const ids = (await store.readStream('s1')).map((e) => e.eventId);
    expect(ids).toEqual(lastCut ? kept.map((e) => e.eventId) : [...kept, tornOff].map((e) => e.eventId));
    expect(statSync(file).size).toBe(lastCut ? store.recovery.validEnd : sizeBefore);
    const [after] = await store.append([{ streamId: 's1', events: [event('s1')] }]);
    expect(after.results[0].status).toBe('stored');
    await store.close();
    store = await open();
    expect(store.recovery.cutBytes).toBe(0);
    expect(await store.streamVersion('s1')).toBe(lastCut ? 3 : 4);
  });

  it('refuses to start on damage far from the end, rather than throw away acknowledged events', async () => {
    await store.append([{ streamId: 's1', events: Array.from({ length: 50 }, () => event('s1')) }]);
    await store.close();
    const file = join(dir, 'journal.log');
    const bytes = readFileSync(file);
    bytes[20] ^= 0xff;
    writeFileSync(file, bytes);

    await expect(EmbeddedEventStore.open({ dataDir: dir, now: () => NOW, maxTornTailBytes: 1000 })).rejects.toMatchObject({
      code: 'journal-corrupt',
    });
    expect(readFileSync(file)).toEqual(bytes);

    store = await EmbeddedEventStore.open({ dataDir: dir, now: () => NOW, maxTornTailBytes: bytes.length });
    expect(store.recovery).toEqual({ validEnd: 0, cutBytes: bytes.length });
    expect(readdirSync(join(dir, 'torn'))).toHaveLength(1);
  });

  it('upcasts on read through its registry', async () => {
    await store.close();
    const registry = { currentVersion: () => 1, upcast: <E>(e: E): E => ({ ...e, source: 'upcast' }) };
    store = await EmbeddedEventStore.open({ dataDir: dir, now: () => NOW, registry });
    await store.append([{ streamId: 's1', events: [event('s1')] }]);
    const [read] = await store.readStream('s1');
    expect((read as RecordedEvent).source).toBe('upcast');
  });
});
