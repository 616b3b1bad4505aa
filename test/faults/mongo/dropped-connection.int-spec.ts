import { describeOnMongo, uniqueDbName } from '@rung/testing';
import { sampleEvents } from '../../../libs/event-store/src/contract/sample-events';
import { startMongoTestServer, type MongoTestServer } from '../../servers/mongo';
import { failCommand } from './server-faults';
import { expectExactlyOnce, insertInto, storeBehindProxy, storeDirect, storedStream, type StoreUnderFault } from './store-under-fault';

/**
 * Fault 1: the connection carrying the ordered insertMany of an append is cut, by a TCP proxy that
 * works the same in front of the test server and a real MongoDB.
 */
describeOnMongo('an append whose connection is cut during its insertMany', (endpoint) => {
  let s: StoreUnderFault;

  beforeEach(async () => {
    s = await storeBehindProxy(endpoint().uriFor(uniqueDbName('cut')));
  });
  afterEach(() => s.close());

  it.each(['mid-request', 'before-reply'] as const)('is retried and stores every event of the batch exactly once (cut %s)', async (at) => {
    const events = sampleEvents('s1', 5);
    const cut = s.proxy.cutNext(insertInto('events'), at);
    const [result] = await s.store.append([{ streamId: 's1', events }]);
    await cut;

    expect(result.results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored', 'stored']);
    expect(result.stored.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
    expectExactlyOnce(await storedStream(s.direct, 's1'), events.map((e) => e.eventId));
    const [again] = await s.store.append([{ streamId: 's1', events }]);
    expect(again.results.map((r) => r.status)).toEqual(Array(5).fill('duplicate'));
  });
});

/**
 * The server stops partway through the insert (two of five documents in) and the connection drops. A
 * proxy cannot do this to a real MongoDB, so only the test server's fail point does (see FIDELITY.md).
 */
describe('an append whose insertMany stops partway when the connection drops [MongoDB test server]', () => {
  let server: MongoTestServer;
  let s: Awaited<ReturnType<typeof storeDirect>>;

  beforeEach(async () => {
    server = await startMongoTestServer();
    s = await storeDirect(server.uriFor('partial'));
  });
  afterEach(async () => {
    await s.close();
    await server.stop();
  });

  it('keeps what went in, stores the rest after it, and reports every event as stored by this append', async () => {
    const events = sampleEvents('s1', 5);
    await failCommand(server.uri, ['insert'], 1, { closeConnection: true, rungApplyFirst: 2 });
    const [result] = await s.store.append([{ streamId: 's1', events }]);

    expect(result.results.map((r) => r.status)).toEqual(Array(5).fill('stored'));
    expect(result.stored.map((e) => [e.eventId, e.version])).toEqual(events.map((e, i) => [e.eventId, i + 1]));
    expectExactlyOnce(await storedStream(s.connection, 's1'), events.map((e) => e.eventId));
  });
});
