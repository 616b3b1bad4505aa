import { describeOnMongo, uniqueDbName, until } from '@rung/testing';
import { startMongoTestServer } from '../../servers/mongo';
import { sampleEvents } from '../../../libs/event-store/src/contract/sample-events';
import { openMongoConnection, pingsWithin } from '../../../libs/event-store/src/mongo/mongo-connection';
import { expectExactlyOnce, storeBehindProxy, storedStream, type StoreUnderFault } from './store-under-fault';

/** The driver's timeouts, short here so that the test is quick; mongo-connection.ts sets the defaults. */
const TIMEOUTS = 'socketTimeoutMS=600&connectTimeoutMS=600&serverSelectionTimeoutMS=1000';

/** Fault 3: a server slower than the driver's timeouts, made by a proxy that holds every byte. */
describeOnMongo('an append to a server slower than the driver waits', (endpoint) => {
  let s: StoreUnderFault;

  beforeEach(async () => {
    s = await storeBehindProxy(endpoint().uriFor(uniqueDbName('slow')), TIMEOUTS);
  });
  afterEach(() => s.close());

  it('fails with store-unavailable instead of hanging, writes nothing, and a later append succeeds', async () => {
    const events = sampleEvents('s1', 3);
    await s.store.append([{ streamId: 's1', events: events.slice(0, 1) }]);
    s.proxy.stall();

    const started = Date.now();
    await expect(s.store.append([{ streamId: 's1', events: events.slice(1) }])).rejects.toMatchObject({ code: 'store-unavailable' });
    // Bounded by the timeouts (a few times 600 to 1000 ms), never by the stall, which has no end.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await pingsWithin(s.connection, 1000)).toBe(false);
    expectExactlyOnce(await storedStream(s.direct, 's1'), [events[0].eventId]);

    s.proxy.restore();
    await until('readiness to see MongoDB again', () => pingsWithin(s.connection, 1000));
    const [result] = await s.store.append([{ streamId: 's1', events: events.slice(1) }]);
    expect(result.results.map((r) => r.status)).toEqual(['stored', 'stored']);
    expectExactlyOnce(await storedStream(s.direct, 's1'), events.map((e) => e.eventId));
  });
});

describe('the connection to MongoDB [MongoDB test server]', () => {
  it('gets timeouts from mongo-connection.ts when its URL sets none, so that no call waits for ever', async () => {
    const server = await startMongoTestServer();
    const timeoutsOf = async (url: string) => {
      const connection = await openMongoConnection(url);
      const { socketTimeoutMS, connectTimeoutMS, serverSelectionTimeoutMS } = connection.getClient().options;
      await connection.close();
      return { socketTimeoutMS, connectTimeoutMS, serverSelectionTimeoutMS };
    };
    expect(await timeoutsOf(server.uriFor('defaults'))).toEqual({ socketTimeoutMS: 30_000, connectTimeoutMS: 10_000, serverSelectionTimeoutMS: 5000 });
    expect(await timeoutsOf(`${server.uriFor('defaults')}&${TIMEOUTS}`)).toEqual({ socketTimeoutMS: 600, connectTimeoutMS: 600, serverSelectionTimeoutMS: 1000 });
    await server.stop();
  });
});
