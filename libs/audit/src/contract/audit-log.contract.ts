/// <reference types="jest" />
import { DomainError } from '@rung/domain';
import type { AuditEntry, AuditFilter, AuditLog } from '../audit-log.port';
import { GENESIS_HASH } from '../chain';
import { sampleRecord, sampleRecords } from './sample-records';

/** One adapter's storage for one test: open logs over it, tamper with what it stores, throw it away. */
export interface AuditLogHarness {
  /** Opens a log over this storage; opening again after close() is a restart. */
  open(): Promise<AuditLog>;
  /** Changes one byte of the stored entry with this seq, behind the log's back. */
  changeOneByte(seq: number): Promise<void>;
  /** Deletes the stored entry with this seq. */
  remove(seq: number): Promise<void>;
  /** Exchanges where two entries are stored: their lines in a file, their seqs in MongoDB (its only order). */
  swap(a: number, b: number): Promise<void>;
  /** Closes whatever open() made, then throws the storage away. */
  dispose(): Promise<void>;
}

export interface AuditLogCapabilities {
  /** Several instances may append to the same storage at once (not so for the single-writer file). */
  sharedWriters: boolean;
}

interface Context {
  harness: AuditLogHarness;
  log: AuditLog;
}

/** Every entry, read a page of `limit` at a time. */
export async function readAll(log: AuditLog, filter: AuditFilter = {}, limit = 1000): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
    const page = await log.page(filter, cursor, limit);
    all.push(...page.entries);
    cursor = page.next;
  }
  return all;
}

/** The behaviour every AuditLog adapter owes (§8): durable chained appends, filtered pages, and verification of what is stored. */
export function describeAuditLogContract(name: string, harness: () => Promise<AuditLogHarness>, capabilities: AuditLogCapabilities): void {
  describe(`AuditLog contract: ${name}`, () => {
    const ctx = {} as Context;
    beforeEach(async () => {
      ctx.harness = await harness();
      ctx.log = await ctx.harness.open();
    });
    afterEach(async () => {
      await ctx.log.close().catch(() => undefined);
      await ctx.harness.dispose();
    });

    describe('appends', () => describeAppends(ctx));
    describe('pages', () => describePages(ctx));
    describe('concurrency', () => describeConcurrency(ctx, capabilities));
    describe('durability', () => describeDurability(ctx));
    describe('verification', () => describeVerification(ctx));
  });
}

