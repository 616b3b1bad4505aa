import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pseudonymiseSubject } from '@rung/domain';
import { careerOf, describeOnMongo, withConnection, rawEvent, startTestApp, TEST_SECRET, uniqueDbName, type RawEvent, type TestApp } from '@rung/testing';

const ORG = 'rx1-trust';
const TARGET = 'E-ERASE-ME';
/** What only the erased subject's events say: none of it may be found anywhere afterwards. */
const PLAINTEXT = ['perfusion', 'quasar-mentors', 'white-gypsy-irish-traveller', '2020-03-02', '2021-02-03', '2022-07-19', '2023-01-17'];

function targetEvents(): RawEvent[] {
  const at = (occurredAt: string) => ({ subjectRef: TARGET, orgId: ORG, occurredAt });
  return [
    rawEvent('EmployeeHired', at('2020-03-02'), { grade: '4', jobFamily: 'perfusion' }),
    rawEvent('DemographicsRecorded', at('2020-03-02'), { ethnicity: 'white-gypsy-irish-traveller', migrantGeneration: 'second' }),
    rawEvent('ProgrammeEnrolled', at('2021-02-03'), { programmeId: 'quasar-mentors', programmeKind: 'mentoring' }),
    rawEvent('AssessmentRecorded', at('2021-02-03'), { instrument: 'confidence-self', phase: 'baseline', score: 2 }),
    rawEvent('PromotionGranted', at('2022-07-19'), { fromGrade: '4', toGrade: '5' }),
    rawEvent('EmployeeLeft', at('2023-01-17')),
  ];
}

/** 30 colleagues: hired in 2020, half of them mentored in 2021, some promoted, some leaving. */
function baseEvents(): RawEvent[] {
  return Array.from({ length: 30 }, (_, i) => {
    const ref = `E-BASE-${i}`;
    const at = (occurredAt: string) => ({ subjectRef: ref, orgId: ORG, occurredAt });
    const month = String(1 + (i % 12)).padStart(2, '0');
    return [
      ...careerOf(ref, ORG, 2).map((e) => ({ ...e, occurredAt: `2020-${month}-01` })),
      ...(i % 2 ? [rawEvent('ProgrammeEnrolled', at(`2021-${month}-10`))] : []),
      ...(i % 3 === 0 ? [rawEvent('PromotionGranted', at(`2022-${month}-12`), { fromGrade: '3', toGrade: '4' })] : []),
      ...(i % 5 === 0 ? [rawEvent('EmployeeLeft', at(`2023-${month}-14`))] : []),
    ];
  }).flat();
}

