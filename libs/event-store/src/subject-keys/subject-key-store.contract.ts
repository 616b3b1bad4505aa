/// <reference types="jest" />
import { randomBytes } from 'node:crypto';
import { newDataKey, wrapKey } from '../sealing/envelope';
import { SubjectErasedError, type SubjectKeyStore, type Tombstone } from './subject-key-store.port';

/** One adapter's storage for one test: open stores over it (again, after close, is a restart), then throw it away. */
export interface SubjectKeyStoreHarness {
  open(): Promise<SubjectKeyStore>;
  dispose(): Promise<void>;
  /** Several stores may be open over the same storage at once. */
  sharedWriters: boolean;
  /** The contents of every file the storage keeps, when it is files: where a destroyed key must leave no trace. */
  storedFiles?(): Buffer[];
}

const MASTER = randomBytes(32);
const wrapped = (streamId: string): string => wrapKey(MASTER, newDataKey(), streamId);
const keysFor = (...streamIds: string[]): Map<string, string> => new Map(streamIds.map((id) => [id, wrapped(id)]));
const tombstone = (streamId: string, erasureId = 'er_1'): Tombstone => ({
  streamId, orgId: 'rx1-trust', erasureId, requestedAt: '2026-03-01T09:00:00.000Z', finishedAt: null,
});
const byStream = (a: Tombstone, b: Tombstone): number => a.streamId.localeCompare(b.streamId);

/** What every SubjectKeyStore must do, whatever it keeps keys in. */
export function describeSubjectKeyStoreContract(name: string, harness: () => Promise<SubjectKeyStoreHarness>): void {
  describe(`subject key store contract: ${name}`, () => {
    const ctx = {} as { h: SubjectKeyStoreHarness; store: SubjectKeyStore };
    beforeEach(async () => {
      ctx.h = await harness();
      ctx.store = await ctx.h.open();
    });
    afterEach(async () => {
      await ctx.store.close().catch(() => undefined);
      await ctx.h.dispose();
    });

    describeKeys(ctx);
    describeErasure(ctx);
  });
}

function describeKeys(ctx: { h: SubjectKeyStoreHarness; store: SubjectKeyStore }): void {
  it('stores a key for a stream that has none, keeps the first one, and answers only for streams that have one', async () => {
    const first = keysFor('s1', 's2');
    expect(await ctx.store.putIfAbsent(first)).toEqual(first);
    const second = keysFor('s2', 's3');
    expect(await ctx.store.putIfAbsent(second)).toEqual(new Map([['s2', first.get('s2')], ['s3', second.get('s3')]]));
    expect(await ctx.store.getWrapped(['s1', 's3', 'nobody'])).toEqual(new Map([['s1', first.get('s1')], ['s3', second.get('s3')]]));
    expect(await ctx.store.getWrapped([])).toEqual(new Map());
    expect(await ctx.store.putIfAbsent(new Map())).toEqual(new Map());
  });

  it('lets the first writer win when many put keys for the same streams at once, and every writer gets the winner', async () => {
    const stores = ctx.h.sharedWriters ? [ctx.store, await ctx.h.open(), await ctx.h.open()] : [ctx.store];
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => stores[i % stores.length].putIfAbsent(keysFor('s1', `s${2 + (i % 3)}`))));
    const stored = await ctx.store.getWrapped(['s1', 's2', 's3', 's4']);
    expect(stored.size).toBe(4);
    for (const answer of answers) for (const [streamId, key] of answer) expect({ streamId, key }).toEqual({ streamId, key: stored.get(streamId) });
    await Promise.all(stores.slice(1).map((s) => s.close()));
    await ctx.store.close();
    ctx.store = await ctx.h.open();
    expect(await ctx.store.getWrapped(['s1', 's2', 's3', 's4'])).toEqual(stored);
  });

  it('keeps its keys when it is opened again', async () => {
    const keys = keysFor('s1', 's2');
    await ctx.store.putIfAbsent(keys);
    await ctx.store.close();
    ctx.store = await ctx.h.open();
    expect(await ctx.store.getWrapped(['s1', 's2'])).toEqual(keys);
  });
}

function describeErasure(ctx: { h: SubjectKeyStoreHarness; store: SubjectKeyStore }): void {
  it('refuses keys for a tombstoned stream with a subject-erased error, storing none of the call', async () => {
    await ctx.store.recordTombstones([tombstone('s1')]);
    const refusal = await ctx.store.putIfAbsent(keysFor('s1', 's2')).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SubjectErasedError);
    expect(refusal).toMatchObject({ code: 'subject-erased', streamIds: ['s1'] });
    expect(await ctx.store.getWrapped(['s1', 's2'])).toEqual(new Map());
    expect(await ctx.store.isErased(['s1', 's2'])).toEqual(new Set(['s1']));
    expect(await ctx.store.isErased([])).toEqual(new Set());
  });

  it('destroys keys so that they are gone, after reopening too, and destroying again changes nothing', async () => {
    const keys = keysFor('s1', 's2', 's3');
    await ctx.store.putIfAbsent(keys);
    await ctx.store.recordTombstones([tombstone('s1'), tombstone('s2')]);
    await ctx.store.destroyKeys(['s1', 's2']);
    await ctx.store.destroyKeys(['s1', 's2', 'nobody']);
    await ctx.store.destroyKeys([]);
    expect(await ctx.store.getWrapped(['s1', 's2', 's3'])).toEqual(new Map([['s3', keys.get('s3')]]));
    await ctx.store.close();
    ctx.store = await ctx.h.open();
    expect(await ctx.store.getWrapped(['s1', 's2', 's3'])).toEqual(new Map([['s3', keys.get('s3')]]));
    await expect(ctx.store.putIfAbsent(keysFor('s1'))).rejects.toMatchObject({ code: 'subject-erased' });
    if (!ctx.h.storedFiles) return;
    const files = ctx.h.storedFiles();
    const holding = (key: string | undefined): boolean => files.some((bytes) => bytes.includes(String(key)) || bytes.includes(String(key).split('.')[2]));
    expect({ s1: holding(keys.get('s1')), s2: holding(keys.get('s2')), s3: holding(keys.get('s3')) }).toEqual({ s1: false, s2: false, s3: true });
  });

  it('records each tombstone once, finishes it once, and keeps both across a reopen', async () => {
    await ctx.store.recordTombstones([tombstone('s1'), tombstone('s2')]);
    await ctx.store.recordTombstones([tombstone('s1', 'er_2'), tombstone('s1', 'er_3')]);
    await ctx.store.finishTombstones(['s1', 'nobody'], '2026-03-01T10:00:00.000Z');
    await ctx.store.finishTombstones(['s1'], '2026-03-02T10:00:00.000Z');
    await ctx.store.recordTombstones([]);
    await ctx.store.finishTombstones([], '2026-03-02T10:00:00.000Z');
    const expected = [{ ...tombstone('s1'), finishedAt: '2026-03-01T10:00:00.000Z' }, tombstone('s2')];
    expect((await ctx.store.tombstones()).sort(byStream)).toEqual(expected);
    await ctx.store.close();
    ctx.store = await ctx.h.open();
    expect((await ctx.store.tombstones()).sort(byStream)).toEqual(expected);
    expect(await ctx.store.isErased(['s1', 's2', 's3'])).toEqual(new Set(['s1', 's2']));
  });
}