function describeAppends(ctx: Context): void {
  it('appends records as entries numbered from 1, each chained to the one before, and reads them back as given', async () => {
    const records = sampleRecords(3);
    await ctx.log.append(records);
    const entries = await readAll(ctx.log);
    expect(entries.map(({ seq, prevHash: _p, hash: _h, ...record }) => ({ seq, record }))).toEqual(records.map((record, i) => ({ seq: i + 1, record })));
    expect(entries.map((e) => e.prevHash)).toEqual([GENESIS_HASH, entries[0].hash, entries[1].hash]);
    expect(entries.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });

  it('stores query parameters of any name, an instant in any zone in canonical form, and a record with no key', async () => {
    const query = JSON.parse('{"param.id":"st_1","$gt":"1","__proto__":"x","":"empty"}') as Record<string, string>;
    await ctx.log.append([sampleRecord(0, { at: '2026-02-01T13:00:00+01:00', keyId: null, roles: [], disclosure: null, correlationId: undefined, query })]);
    const [entry] = await readAll(ctx.log);
    expect(entry.at).toBe('2026-02-01T12:00:00.000Z');
    expect(Object.entries(entry.query)).toEqual([['param.id', 'st_1'], ['$gt', '1'], ['__proto__', 'x'], ['', 'empty']]);
    expect([entry.keyId, entry.roles, entry.disclosure, 'correlationId' in entry]).toEqual([null, [], null, false]);
    expect((await ctx.log.verify()).ok).toBe(true);
  });

  it('refuses a malformed record without failing the appends beside it', async () => {
    const bad = ctx.log.append([sampleRecord(1, { at: 'yesterday' })]);
    await Promise.all([expect(bad).rejects.toThrow(TypeError), ctx.log.append([sampleRecord(2)])]);
    expect((await readAll(ctx.log)).map((e) => e.correlationId)).toEqual(['c-2']);
  });
}

function describePages(ctx: Context): void {
  const filtered = async (filter: AuditFilter): Promise<string[]> => (await readAll(ctx.log, filter, 2)).map((e) => e.correlationId ?? '');

  beforeEach(async () => {
    await ctx.log.append(sampleRecords(12));
  });

  it('pages oldest first, with a cursor that walks every entry once and none after the last page', async () => {
    const first = await ctx.log.page({}, null, 5);
    const second = await ctx.log.page({}, first.next, 5);
    const third = await ctx.log.page({}, second.next, 5);
    expect([first, second, third].map((p) => p.entries.map((e) => e.seq))).toEqual([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]);
    expect(typeof first.next).toBe('string');
    expect(third.next).toBeNull();
    expect((await ctx.log.page({}, null, 12)).next).toBeNull();
  });

  it('filters by key, by action, and by both', async () => {
    expect(await filtered({ keyId: 'k_00000000000000b1' })).toEqual(['c-1', 'c-3', 'c-5', 'c-7', 'c-9', 'c-11']);
    expect(await filtered({ action: 'keys.list' })).toEqual(['c-2', 'c-5', 'c-8', 'c-11']);
    expect(await filtered({ keyId: 'k_00000000000000a1', action: 'keys.list' })).toEqual(['c-2', 'c-8']);
    expect(await filtered({ keyId: 'k_unknown' })).toEqual([]);
  });

  it('filters by instants, both ends inclusive, a date-time without a zone read as UTC', async () => {
    expect(await filtered({ from: '2026-02-01T12:00:03.000Z', to: '2026-02-01T12:00:05.000Z' })).toEqual(['c-3', 'c-4', 'c-5']);
    expect(await filtered({ from: '2026-02-01T12:00:10' })).toEqual(['c-10', 'c-11']);
    expect(await filtered({ to: '2026-02-01T13:00:01+01:00' })).toEqual(['c-0', 'c-1']);
    expect(await filtered({ from: '2026-02-02' })).toEqual([]);
    expect(await filtered({ from: '2026-02-01', action: 'cohorts.create', to: '2026-02-01T12:00:07Z' })).toEqual(['c-1', 'c-4', 'c-7']);
  });

  it('refuses a cursor it did not give, a bad instant and a limit out of range, as bad requests', async () => {
    const refusal = { code: 'bad-request' };
    await expect(ctx.log.page({}, 'not-a-cursor', 5)).rejects.toMatchObject(refusal);
    await expect(ctx.log.page({}, Buffer.from('[1,-3]').toString('base64url'), 5)).rejects.toMatchObject(refusal);
    await expect(ctx.log.page({ from: 'soon' }, null, 5)).rejects.toMatchObject(refusal);
    for (const limit of [0, 1001, 2.5]) await expect(ctx.log.page({}, null, limit)).rejects.toBeInstanceOf(DomainError);
  });
}

function describeConcurrency(ctx: Context, { sharedWriters }: AuditLogCapabilities): void {
  const expectConsecutive = async (count: number): Promise<void> => {
    const entries = await readAll(ctx.log);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.correlationId)).size).toBe(count);
    expect(await ctx.log.verify()).toMatchObject({ ok: true, entries: count, problems: [] });
  };

  it('lands 200 concurrent appends with consecutive seqs and a valid chain', async () => {
    await Promise.all(sampleRecords(200).map((r) => ctx.log.append([r])));
    await expectConsecutive(200);
  });

  (sharedWriters ? it : it.skip)('lands 200 concurrent appends from two instances with consecutive seqs and a valid chain', async () => {
    const other = await ctx.harness.open();
    try {
      await Promise.all(sampleRecords(200).map((r, i) => (i % 2 ? other : ctx.log).append([r])));
    } finally {
      await other.close();
    }
    await expectConsecutive(200);
  });
}

function describeDurability(ctx: Context): void {
  it('keeps every acknowledged entry across a restart, and continues the chain after it', async () => {
    await ctx.log.append(sampleRecords(3));
    const pending = ctx.log.append(sampleRecords(2, 3));
    await ctx.log.close();
    await pending;
    await expect(ctx.log.append([sampleRecord(9)])).rejects.toThrow('closed');
    ctx.log = await ctx.harness.open();
    await ctx.log.append(sampleRecords(2, 5));
    const entries = await readAll(ctx.log);
    expect(entries.map((e) => [e.seq, e.correlationId])).toEqual([1, 2, 3, 4, 5, 6, 7].map((seq) => [seq, `c-${seq - 1}`]));
    expect(entries[5].prevHash).toBe(entries[4].hash);
    expect(await ctx.log.verify()).toEqual({ ok: true, entries: 7, head: entries[6].hash, problems: [] });
  });
}

function describeVerification(ctx: Context): void {
  beforeEach(async () => {
    await ctx.log.append(sampleRecords(6));
  });

  it('verifies an untouched log as ok, with its head', async () => {
    const entries = await readAll(ctx.log);
    expect(await ctx.log.verify()).toEqual({ ok: true, entries: 6, head: entries[5].hash, problems: [] });
  });

  it('reports one byte changed in one stored entry as changed at that seq', async () => {
    await ctx.harness.changeOneByte(3);
    const result = await ctx.log.verify();
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([['changed', 3]]);
    expect(result.ok).toBe(false);
  });

  it('reports a deleted entry as removed at its seq', async () => {
    await ctx.harness.remove(4);
    expect((await ctx.log.verify()).problems).toEqual([{ seq: 4, kind: 'removed', detail: 'entry 4 is missing' }]);
  });

  it('reports two swapped entries with a problem at the earlier seq', async () => {
    await ctx.harness.swap(2, 5);
    const result = await ctx.log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => p.seq === 2 && ['reordered', 'changed'].includes(p.kind))).toBe(true);
  });

  it('reports tampering after a restart too, from what is stored alone', async () => {
    await ctx.log.close();
    await ctx.harness.changeOneByte(2);
    ctx.log = await ctx.harness.open();
    expect((await ctx.log.verify()).problems.map((p) => [p.kind, p.seq])).toEqual([['changed', 2]]);
  });
}
