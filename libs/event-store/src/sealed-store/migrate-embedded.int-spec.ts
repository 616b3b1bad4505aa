import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_REGISTRY, type PseudonymisedEvent, type RecordedEvent } from '@rung/contracts';
import { collect, sampleEvent } from '../contract/sample-events';
import { EmbeddedEventStore } from '../embedded/embedded-event-store';
import { EmbeddedSubjectKeyStore } from '../subject-keys/embedded-subject-key-store';
import { migrateEmbeddedJournal } from './migrate-embedded';
import type { MigrationOptions } from './migrate-sealer';
import { SealedEventStore } from './sealed-event-store';

const MASTER = Buffer.alloc(32, 7);
const PLAIN_DAY = '2019-07-23';

/** A plaintext event whose body says something findable in the raw bytes. */
function plainEvent(streamId: string, n: number): PseudonymisedEvent {
  return sampleEvent(streamId, { occurredAt: PLAIN_DAY, data: { kind: `plaintext-marker-${n}`, outcome: 'granted' } } as Partial<PseudonymisedEvent>);
}

function bodyOf({ streamId: _s, version: _v, position: _p, recordedAt: _r, ...event }: RecordedEvent): PseudonymisedEvent {
  return event as PseudonymisedEvent;
}

/** Each record of the journal, parsed. */
function rawRecords(dataDir: string): Array<Record<string, unknown>> {
  const bytes = readFileSync(join(dataDir, 'journal.log'));
  const records: Array<Record<string, unknown>> = [];
  for (let at = 0; at < bytes.length; at += 8 + bytes.readUInt32LE(at)) records.push(JSON.parse(bytes.subarray(at + 8, at + 8 + bytes.readUInt32LE(at)).toString('utf8')));
  return records;
}

function withoutCiphertext(records: Array<Record<string, unknown>>): unknown[] {
  return records.map(({ data: _d, occurredAt: _o, hash: _h, ...rest }) => rest);
}

