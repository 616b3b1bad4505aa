import { describeOnMongo, careerOf, startTestApp, uniqueDbName, type TestApp } from '@rung/testing';

/** Two all-in-one apps on one MongoDB, as two instances would be: scheduled and start-up jobs run on one at a time. */
describeOnMongo('job leases across instances', (endpoint) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((t) => t.close()));
  });

  it('rebuilds empty projections on one instance only, while the other keeps answering from the shared timelines', async () => {
    const env = { STORE: 'mongo', MONGO_URL: endpoint().uriFor(uniqueDbName('leases')), LOG_LEVEL: 'info' };
    const first = await startTestApp(env);
    apps.push(first);
    await first.as('ingest').post('/v1/events').send({ events: careerOf('L1', 'rx1-trust', 3) }).expect(200);
    await first.as('ingest').get('/v1/subjects/rx1-trust/L1/timeline').expect(200);

    // The timelines are dropped (as after a schema change), then two instances start at once.
    const { SUBJECT_TIMELINE_STORE } = await import('@rung/projections');
    await first.app.get(SUBJECT_TIMELINE_STORE, { strict: false }).clear();
    const [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
    apps.push(a, b);

    const said = (t: TestApp, msg: string) => t.logs.some((line) => (JSON.parse(line) as { msg: string }).msg === msg);
    const rebuilt = [a, b].filter((t) => said(t, 'projections rebuilt'));
    const skipped = [a, b].filter((t) => said(t, 'another instance is rebuilding the projections'));
    expect({ rebuilt: rebuilt.length, skipped: skipped.length }).toEqual({ rebuilt: 1, skipped: 1 });
    // The lease log: the rebuild's lease was granted to two holders in all, the first instance and the one of a and b that rebuilt.
    const { JOB_LEASE } = await import('@rung/projections');
    const grants: Array<{ holder: string }> = await a.app.get(JOB_LEASE, { strict: false }).log('projection-rebuild');
    expect(new Set(grants.map((g) => g.holder)).size).toBe(2);
    for (const t of [a, b]) await t.as('ingest').get('/v1/subjects/rx1-trust/L1/timeline').expect(200);
  });
});
