import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_REGISTRY } from '@rung/contracts';
import { sampleEvent } from '../contract/sample-events';
import { EmbeddedEventStore } from '../embedded/embedded-event-store';
import { EmbeddedSubjectKeyStore } from '../subject-keys/embedded-subject-key-store';
import { SealedEventStore } from './sealed-event-store';

const NOW = () => new Date('2026-11-30T12:00:00Z');
const MASTER = Buffer.alloc(32, 5);

describe('SealedEventStore over the embedded journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rung-sealed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sealed = async () => new SealedEventStore(await EmbeddedEventStore.open({ dataDir: dir, now: NOW }), await EmbeddedSubjectKeyStore.open(dir), MASTER, SCHEMA_REGISTRY);

  it('given events sealed, then the journal holds none of their data, and they read back as sent', async () => {
    const store = await sealed();
    const event = { ...sampleEvent('s1'), occurredAt: '2021-07-15', data: { ...sampleEvent('s1').data, jobFamily: 'perfusion' } } as ReturnType<typeof sampleEvent>;
    await store.append([{ streamId: 's1', events: [event] }]);
    await store.close();

    const journal = readFileSync(join(dir, 'journal.log')).toString('latin1');
    expect(journal).not.toContain('perfusion');
    expect(journal).not.toContain('2021-07-15');
    const reopened = await sealed();
    expect((await reopened.readStream('s1')).map((e) => [e.eventId, e.occurredAt, e.data])).toEqual([[event.eventId, '2021-07-15', event.data]]);
    await reopened.close();
  });

  it('given a stream stored before encryption, then its plaintext events are read as they are (until rung migrate encrypt seals them)', async () => {
    const plain = await EmbeddedEventStore.open({ dataDir: dir, now: NOW });
    const old = sampleEvent('legacy');
    await plain.append([{ streamId: 'legacy', events: [old] }]);
    await plain.close();

    const store = await sealed();
    expect((await store.readStream('legacy')).map((e) => e.eventId)).toEqual([old.eventId]);
    expect(await store.streamVersion('legacy')).toBe(1);
    const ids: string[] = [];
    for await (const batch of store.readAll()) ids.push(...batch.map((e) => e.eventId));
    expect(ids).toEqual([old.eventId]);
    await store.close();
  });

  it('given an erased subject, then their stream is empty, version 0, and left out of rebuilds and heads', async () => {
    const keys = await EmbeddedSubjectKeyStore.open(dir);
    const store = new SealedEventStore(await EmbeddedEventStore.open({ dataDir: dir, now: NOW }), keys, MASTER, SCHEMA_REGISTRY);
    await store.append([{ streamId: 'gone', events: [sampleEvent('gone')] }, { streamId: 'kept', events: [sampleEvent('kept')] }]);
    await keys.recordTombstones([{ streamId: 'gone', orgId: 'o', erasureId: 'x', requestedAt: NOW().toISOString(), finishedAt: null }]);
    await keys.destroyKeys(['gone']);
    await store.close();

    const reopened = await sealed();
    expect(await reopened.readStream('gone')).toEqual([]);
    expect(await reopened.streamVersion('gone')).toBe(0);
    const streams: string[] = [];
    for await (const batch of reopened.readAll()) streams.push(...batch.map((e) => e.streamId));
    const heads: string[] = [];
    for await (const batch of reopened.streamHeads()) heads.push(...batch.map((h) => h.streamId));
    expect({ streams, heads }).toEqual({ streams: ['kept'], heads: ['kept'] });
    await reopened.close();
  });
});
