import { careerOf, uniqueDbName } from '@rung/testing';
import { appOnMongo, expectOutage, expectRecovery, post } from './app-under-fault';
import { describeOnFaultableMongo, stepDown, stepUp } from './server-faults';

/** Fault 2 through the app: the primary steps down, and writes are answered NotWritablePrimary until a new one is elected. */
describeOnFaultableMongo('ingest over HTTP while MongoDB has no writable primary', (endpoint) => {
  let uri: string;
  let app: Awaited<ReturnType<typeof appOnMongo>>;

  beforeEach(async () => {
    uri = endpoint().uriFor(uniqueDbName('e2e_primary'));
    app = await appOnMongo(`${uri}&serverSelectionTimeoutMS=1500`, uri);
  });
  afterEach(async () => {
    // A real primary refuses replSetFreeze; only a failed test leaves the member stepped down here.
    await stepUp(uri).catch(() => undefined);
    await app.close();
  });

  it('answers 503 and is not ready during the step-down, then is ready again and stores the resent batch exactly once', async () => {
    const first = careerOf('P100001', 'rx1-trust', 2);
    expect((await post(app.t, first).expect(200)).body).toMatchObject({ accepted: 2 });

    const second = careerOf('P100002', 'rx1-trust', 4);
    await stepDown(uri);
    await expectOutage(app.t, second);

    await stepUp(uri);
    await expectRecovery(app, second, first);
  });
});
