import type { Connection } from 'mongoose';
import { DomainError } from '@rung/domain';
import { describeOnMongo, uniqueDbName } from '@rung/testing';
import { startMongoTestServer, type MongoTestServer } from '../../../../test/servers/mongo';
import { collect, sampleEvent, sampleEvents } from '../contract/sample-events';
import { eventModel, EVENTS_COLLECTION } from './event-documents';
import { databaseName, openMongoConnection, pingsWithin } from './mongo-connection';
import { withStoreErrors } from './mongo-errors';
import { MongoEventStore } from './mongo-event-store';

const NOW = new Date('2026-02-01T12:00:00.000Z');

describeOnMongo('MongoEventStore', (endpoint) => {
  let uri: string;
  let connections: Connection[];
  const open = async (): Promise<MongoEventStore> => {
    const connection = await openMongoConnection(uri);
    connections.push(connection);
    return MongoEventStore.open({ connection, now: () => NOW });
  };

  beforeEach(() => {
    uri = endpoint().uriFor(uniqueDbName('events'));
    connections = [];
  });
  afterEach(async () => {
    await connections[0].dropDatabase();
    await Promise.all(connections.map((c) => c.close()));
  });

  it('creates its unique indexes itself at start, with autoIndex off', async () => {
    await open();
    const indexes = await connections[0].collection(EVENTS_COLLECTION).listIndexes().toArray();
    expect(indexes.filter((i) => i.unique).map((i) => [i.name, i.key])).toEqual([
      ['eventId_unique', { eventId: 1 }],
      ['streamId_version_unique', { streamId: 1, version: 1 }],
    ]);
  });

  it('reads all in (streamId, version) order, whatever order the events arrived in', async () => {
    const store = await open();
    for (const streamId of ['c', 'a', 'b', 'a', 'c', 'a']) await store.append([{ streamId, events: [sampleEvent(streamId)] }]);
    const { all } = await collect(store.readAll(2));
    expect(all.map((e) => `${e.streamId}${e.version}`)).toEqual(['a1', 'a2', 'a3', 'b1', 'c1', 'c2']);
  });

  it('gives positions from the arrival time in microseconds, one apart within a stream when the clock stands still', async () => {
    const store = await open();
    const [a, b] = await store.append([{ streamId: 'a', events: sampleEvents('a', 3) }, { streamId: 'b', events: sampleEvents('b', 1) }]);
    const micros = NOW.getTime() * 1000;
    expect(a.stored.map((e) => e.position)).toEqual([micros, micros + 1, micros + 2]);
    expect(b.stored[0].position).toBe(micros);
  });

  it('settles two writers that planned the same slot: one wins it, the other plans again and stores after it', async () => {
    const [mine, theirs] = [await open(), await open()];
    const [x, y] = [sampleEvent('s1'), sampleEvent('s1')];
    const [[first], [second]] = await Promise.all([mine.append([{ streamId: 's1', events: [x] }]), theirs.append([{ streamId: 's1', events: [y] }])]);
    expect(mine.contentionRetries + theirs.contentionRetries).toBe(1);
    expect([first.results[0].status, second.results[0].status]).toEqual(['stored', 'stored']);
    expect([first.version, second.version].sort()).toEqual([1, 2]);
    expect((await mine.readStream('s1')).map((e) => e.eventId).sort()).toEqual([x.eventId, y.eventId].sort());
  });

  it('stores nothing of a batch with an expected version once another writer has taken its first slot', async () => {
    const [theirs, mine] = [await open(), await open()];
    const x = sampleEvent('s1');
    const [, [batch]] = await Promise.all([
      theirs.append([{ streamId: 's1', events: [x] }]),
      mine.append([{ streamId: 's1', events: sampleEvents('s1', 2), expectedVersion: 0 }]),
    ]);
    expect(mine.contentionRetries).toBe(1);
    expect(batch.results.map((r) => r.status)).toEqual(['wrong-expected-version', 'wrong-expected-version']);
    expect((await mine.readStream('s1')).map((e) => e.eventId)).toEqual([x.eventId]);
  });

  it('reads stream heads from the events themselves', async () => {
    const store = await open();
    await store.append([{ streamId: 'a', events: sampleEvents('a', 2) }]);
    await connections[0].collection(EVENTS_COLLECTION).insertOne({ ...sampleEvent('a'), streamId: 'a', version: 3, position: 1, recordedAt: NOW.toISOString(), hash: 'x' });
    expect((await collect(store.streamHeads())).all).toEqual([{ streamId: 'a', version: 3 }]);
    expect(await store.streamVersion('a')).toBe(3);
  });
});

describe('MongoEventStore when MongoDB goes away', () => {
  let server: MongoTestServer;
  let connection: Connection;

  beforeEach(async () => {
    server = await startMongoTestServer();
    connection = await openMongoConnection(`${server.uriFor('gone')}&serverSelectionTimeoutMS=300`);
  });
  afterEach(() => connection.close());

  it('answers store-unavailable (503), never a driver error, and readiness says not ready', async () => {
    const store = await MongoEventStore.open({ connection, now: () => NOW });
    expect(await pingsWithin(connection, 1000)).toBe(true);
    await server.stop();

    await expect(store.append([{ streamId: 's1', events: [sampleEvent('s1')] }])).rejects.toEqual(expect.objectContaining({ code: 'store-unavailable' }));
    await expect(store.append([{ streamId: 's1', events: [sampleEvent('s1')] }])).rejects.toBeInstanceOf(DomainError);
    await expect(store.readStream('s1')).rejects.toMatchObject({ code: 'store-unavailable' });
    await expect(collect(store.readAll())).rejects.toMatchObject({ code: 'store-unavailable' });
    await expect(collect(store.streamHeads())).rejects.toMatchObject({ code: 'store-unavailable' });
    expect(await pingsWithin(connection, 1000)).toBe(false);
  });

  it('calls a bulk insert that fails for want of a server store-unavailable too, on the first failure and after server selection', async () => {
    const model = eventModel(connection);
    await server.stop();
    const insert = () => withStoreErrors(() => model.insertMany([{ ...sampleEvent('s1'), streamId: 's1', version: 1 }], { ordered: true, lean: true }));
    await expect(insert()).rejects.toMatchObject({ code: 'store-unavailable' });
    await expect(insert()).rejects.toMatchObject({ code: 'store-unavailable' });
  });
});

describe('databaseName', () => {
  it.each([
    ['mongodb://mongo:27017/rung?replicaSet=rs0', 'rung'],
    ['mongodb://a:1,b:2/career_db', 'career_db'],
    ['mongodb+srv://user:p%40ss@cluster.example.net/prod?retryWrites=true', 'prod'],
    ['mongodb://mongo:27017/?replicaSet=rs0', undefined],
    ['mongodb://mongo:27017', undefined],
  ])('reads the database of %s', (url, name) => {
    expect(databaseName(url)).toBe(name);
  });

  it('connects to the rung database when the connection string names none', async () => {
    const server = await startMongoTestServer();
    const connection = await openMongoConnection(server.uri);
    expect(connection.name).toBe('rung');
    await connection.close();
    await server.stop();
  });
});
