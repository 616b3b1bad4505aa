import type { Connection } from 'mongoose';
import { SCHEMA_REGISTRY, type PseudonymisedEvent, type RecordedEvent } from '@rung/contracts';
import { describeOnMongo, uniqueDbName } from '@rung/testing';
import { collect, sampleEvent } from '../contract/sample-events';
import { EVENTS_COLLECTION } from '../mongo/event-documents';
import { openMongoConnection } from '../mongo/mongo-connection';
import { MongoEventStore } from '../mongo/mongo-event-store';
import { MongoSubjectKeyStore } from '../subject-keys/mongo-subject-key-store';
import { migrateMongoEvents } from './migrate-mongo';
import type { MigrationOptions } from './migrate-sealer';
import { SealedEventStore } from './sealed-event-store';

const MASTER = Buffer.alloc(32, 5);
const PLAIN_DAY = '2019-07-23';
const NOW = () => new Date('2026-01-01T00:00:00.000Z');

function plainEvent(streamId: string, n: number): PseudonymisedEvent {
  return sampleEvent(streamId, { occurredAt: PLAIN_DAY, data: { kind: `plaintext-marker-${n}`, outcome: 'granted' } } as Partial<PseudonymisedEvent>);
}

function bodyOf({ streamId: _s, version: _v, position: _p, recordedAt: _r, ...event }: RecordedEvent): PseudonymisedEvent {
  return event as PseudonymisedEvent;
}

describeOnMongo('migrateMongoEvents', (endpoint) => {
  let connection: Connection;
  const sealedStore = async () => new SealedEventStore(await MongoEventStore.open({ connection, now: NOW }), MongoSubjectKeyStore.open(connection), MASTER, SCHEMA_REGISTRY);
  const migrate = (options: Partial<MigrationOptions> = {}) => migrateMongoEvents(connection, { keys: MongoSubjectKeyStore.open(connection), master: MASTER, batchSize: 3, ...options });
  const rawText = async () => JSON.stringify(await connection.collection(EVENTS_COLLECTION).find().toArray());

  /** Seven plaintext events in three streams, one of an erased subject. */
  async function writeOldStore(): Promise<RecordedEvent[]> {
    const plain = await MongoEventStore.open({ connection, now: NOW });
    let n = 0;
    await plain.append(['a', 'b', 'a', 'c', 'a', 'b'].map((s) => ({ streamId: s, events: [plainEvent(s, n++)] })));
    await plain.append([{ streamId: 'gone', events: [plainEvent('gone', n++)] }]);
    const all = (await collect(plain.readAll())).all;
    await MongoSubjectKeyStore.open(connection).recordTombstones([{ streamId: 'gone', orgId: 'rx1-trust', erasureId: 'e1', requestedAt: '2026-01-01', finishedAt: null }]);
    return all.filter((e) => e.streamId !== 'gone');
  }

  beforeEach(async () => {
    connection = await openMongoConnection(endpoint().uriFor(uniqueDbName('migrate')));
  });
  afterEach(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('seals every plaintext document in place; the sealed store reads back the same events', async () => {
    const before = await writeOldStore();

    expect(await migrate()).toEqual({ sealed: 7, alreadySealed: 0, subjects: 4, shredded: 1 });

    const raw = await rawText();
    expect(raw).not.toContain('plaintext-marker');
    expect(raw).not.toContain(PLAIN_DAY);
    const store = await sealedStore();
    expect((await collect(store.readAll())).all).toEqual(before);
    const resent = await store.append(before.map((e) => ({ streamId: e.streamId, events: [bodyOf(e)] })));
    expect(resent.flatMap((r) => r.results).map((r) => r.status)).toEqual(before.map(() => 'duplicate'));
  });

  it('seals nothing when run again, and a killed run is finished by the next', async () => {
    const before = await writeOldStore();
    await expect(migrate({ onProgress: () => { throw new Error('killed'); } })).rejects.toThrow('killed');
    expect(await rawText()).toContain('plaintext-marker');

    expect(await migrate()).toEqual({ sealed: 4, alreadySealed: 3, subjects: 3, shredded: 1 });
    expect(await migrate()).toEqual({ sealed: 0, alreadySealed: 7, subjects: 0, shredded: 0 });
    expect(await rawText()).not.toContain('plaintext-marker');
    expect((await collect((await sealedStore()).readAll())).all).toEqual(before);
  });
});