const COHORTS = {
  mentored: { name: 'Mentored 2021', orgIds: [ORG], entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', between: ['2021-01-01', '2021-12-31'] } },
  hired: { name: 'Hired 2020', orgIds: [ORG], entry: { on: 'EmployeeHired', between: ['2020-01-01', '2020-12-31'] } },
};
const AS_OF = '2024-06-30';
const PERIOD = `orgId=${ORG}&from=2020-01-01&to=2023-12-31&grouping=wres`;

type Json = Record<string, unknown>;

/** Every aggregate that could count the subject, read with an exact key, without ids and data versions. */
async function aggregates(t: TestApp): Promise<Json> {
  const define = async (body: object) => (await t.as('exact').post('/v1/cohorts').send(body).expect(201)).body.id as string;
  const [mentored, hired] = [await define(COHORTS.mentored), await define(COHORTS.hired)];
  const study = (await t.as('exact').post('/v1/studies').send({
    name: 'Mentoring', arms: [{ name: 'mentored', cohortId: mentored }, { name: 'hired', cohortId: hired }],
    outcomes: ['promotion', 'exit'], horizonMonths: 36, interval: 'quarter', checkpointsMonths: [],
  }).expect(201)).body.id as string;
  const get = async (role: 'exact' | 'dashboard', path: string): Promise<Json> => strip((await t.as(role).get(path).expect(200)).body as Json);
  const csv = (await t.as('exact').get(`/v1/studies/${study}/report?asOf=${AS_OF}&format=csv`).expect(200)).text;
  return {
    mentoredSize: (await get('exact', `/v1/cohorts/${mentored}?asOf=${AS_OF}`)).size,
    trajectory: await get('exact', `/v1/cohorts/${hired}/trajectory?outcome=exit&interval=quarter&horizonMonths=36&asOf=${AS_OF}`),
    report: await get('exact', `/v1/studies/${study}/report?asOf=${AS_OF}`),
    reportCsv: csv.split('\r\n').map((line) => line.split(',').slice(3).join(',')),
    indicators: await get('exact', `/v1/indicators?${PERIOD}`),
    trend: await get('dashboard', `/v1/trends/leaving-rate?${PERIOD}&interval=year`),
  };
}

function strip(body: Json): Json {
  const { dataVersion: _v, cohortId: _c, studyId: _s, id: _i, definedAt: _d, ...rest } = body;
  return JSON.parse(JSON.stringify(rest, (key, value: unknown) => (key === 'cohortId' ? undefined : value))) as Json;
}

/** A protected six-month checkpoint of the mentoring study, frozen by its first read. */
async function frozenCheckpoint(t: TestApp): Promise<{ path: string; body: Json }> {
  const define = async (body: object) => (await t.as('research').post('/v1/cohorts').send(body).expect(201)).body.id as string;
  const study = (await t.as('research').post('/v1/studies').send({
    name: 'Checkpointed', arms: [{ name: 'mentored', cohortId: await define(COHORTS.mentored) }, { name: 'hired', cohortId: await define(COHORTS.hired) }],
    outcomes: ['exit'], horizonMonths: 12, interval: 'quarter', checkpointsMonths: [6],
  }).expect(201)).body.id as string;
  const path = `/v1/studies/${study}/checkpoints/6`;
  return { path, body: (await t.as('research').get(path).expect(200)).body as Json };
}

async function erase(t: TestApp): Promise<string> {
  const requested = await t.as('admin').post('/v1/admin/erasures').send({ orgId: ORG, subjectRef: TARGET }).expect(202);
  expect(requested.body).toMatchObject({ id: expect.any(String), orgId: ORG, status: expect.stringMatching(/pending|finished/) });
  expect(JSON.stringify(requested.body)).not.toContain(TARGET);
  for (let attempt = 0; attempt < 500; attempt++) {
    const status = await t.as('admin').get(`/v1/admin/erasures/${requested.body.id as string}`).expect(200);
    if (status.body.status === 'finished') return requested.body.id as string;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('the erasure did not finish');
}

const post = (t: TestApp, events: RawEvent[]) => t.as('ingest').post('/v1/events').send({ events });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The scenario on one store; `plaintextIn` reads everything the store holds, as one string per place. */
function describeErasure(store: string, env: () => Record<string, string>, plaintextIn: (t: TestApp) => Promise<string[]>, keyHeldFor: (t: TestApp, streamId: string) => Promise<boolean>): void {
  describe(`erasure by crypto-shredding on the ${store} store`, () => {
    let withTarget: TestApp;
    let without: TestApp;
    const streamId = pseudonymiseSubject(Buffer.from(TEST_SECRET, 'hex'), ORG, TARGET);

    beforeAll(async () => {
      [withTarget, without] = [await startTestApp(env()), await startTestApp(env())];
      await post(withTarget, [...baseEvents(), ...targetEvents()]).expect(200);
      await post(without, baseEvents()).expect(200);
    });
    afterAll(async () => {
      await withTarget.close();
      await without.close();
    });

    it('forgets the subject everywhere: timeline, aggregates, key, plaintext; after a restart too; and refuses their events again', async () => {
      const timeline = await withTarget.as('ingest').get(`/v1/subjects/${ORG}/${TARGET}/timeline`).expect(200);
      expect(JSON.stringify(timeline.body)).toContain('quasar-mentors');
      const before = await aggregates(withTarget);
      const reference = await aggregates(without);
      expect(before.mentoredSize).toBe((reference.mentoredSize as number) + 1);
      expect(before).not.toEqual(reference);
      expect(await keyHeldFor(withTarget, streamId)).toBe(true);
      // At rest, events are ciphertext: only the timeline read model (MongoDB's, kept in memory on the embedded store) shows them.
      const atRest = await plaintextIn(withTarget);
      for (const text of PLAINTEXT) expect(atRest.filter((p) => p.includes(text) && !p.startsWith('subject_timelines:'))).toEqual([]);

      const checkpoint = await frozenCheckpoint(withTarget);
      expect(checkpoint.body.erasedSinceFrozen).toBe(false);

      await erase(withTarget);

      const after = await withTarget.as('research').get(checkpoint.path).expect(200);
      expect(after.body).toEqual({ ...checkpoint.body, erasedSinceFrozen: true });
      await withTarget.as('ingest').get(`/v1/subjects/${ORG}/${TARGET}/timeline`).expect(404);
      expect(await aggregates(withTarget)).toEqual(reference);
      expect(await keyHeldFor(withTarget, streamId)).toBe(false);
      const places = await plaintextIn(withTarget);
      for (const text of PLAINTEXT) expect(places.filter((p) => p.includes(text))).toEqual([]);

      withTarget = await withTarget.restart();
      await withTarget.as('ingest').get(`/v1/subjects/${ORG}/${TARGET}/timeline`).expect(404);
      expect(await aggregates(withTarget)).toEqual(reference);

      const resent = await post(withTarget, targetEvents()).expect(422);
      expect(resent.body.rejected).toBe(targetEvents().length);
      for (const result of resent.body.results as Array<{ errors: Array<{ message: string }> }>) expect(result.errors[0].message).toMatch(/^subject erased/);
      await withTarget.as('ingest').get(`/v1/subjects/${ORG}/${TARGET}/timeline`).expect(404);
    });
  });
}

describeErasure(
  'embedded',
  () => ({}),
  async (t) => filesUnder(t.dataDir).map((file) => `${file}: ${readFileSync(file).toString('latin1')}`),
  async (t, streamId) => readFileSync(join(t.dataDir, 'keys', 'subject-keys.jsonl'), 'utf8').includes(streamId),
);

describeOnMongo('erasure', (endpoint) => {
  const urlOf = (t: TestApp): string => t.config.mongoUrl!;
  describeErasure(
    'MongoDB',
    () => {
      return { STORE: 'mongo', MONGO_URL: endpoint().uriFor(uniqueDbName('erasure')) };
    },
    (t) => withConnection(urlOf(t), async (c) => {
      const names = (await c.db!.listCollections().toArray()).map((col) => col.name);
      return Promise.all(names.map(async (name) => `${name}: ${JSON.stringify(await c.db!.collection(name).find({}).toArray())}`));
    }),
    (t, streamId) => withConnection(urlOf(t), async (c) => (await c.db!.collection('subject_keys').countDocuments({ _id: streamId as never })) === 1),
  );
});