describe('migrateEmbeddedJournal', () => {
  let dir: string;
  let clock: number;
  const now = () => new Date(Date.UTC(2026, 0, 1) + (clock += 1000));
  const openSealed = async () => new SealedEventStore(await EmbeddedEventStore.open({ dataDir: dir, now }), await EmbeddedSubjectKeyStore.open(dir), MASTER, SCHEMA_REGISTRY);
  const migrate = async (options: Partial<MigrationOptions> = {}, dataDir = dir) => {
    const keys = await EmbeddedSubjectKeyStore.open(dataDir);
    try {
      return await migrateEmbeddedJournal(dataDir, { keys, master: MASTER, ...options });
    } finally {
      await keys.close();
    }
  };
  const readBack = async (): Promise<RecordedEvent[]> => {
    const store = await openSealed();
    try {
      return (await collect(store.readAll(4))).all;
    } finally {
      await store.close();
    }
  };

  /** Eleven plaintext events in three streams over several commits, one sealed event, and two of an erased subject. */
  async function writeOldStore(): Promise<RecordedEvent[]> {
    const plain = await EmbeddedEventStore.open({ dataDir: dir, now });
    let n = 0;
    await plain.append([{ streamId: 'a', events: [plainEvent('a', n++), plainEvent('a', n++)] }, { streamId: 'b', events: [plainEvent('b', n++)] }]);
    for (let i = 0; i < 4; i += 1) await plain.append([{ streamId: i % 2 ? 'a' : 'c', events: [plainEvent(i % 2 ? 'a' : 'c', n++), plainEvent(i % 2 ? 'a' : 'c', n++)] }]);
    await plain.append([{ streamId: 'gone', events: [plainEvent('gone', n++), plainEvent('gone', n++)] }]);
    await plain.close();
    const sealed = await openSealed();
    await sealed.append([{ streamId: 'b', events: [sampleEvent('b', { occurredAt: '2024-05-05' })] }]);
    await sealed.close();
    const keys = await EmbeddedSubjectKeyStore.open(dir);
    await keys.recordTombstones([{ streamId: 'gone', orgId: 'rx1-trust', erasureId: 'e1', requestedAt: '2026-01-01', finishedAt: null }]);
    await keys.close();
    return expectedAfterMigration();
  }

  /** Before the migration a stream without a key reads as empty through the sealed store, so: the plain events, and b's opened. */
  async function expectedAfterMigration(): Promise<RecordedEvent[]> {
    const plain = await EmbeddedEventStore.open({ dataDir: dir, now });
    const all = (await collect(plain.readAll())).all;
    await plain.close();
    const sealed = await openSealed();
    const b = new Map((await sealed.readStream('b')).map((e) => [e.eventId, e]));
    await sealed.close();
    return all.filter((e) => e.streamId !== 'gone').map((e) => b.get(e.eventId) ?? e);
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rung-migrate-'));
    clock = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seals every plaintext event, keeping order, versions, positions and arrival times', async () => {
    const before = await writeOldStore();
    const rawBefore = rawRecords(dir);

    const result = await migrate({ batchSize: 4 });

    expect(result).toEqual({ outcome: 'migrated', sealed: 13, alreadySealed: 1, subjects: 4, shredded: 2, resumedAfter: 0 });
    const text = readFileSync(join(dir, 'journal.log'), 'utf8');
    expect(text).not.toContain('plaintext-marker');
    expect(text).not.toContain(PLAIN_DAY);
    for (const r of rawBefore.filter((r) => r.occurredAt === PLAIN_DAY)) expect(text).not.toContain(r.hash as string);
    expect(withoutCiphertext(rawRecords(dir))).toEqual(withoutCiphertext(rawBefore));
    expect(await readBack()).toEqual(before);
    expect(before.map((e) => e.streamId)).not.toContain('gone');
    expect(existsSync(join(dir, 'migrate'))).toBe(false);
  });

  it('takes a resend of any migrated event as a duplicate, not a conflict', async () => {
    const before = await writeOldStore();
    await migrate();
    const store = await openSealed();
    const resent = await store.append(before.map((e) => ({ streamId: e.streamId, events: [bodyOf(e)] })));
    await store.close();
    expect(resent.flatMap((r) => r.results)).toEqual(before.map((e) => ({ eventId: e.eventId, status: 'duplicate' })));
  });

  it('seals nothing and leaves the journal as it is when run again', async () => {
    await writeOldStore();
    await migrate();
    const migrated = readFileSync(join(dir, 'journal.log'));
    expect(await migrate()).toEqual({ outcome: 'nothing-to-seal', sealed: 0, alreadySealed: 14, subjects: 0, shredded: 0, resumedAfter: 0 });
    expect(readFileSync(join(dir, 'journal.log'))).toEqual(migrated);
  });

  it('resumes a killed run where it stopped, to the result of an uninterrupted run', async () => {
    const before = await writeOldStore();
    const twin = mkdtempSync(join(tmpdir(), 'rung-migrate-twin-'));
    cpSync(dir, twin, { recursive: true });
    const kill = (after: number) => (written: number) => {
      if (written >= after) throw new Error('killed');
    };

    await expect(migrate({ batchSize: 3, onProgress: kill(5) })).rejects.toThrow('killed');
    expect(readFileSync(join(dir, 'journal.log'), 'utf8')).toContain('plaintext-marker');
    appendFileSync(join(dir, 'migrate', 'journal.log'), Buffer.from([90, 0, 0, 0, 1, 2, 3]));
    await expect(migrate({ batchSize: 3, onProgress: kill(9) })).rejects.toThrow('killed');
    const resumed = await migrate({ batchSize: 3 });
    await migrate({}, twin);

    expect(resumed).toMatchObject({ outcome: 'migrated', resumedAfter: 9, sealed: 4, alreadySealed: 1 });
    expect(await readBack()).toEqual(before);
    expect(withoutCiphertext(rawRecords(dir))).toEqual(withoutCiphertext(rawRecords(twin)));
    expect(readFileSync(join(dir, 'journal.log'), 'utf8')).not.toContain('plaintext-marker');
    rmSync(twin, { recursive: true, force: true });
  });

  it('finishes a swap killed after the plaintext journal was moved aside', async () => {
    const before = await writeOldStore();
    await expect(migrate({ onProgress: () => { throw new Error('killed'); } })).rejects.toThrow('killed');
    renameSync(join(dir, 'journal.log'), join(dir, 'migrate', 'plaintext-journal.log'));

    expect(await migrate()).toMatchObject({ outcome: 'finished-swap', sealed: 0 });
    expect(existsSync(join(dir, 'migrate'))).toBe(false);
    expect(readFileSync(join(dir, 'journal.log'), 'utf8')).not.toContain('plaintext-marker');
    expect(await readBack()).toEqual(before);
  });
});
