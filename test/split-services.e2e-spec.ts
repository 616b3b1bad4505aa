import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bearer, careerOf, careerOnKafka, KafkaTestClient, killHard, plannedEvents, rawEvent, startBuiltApp, startKafkaTarget, studyPlan,
  uniqueDbName, uniqueName, until, withConnection, type ChildApp, type KafkaTarget, type RawEvent, type TestKeys,
} from '@rung/testing';
import { startMongoTestServer, type MongoTestServer } from './servers/mongo';

// Ingest, projector and two query instances as four separate processes of the built app, on one
// MongoDB (the wire-protocol test server) and the Kafka test broker.

const AS_OF = '2025-06-30';

interface Answer {
  status: number;
  body: unknown;
  etag: string | null;
}

async function call(app: ChildApp, key: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(`${app.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...bearer(key), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, etag: res.headers.get('etag') };
}

async function expectStatus(answer: Promise<Answer>, status: number): Promise<Answer> {
  const a = await answer;
  if (a.status !== status) throw new Error(`expected ${status}, got ${a.status}: ${JSON.stringify(a.body)}`);
  return a;
}

describe('ingest, projector and two query instances as separate processes on one MongoDB and Kafka', () => {
  const org = `sp-${randomBytes(3).toString('hex')}`;
  const plan = studyPlan(org);
  const httpEvents = [...plan.mentored, ...plan.coached].flatMap(plannedEvents);
  const kafkaPlanned = plan.comparison.flatMap(plannedEvents);
  const kafkaCareers = ['KC1', 'KC2', 'KC3'].flatMap((ref) => careerOnKafka(org, ref));
  /** Expected timeline version of every subject so far. */
  const expected = new Map<string, number>();
  const count = (events: RawEvent[]): void => {
    for (const e of events) expected.set(e.subjectRef, (expected.get(e.subjectRef) ?? 0) + 1);
  };

  let mongo: MongoTestServer;
  let mongoUrl: string;
  let kafka: KafkaTarget;
  let client: KafkaTestClient;
  let env: Record<string, string>;
  const dirs: string[] = [];
  const running: ChildApp[] = [];
  let ingest: ChildApp;
  let projector: ChildApp;
  let queryA: ChildApp;
  let queryB: ChildApp;
  let keys: TestKeys;
  let studyId: string;
  const timings: Record<string, number> = {};

  const dataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-split-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (app: 'ingest' | 'projector' | 'query'): Promise<ChildApp> => {
    const started = await startBuiltApp(app, dataDir(), env);
    running.push(started);
    return started;
  };

  const versionOn = async (app: ChildApp, subjectRef: string): Promise<number> => {
    const res = await call(app, keys.ingest, `/v1/subjects/${org}/${subjectRef}/timeline`);
    return res.status === 200 ? (res.body as { version: number }).version : 0;
  };
  /** Every expected timeline at its expected version on the instance (stops at the first that is not). */
  const allTimelinesOn = async (app: ChildApp): Promise<boolean> => {
    for (const [ref, version] of expected) if ((await versionOn(app, ref)) !== version) return false;
    return true;
  };

  beforeAll(async () => {
    const t0 = Date.now();
    [mongo, kafka] = await Promise.all([startMongoTestServer(), startKafkaTarget()]);
    client = await KafkaTestClient.connect(kafka.brokers);
    mongoUrl = mongo.uriFor(uniqueDbName('split'));
    env = {
      STORE: 'mongo', MONGO_URL: mongoUrl, KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_GROUP_ID: uniqueName('rung-split'),
      // Materialising every second makes both query instances contend for the checkpoint-freezing lease many times.
      ANALYTICS_MATERIALISE_SECONDS: '1', PROJECTION_LAG_CHECK_SECONDS: '1',
    };
    // Query A first: it makes the keys, which live in MongoDB and serve every instance.
    queryA = await start('query');
    keys = queryA.keys;
    [ingest, projector, queryB] = await Promise.all([start('ingest'), start('projector'), start('query')]);
    timings.startFourProcessesMs = Date.now() - t0;
  }, 90_000);

  afterAll(async () => {
    await Promise.all(running.filter((a) => a.process.exitCode === null && a.process.signalCode === null).map((a) => killHard(a)));
    await client?.disconnect();
    await kafka?.stop();
    await mongo?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    console.log(`split-services timings: ${JSON.stringify(timings)}`);
  });

  it('1. events over HTTP (to ingest) and over Kafka become timelines on both query instances', async () => {
    const t0 = Date.now();
    for (let i = 0; i < httpEvents.length; i += 500) {
      const res = await expectStatus(call(ingest, keys.ingest, '/v1/events', { method: 'POST', body: { events: httpEvents.slice(i, i + 500) } }), 200);
      expect(res.body).toMatchObject({ accepted: Math.min(500, httpEvents.length - i), rejected: 0 });
    }
    timings.step1HttpMs = Date.now() - t0;
    await client.produce([...kafkaPlanned, ...kafkaCareers]);
    timings.step1ProducedMs = Date.now() - t0;
    count(httpEvents);
    count(kafkaPlanned);
    count(kafkaCareers);

    await until('every timeline on query A', () => allTimelinesOn(queryA), 20_000);
    timings.step1OnAMs = Date.now() - t0;
    await until('every timeline on query B', () => allTimelinesOn(queryB), 5_000);
    timings.step1TimelinesMs = Date.now() - t0;
    const a = await expectStatus(call(queryA, keys.ingest, `/v1/subjects/${org}/KC2/timeline`), 200);
    const b = await expectStatus(call(queryB, keys.ingest, `/v1/subjects/${org}/KC2/timeline`), 200);
    expect(a.body).toMatchObject({ version: 10, promotions: [{ at: '2020-11-01', fromGrade: '5', toGrade: '6' }] });
    expect(b.body).toEqual(a.body);
    // The projector process stored the timelines in MongoDB (reads may also fold a lagging one on demand).
    await until('the stored timelines', () => withConnection(mongoUrl, async (c) => (await c.collection('subject_timelines').countDocuments()) === expected.size));
  }, 40_000);

  it('2. a cohort and a study defined on query A are read and reported on query B', async () => {
    const cohort = await expectStatus(call(queryA, keys.research, '/v1/cohorts', {
      method: 'POST', body: { name: 'Mentoring 2024', orgIds: [org], entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', role: 'participant', between: ['2024-01-01', '2024-06-30'] } },
    }), 201);
    const mentoredId = (cohort.body as { id: string }).id;
    const comparison = await expectStatus(call(queryA, keys.research, '/v1/cohorts', {
      method: 'POST', body: { name: 'New starters 2024', orgIds: [org], entry: { on: 'EmployeeHired', between: ['2024-01-01', '2024-06-30'] } },
    }), 201);
    const comparisonId = (comparison.body as { id: string }).id;

    const onA = await expectStatus(call(queryA, keys.research, `/v1/cohorts/${mentoredId}?asOf=${AS_OF}`), 200);
    const onB = await expectStatus(call(queryB, keys.research, `/v1/cohorts/${mentoredId}?asOf=${AS_OF}`), 200);
    expect(onB.body).toEqual(onA.body);
    expect(onB.body).toMatchObject({ id: mentoredId });

    const study = await expectStatus(call(queryA, keys.research, '/v1/studies', {
      method: 'POST', body: {
        name: 'Mentoring vs new starters', arms: [{ name: 'mentored', cohortId: mentoredId }, { name: 'comparison', cohortId: comparisonId }],
        outcomes: ['promotion', 'exit'], horizonMonths: 12, interval: 'quarter', checkpointsMonths: [6],
      },
    }), 201);
    studyId = (study.body as { id: string }).id;
    const reportB = await expectStatus(call(queryB, keys.research, `/v1/studies/${studyId}/report?asOf=${AS_OF}`), 200);
    expect((reportB.body as { arms: Array<{ size: number }> }).arms.map((a) => a.size)).toEqual([40, 40]);
    const reportA = await expectStatus(call(queryA, keys.research, `/v1/studies/${studyId}/report?asOf=${AS_OF}`), 200);
    expect(reportB.body).toEqual(reportA.body);
  }, 20_000);

  it('3. a checkpoint frozen once is served identically by both instances', async () => {
    const a = await expectStatus(call(queryA, keys.research, `/v1/studies/${studyId}/checkpoints/6`), 200);
    expect(a.body).toMatchObject({ studyId, month: 6, dueOn: expect.stringMatching(/^2024-12-/), frozenAt: expect.any(String) });
    const b = await expectStatus(call(queryB, keys.research, `/v1/studies/${studyId}/checkpoints/6`), 200);
    expect((b.body as { frozenAt: string }).frozenAt).toBe((a.body as { frozenAt: string }).frozenAt);
    expect(b.body).toEqual(a.body);
    // Written once per disclosure mode (ids are unique): the protected one read here, and perhaps the exact one the scheduled job froze.
    const stored = await withConnection(mongoUrl, (c) => c.collection<{ _id: string }>('analytics_checkpoints').find({}, { projection: { _id: 1 } }).toArray());
    const ids = stored.map((d) => d._id);
    expect(ids).toContain(`${studyId}:6:protected`);
    expect(ids.filter((id) => id !== `${studyId}:6:protected` && id !== `${studyId}:6`)).toEqual([]);
  }, 20_000);

  it('4. an append through ingest changes the ETag of an indicators answer on both query instances within 5 s', async () => {
    const url = `/v1/indicators?orgId=${org}&from=2024-01-01&to=2024-12-31&grouping=wres`;
    const [a0, b0] = await Promise.all([expectStatus(call(queryA, keys.dashboard, url), 200), expectStatus(call(queryB, keys.dashboard, url), 200)]);
    expect(a0.etag).toBeTruthy();
    expect(b0.etag).toBe(a0.etag);
    const left = plan.comparison.find((s) => !s.leftAt)!;
    const leaving = rawEvent('EmployeeLeft', { orgId: org, subjectRef: left.subjectRef, occurredAt: '2024-10-01' }, { reason: 'voluntary' });
    await expectStatus(call(ingest, keys.ingest, '/v1/events', { method: 'POST', body: { events: [leaving] } }), 200);
    count([leaving]);
    const t0 = Date.now();
    const changed = async (app: ChildApp, before: string): Promise<number> => {
      await until(`a new indicators ETag on ${app === queryA ? 'query A' : 'query B'}`, async () => {
        const now = await call(app, keys.dashboard, url);
        return now.status === 200 && now.etag !== before;
      }, 5_000, 100);
      return Date.now() - t0;
    };
    const [msA, msB] = await Promise.all([changed(queryA, a0.etag!), changed(queryB, b0.etag!)]);
    timings.step4EtagChangeMsA = msA;
    timings.step4EtagChangeMsB = msB;
    const [a1, b1] = await Promise.all([call(queryA, keys.dashboard, url), call(queryB, keys.dashboard, url)]);
    expect(b1.etag).toBe(a1.etag);
    expect(b1.body).toEqual(a1.body);
  }, 15_000);

  it('5. after kill -9 of the projector, events appended meanwhile reach the timelines once it is back', async () => {
    await killHard(projector);
    const meanwhile = ['LATE1', 'LATE2', 'LATE3'].flatMap((ref) => careerOf(ref, org, 4));
    const extra = rawEvent('TrainingAccessed', { orgId: org, subjectRef: 'KC1', occurredAt: '2022-03-01' });
    await expectStatus(call(ingest, keys.ingest, '/v1/events', { method: 'POST', body: { events: [...meanwhile, extra] } }), 200);
    count([...meanwhile, extra]);
    const t0 = Date.now();
    projector = await start('projector');
    timings.step5ProjectorRestartMs = Date.now() - t0;
    await until('the stored timelines to catch up', () => withConnection(mongoUrl, async (c) => {
      const docs = await c.collection('subject_timelines').countDocuments();
      return docs === expected.size;
    }), 10_000, 200);
    await until('every timeline on query A', () => allTimelinesOn(queryA), 10_000);
    await until('every timeline on query B', () => allTimelinesOn(queryB), 5_000);
    timings.step5CatchUpMs = Date.now() - t0;
    expect(await versionOn(queryB, 'KC1')).toBe(11);
  }, 30_000);

  it('6. a rebuild asked for on query A runs in the projector while both query instances keep answering, unchanged', async () => {
    const url = `/v1/indicators?orgId=${org}&from=2024-01-01&to=2024-12-31&grouping=wres`;
    const [before] = await Promise.all([expectStatus(call(queryA, keys.dashboard, url), 200)]);
    const answers: Array<{ status: number; same: boolean; state: string }> = [];
    let state = 'requested';
    let polling = true;
    const poll = (async () => {
      while (polling) {
        for (const app of [queryA, queryB]) {
          const [indicators, timeline] = await Promise.all([call(app, keys.dashboard, url), call(app, keys.ingest, `/v1/subjects/${org}/KC2/timeline`)]);
          answers.push({ status: indicators.status, same: JSON.stringify(indicators.body) === JSON.stringify(before.body), state });
          answers.push({ status: timeline.status, same: (timeline.body as { version?: number }).version === expected.get('KC2'), state });
        }
      }
    })();
    const asked = await expectStatus(call(queryA, keys.admin, '/v1/admin/projections/rebuild', { method: 'POST' }), 202);
    const generation = (asked.body as { generation: number }).generation;
    expect(generation).toBeGreaterThan(1);
    const t0 = Date.now();
    await until('the rebuild to finish', async () => {
      const progress = await expectStatus(call(queryB, keys.admin, '/v1/admin/projections/rebuild'), 200);
      state = (progress.body as { state: string }).state;
      return state === 'done';
    }, 20_000, 50);
    timings.step6RebuildMs = Date.now() - t0;
    polling = false;
    await poll;
    timings.step6AnswersDuringRebuild = answers.length;
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 200 || !a.same)).toEqual([]);
    const done = await expectStatus(call(queryB, keys.admin, '/v1/admin/projections/rebuild'), 200);
    expect(done.body).toMatchObject({ generation, state: 'done', streams: expected.size, requestedBy: expect.any(String) });
    await until('every timeline on query A', () => allTimelinesOn(queryA), 5_000);
    await until('every timeline on query B', () => allTimelinesOn(queryB), 5_000);
    const collections = await withConnection(mongoUrl, async (c) => (await c.db!.listCollections().toArray()).map((x) => x.name));
    expect(collections.filter((n) => n.startsWith('subject_timelines'))).toEqual(['subject_timelines']);
  }, 40_000);

  it('7. each scheduled job ran on one instance at a time, as the lease log shows', async () => {
    const log = await withConnection(mongoUrl, (c) => c.collection<{ job: string; holder: string; fence: number }>('lease_log').find({}).sort({ job: 1, fence: 1 }).toArray());
    const holdersOf = (job: string): string[] => log.filter((g) => g.job === job).map((g) => g.holder);
    /** The holders in the order they held the lease, one entry per turn: a holder never gets it back after another took it. */
    const turns = (holders: string[]): string[] => holders.filter((h, i) => i === 0 || h !== holders[i - 1]);
    const freeze = holdersOf('checkpoint-freeze');
    expect(freeze.length).toBeGreaterThan(2);
    expect(new Set(freeze).size).toBe(1);
    // The projector before and after its kill -9: the lag check and the rebuilds passed from the first to the second, once.
    for (const job of ['projection-lag-check', 'projection-rebuild']) {
      const holders = turns(holdersOf(job));
      expect(holders).toHaveLength(new Set(holders).size);
      expect(holders.length).toBeLessThanOrEqual(2);
    }
  }, 10_000);
});
