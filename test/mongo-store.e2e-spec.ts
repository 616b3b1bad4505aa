import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ProjectionRebuilds } from '@rung/app-projector';
import { SUBJECT_TIMELINE_STORE, TimelinesRebuilt, type SubjectTimelineStore } from '@rung/projections';
import { EventBus } from '@nestjs/cqrs';
import { careerOf, describeOnMongo, withConnection, startTestApp, uniqueDbName, until, type RawEvent, type TestApp } from '@rung/testing';
import { startMongoTestServer } from './servers/mongo';

const SUBJECTS = Array.from({ length: 40 }, (_, i) => `M${200000 + i}`);

const http = (t: TestApp): App => t.app.getHttpServer() as App;
const post = (t: TestApp, events: RawEvent[]) => t.as('ingest').post('/v1/events').send({ events });

async function timelines(t: TestApp): Promise<unknown[]> {
  return Promise.all(SUBJECTS.map(async (ref) => (await t.as('ingest').get(`/v1/subjects/rx1-trust/${ref}/timeline`).expect(200)).body));
}

describeOnMongo('the whole app on STORE=mongo, over HTTP', (endpoint) => {
  let mongoUrl: string;
  let t: TestApp;
  const batch = SUBJECTS.flatMap((ref, i) => careerOf(ref, 'rx1-trust', 3 + (i % 4)));

  beforeEach(async () => {
    mongoUrl = endpoint().uriFor(uniqueDbName('e2e'));
    t = await startTestApp({ STORE: 'mongo', MONGO_URL: mongoUrl });
  });
  afterEach(async () => {
    await t.close();
    await withConnection(mongoUrl, (c) => c.dropDatabase());
  });

  it('keeps events and timelines in MongoDB: after a restart and two rebuilds the timelines are unchanged and resends are still duplicates', async () => {
    expect((await post(t, batch).expect(200)).body).toMatchObject({ accepted: batch.length, duplicates: 0, rejected: 0 });
    await request(http(t)).get('/health/ready').expect(200, { status: 'ready', checks: { mongo: true, eventStore: true } });
    const before = await timelines(t);
    expect(before.map((v) => (v as { version: number }).version)).toEqual(SUBJECTS.map((_, i) => 3 + (i % 4)));
    await expectStoredInMongo(batch.length);
    expect(existsSync(join(t.dataDir, 'journal.log'))).toBe(false);

    t = await t.restart();
    expect(await timelines(t)).toEqual(before);
    expect((await post(t, batch).expect(200)).body).toMatchObject({ accepted: 0, duplicates: batch.length });

    await t.app.get<symbol, SubjectTimelineStore>(SUBJECT_TIMELINE_STORE).clear();
    t = await t.restart();
    expect(await t.app.get<symbol, SubjectTimelineStore>(SUBJECT_TIMELINE_STORE).count()).toBe(SUBJECTS.length);
    expect(await timelines(t)).toEqual(before);

    const asked = await t.as('admin').post('/v1/admin/projections/rebuild').expect(202);
    expect(asked.body).toMatchObject({ generation: 3, state: 'requested', requestedBy: expect.any(String) });
    await t.as('admin').post('/v1/admin/projections/rebuild').expect(200, asked.body);
    const published: unknown[] = [];
    const subscription = t.app.get(EventBus).subscribe((e) => published.push(e));
    await t.app.get(ProjectionRebuilds).runOpen();
    subscription.unsubscribe();
    expect(published).toContainEqual(new TimelinesRebuilt(3));
    const done = await t.as('admin').get('/v1/admin/projections/rebuild').expect(200);
    expect(done.body).toMatchObject({ generation: 3, state: 'done', eventsRead: batch.length, streams: SUBJECTS.length, runs: 1 });
    expect(await timelines(t)).toEqual(before);
    await withConnection(mongoUrl, async (c) => {
      const names = (await c.db!.listCollections().toArray()).map((x) => x.name);
      expect(names.filter((n) => n.startsWith('subject_timelines'))).toEqual(['subject_timelines']);
    });
    const [first] = batch;
    expect((await post(t, [{ ...first, occurredAt: '2001-01-01' }]).expect(422)).body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'eventId' }] });
  });

  async function expectStoredInMongo(events: number): Promise<void> {
    await withConnection(mongoUrl, async (c) => {
      expect(await c.collection('events').countDocuments()).toBe(events);
      await until('the projector to store every timeline', async () => (await c.collection('subject_timelines').countDocuments()) === SUBJECTS.length);
    });
  }
});

describe('the app on STORE=mongo when MongoDB goes away', () => {
  it('answers 503 store-unavailable to an ingest, and readiness reports MongoDB down', async () => {
    const server = await startMongoTestServer();
    const t = await startTestApp({ STORE: 'mongo', MONGO_URL: `${server.uriFor('gone')}&serverSelectionTimeoutMS=2000` });
    try {
      await server.stop();
      const res = await post(t, careerOf('M1', 'rx1-trust', 2)).expect(503);
      expect(res.body).toMatchObject({ code: 'store-unavailable' });
      await request(http(t)).get('/health/ready').expect(503, { status: 'not-ready', checks: { mongo: false, eventStore: true } });
    } finally {
      await t.close();
    }
  });
});
