import { RetentionJob, SubjectTimelineProjector, type RetentionPlan } from '@rung/projections';
import { careerOf, describeOnMongo, rawEvent, runCliCaptured, startTestApp, TEST_ADMIN_KEY, uniqueDbName, type RawEvent, type TestApp } from '@rung/testing';

const TODAY = '2024-06-30';
const NOW = new Date(`${TODAY}T03:00:00Z`);
const RETENTION = { RETENTION_YEARS_AFTER_EXIT: '7', ANALYTICS_MATERIALISE_SECONDS: '0' };

/** Hired in 2005; left on `leftAt`, or still in post when it is null. */
function career(orgId: string, subjectRef: string, leftAt: string | null): RawEvent[] {
  const hired = careerOf(subjectRef, orgId, 2).map((e) => ({ ...e, occurredAt: '2005-01-10' }));
  return leftAt ? [...hired, rawEvent('EmployeeLeft', { orgId, subjectRef, occurredAt: leftAt })] : hired;
}

/** Seven years before 2024-06-30 is 2017-06-30: leavers before that go; that day and later, and those in post, stay. */
const PEOPLE: Array<[orgId: string, subjectRef: string, leftAt: string | null]> = [
  ['rx1-trust', 'E-GONE-1', '2010-03-31'],
  ['rx1-trust', 'E-GONE-2', '2015-08-14'],
  ['rx1-trust', 'E-GONE-3', '2017-06-29'],
  ['rx1-trust', 'E-ANNIVERSARY', '2017-06-30'],
  ['rx1-trust', 'E-RECENT', '2023-11-01'],
  ['rx1-trust', 'E-IN-POST', null],
  ['leeds-council', 'L-GONE-1', '2012-01-31'],
  ['leeds-council', 'L-RECENT', '2022-04-30'],
  ['leeds-council', 'L-IN-POST', null],
];
const GONE = PEOPLE.filter(([, ref]) => ref.includes('GONE'));
const KEPT = PEOPLE.filter(([, ref]) => !ref.includes('GONE'));
const EXPECTED = { asOf: TODAY, years: 7, byOrg: [{ orgId: 'leeds-council', subjects: 1 }, { orgId: 'rx1-trust', subjects: 3 }], total: 4 };

/** Posts the careers and brings the stored timelines up to date, rather than waiting for the projector. */
async function seed(t: TestApp): Promise<void> {
  await t.as('ingest').post('/v1/events').send({ events: PEOPLE.flatMap(([org, ref, leftAt]) => career(org, ref, leftAt)) }).expect(200);
  await t.app.get(SubjectTimelineProjector).catchUp();
}

async function dryRun(t: TestApp): Promise<RetentionPlan> {
  return (await t.as('admin').get(`/v1/admin/retention?asOf=${TODAY}`).expect(200)).body as RetentionPlan;
}

async function timelineStatuses(t: TestApp, people: typeof PEOPLE): Promise<number[]> {
  return Promise.all(people.map(async ([org, ref]) => (await t.as('ingest').get(`/v1/subjects/${org}/${ref}/timeline`)).status));
}

async function retentionAudit(t: TestApp): Promise<Array<{ query: Record<string, string> }>> {
  return (await t.as('admin').get('/v1/admin/audit?action=retention.run').expect(200)).body.entries;
}

const cli = runCliCaptured;

describe('retention: leavers are erased RETENTION_YEARS_AFTER_EXIT years after their last exit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(RETENTION);
    await seed(t);
  });
  afterAll(() => t.close());

  it('given leavers long ago, recent leavers and staff in post, when an admin asks for the dry run, then it counts only the long-gone, per organisation', async () => {
    expect(await dryRun(t)).toEqual(EXPECTED);
    expect(await timelineStatuses(t, PEOPLE)).toEqual(PEOPLE.map(() => 200));
    const today = (await t.as('admin').get('/v1/admin/retention').expect(200)).body as RetentionPlan;
    expect(today).toMatchObject({ asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), years: 7 });
    await t.as('admin').get('/v1/admin/retention?asOf=2024-02-30').expect(422);
  });

  it('prints the dry run from the CLI, and explains that the run itself is a scheduled job', async () => {
    const printed = await cli(['retention', '--dry-run', '--as-of', TODAY, '--url', t.url, '--api-key', TEST_ADMIN_KEY]);
    expect(printed).toMatchObject({ code: 0, stdout: '4 leaver(s) more than 7 year(s) after their last exit would be erased as of 2024-06-30\n  leeds-council: 1\n  rx1-trust: 3\n' });
    const refused = await cli(['retention', '--url', t.url, '--api-key', TEST_ADMIN_KEY]);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('runs as a scheduled job') });
  });

  it('given the dry run, when the job runs, then it erases exactly those subjects and audits the counts', async () => {
    expect(await t.app.get(RetentionJob).tick(NOW)).toEqual(EXPECTED);

    expect(await timelineStatuses(t, GONE)).toEqual(GONE.map(() => 404));
    expect(await timelineStatuses(t, KEPT)).toEqual(KEPT.map(() => 200));
    expect(await dryRun(t)).toEqual({ ...EXPECTED, byOrg: [], total: 0 });
    const entries = await retentionAudit(t);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'retention.run', keyId: null, orgIds: ['leeds-council', 'rx1-trust'] });
    expect(entries[0].query).toEqual({ years: '7', asOf: TODAY, erased: '4', byOrg: 'leeds-council:1,rx1-trust:3' });
    expect(JSON.stringify(entries)).not.toMatch(/E-GONE|L-GONE/);
  });
});

describe('retention switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    await seed(t);
  });
  afterAll(() => t.close());

  it('given RETENTION_YEARS_AFTER_EXIT unset, then the dry run counts nobody and the job erases nobody', async () => {
    expect(await dryRun(t)).toEqual({ asOf: TODAY, years: null, byOrg: [], total: 0 });
    expect(await t.app.get(RetentionJob).tick(NOW)).toBeNull();
    expect(await timelineStatuses(t, PEOPLE)).toEqual(PEOPLE.map(() => 200));
    expect(await retentionAudit(t)).toEqual([]);
  });
});

describeOnMongo('retention across instances', (endpoint) => {
  let instances: TestApp[];
  beforeAll(async () => {
    const env = { ...RETENTION, STORE: 'mongo', MONGO_URL: endpoint().uriFor(uniqueDbName('retention')) };
    instances = [await startTestApp(env), await startTestApp(env)];
    await seed(instances[0]);
  });
  afterAll(async () => {
    for (const t of instances) await t.close();
  });

  it('given two instances on one MongoDB, when both run the job at the same moment, then exactly one erases, what the dry run counted', async () => {
    const planned = await dryRun(instances[1]);
    expect(planned).toEqual(EXPECTED);

    const runs = await Promise.all(instances.map((t) => t.app.get(RetentionJob).tick(NOW)));

    expect(runs.filter((r) => r !== null)).toEqual([planned]);
    const [eraser, other] = runs[0] ? instances : [...instances].reverse();
    expect(await timelineStatuses(eraser, GONE)).toEqual(GONE.map(() => 404));
    expect(await timelineStatuses(eraser, KEPT)).toEqual(KEPT.map(() => 200));
    expect(await dryRun(other)).toEqual({ ...EXPECTED, byOrg: [], total: 0 });
    expect((await retentionAudit(other)).map((e) => e.query)).toEqual([{ years: '7', asOf: TODAY, erased: '4', byOrg: 'leeds-council:1,rx1-trust:3' }]);
  });
});
