import { careerOf, describeOnMongo, firstHost, proxiedUri, startFaultProxy, uniqueDbName, type FaultProxy } from '@rung/testing';
import { appOnMongo, expectOutage, expectRecovery, post } from './app-under-fault';
import { insertInto } from './store-under-fault';

/** Fault 1 through the app: MongoDB's connections drop, once in the middle of an append and then for a while. */
describeOnMongo('ingest over HTTP when connections to MongoDB drop', (endpoint) => {
  let proxy: FaultProxy;
  let app: Awaited<ReturnType<typeof appOnMongo>>;

  beforeEach(async () => {
    const uri = endpoint().uriFor(uniqueDbName('e2e_cut'));
    proxy = await startFaultProxy(firstHost(uri));
    app = await appOnMongo(`${proxiedUri(uri, proxy)}&serverSelectionTimeoutMS=1500`, uri);
  });
  afterEach(async () => {
    proxy.restore();
    await app.close();
    await proxy.close();
  });

  it('stores a batch whose insert lost its connection exactly once, answers 503 while MongoDB is unreachable, and is ready again after', async () => {
    const first = careerOf('F100001', 'rx1-trust', 4);
    const cut = proxy.cutNext(insertInto('events'), 'before-reply');
    expect((await post(app.t, first).expect(200)).body).toMatchObject({ accepted: 4, duplicates: 0 });
    await cut;

    const second = careerOf('F100002', 'rx1-trust', 3);
    proxy.refuse();
    await expectOutage(app.t, second);

    proxy.restore();
    await expectRecovery(app, second, first);
  });
});
