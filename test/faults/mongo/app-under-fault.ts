import type { Connection } from 'mongoose';
import request from 'supertest';
import type { App } from 'supertest/types';
import { openMongoConnection } from '@rung/event-store';
import { startTestApp, until, type RawEvent, type TestApp } from '@rung/testing';

export const post = (t: TestApp, events: RawEvent[]) => t.as('ingest').post('/v1/events').send({ events });

export async function readiness(t: TestApp): Promise<{ status: number; body: { status: string; checks: Record<string, boolean> } }> {
  const res = await request(t.app.getHttpServer() as App).get('/health/ready');
  return { status: res.status, body: res.body as { status: string; checks: Record<string, boolean> } };
}

export async function untilReady(t: TestApp): Promise<void> {
  await until('readiness to come back', async () => (await readiness(t)).status === 200, 20_000);
}

/** The app on STORE=mongo at `mongoUrl`, and a direct connection to `checkUrl` that no fault touches. */
export async function appOnMongo(mongoUrl: string, checkUrl: string): Promise<{ t: TestApp; direct: Connection; close(): Promise<void> }> {
  const t = await startTestApp({ STORE: 'mongo', MONGO_URL: mongoUrl });
  const direct = await openMongoConnection(checkUrl);
  return { t, direct, close: async () => {
    await t.close();
    await direct.dropDatabase();
    await direct.close();
  } };
}

/** Every event id stored exactly once, and each stream it went to numbered 1..n without a gap. */
export async function expectStoredOnce(direct: Connection, eventIds: string[]): Promise<void> {
  const events = direct.collection('events');
  const found = await events.find({ eventId: { $in: eventIds } }, { projection: { _id: 0, eventId: 1, streamId: 1 } }).toArray();
  expect(found.map((e) => e.eventId as string).sort()).toEqual([...eventIds].sort());
  for (const streamId of new Set(found.map((e) => e.streamId as string))) {
    const versions = (await events.find({ streamId }, { projection: { _id: 0, version: 1 } }).sort({ version: 1 }).toArray()).map((e) => e.version as number);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  }
}

/** 503 store-unavailable to an ingest, and readiness not ready because of MongoDB. */
export async function expectOutage(t: TestApp, events: RawEvent[]): Promise<void> {
  const res = await post(t, events).expect(503);
  expect(res.body).toMatchObject({ code: 'store-unavailable' });
  expect(await readiness(t)).toMatchObject({ status: 503, body: { status: 'not-ready', checks: { mongo: false } } });
}

/** After the fault: ready again with MongoDB up, the resent batch stored whole, and every event stored once. */
export async function expectRecovery(app: { t: TestApp; direct: Connection }, resent: RawEvent[], acknowledged: RawEvent[]): Promise<void> {
  await untilReady(app.t);
  expect((await readiness(app.t)).body.checks).toEqual({ mongo: true, eventStore: true });
  expect((await post(app.t, resent).expect(200)).body).toMatchObject({ accepted: resent.length, duplicates: 0 });
  await expectStoredOnce(app.direct, [...acknowledged, ...resent].map((e) => e.eventId));
}
