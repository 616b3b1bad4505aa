import { careerOf, describeOnMongo, firstHost, proxiedUri, startFaultProxy, uniqueDbName, type FaultProxy } from '@rung/testing';
import { appOnMongo, expectOutage, expectRecovery, post } from './app-under-fault';

/** The driver's timeouts, short here so that the test is quick (mongo-connection.ts sets the defaults). */
const TIMEOUTS = 'socketTimeoutMS=800&connectTimeoutMS=800&serverSelectionTimeoutMS=1500';

/** Fault 3 through the app: MongoDB stops answering (a proxy holds every byte) for longer than the driver waits. */
describeOnMongo('ingest over HTTP while MongoDB is slower than the driver waits', (endpoint) => {
  let proxy: FaultProxy;
  let app: Awaited<ReturnType<typeof appOnMongo>>;

  beforeEach(async () => {
    const uri = endpoint().uriFor(uniqueDbName('e2e_slow'));
    proxy = await startFaultProxy(firstHost(uri));
    app = await appOnMongo(`${proxiedUri(uri, proxy)}&${TIMEOUTS}`, uri);
  });
  afterEach(async () => {
    proxy.restore();
    await app.close();
    await proxy.close();
  });

  it('answers 503 instead of hanging and is not ready during the stall, then is ready again and stores the resent batch exactly once', async () => {
    const first = careerOf('S100001', 'rx1-trust', 2);
    expect((await post(app.t, first).expect(200)).body).toMatchObject({ accepted: 2 });

    const second = careerOf('S100002', 'rx1-trust', 3);
    proxy.stall();
    await expectOutage(app.t, second);

    proxy.restore();
    await expectRecovery(app, second, first);
  });
});
