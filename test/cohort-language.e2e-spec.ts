import { createKey, rawEvent, startTestApp, type RawEvent, type TestApp } from './support';

const T0 = '2023-01-01';
const AS_OF = '2025-01-01';

/** Staff in post at T0; `group` decides who enrols in mentoring, and when, and who is promoted. */
function staff(group: 'mentored-before' | 'mentored-after' | 'never', i: number): RawEvent[] {
  const base = { subjectRef: `${group}-${i}`, orgId: 'rx1-trust' };
  const ethnicity = i % 2 === 0 ? 'black-african' : 'white-british';
  const events = [
    rawEvent('EmployeeHired', { ...base, occurredAt: '2020-02-03' }, { grade: '5' }),
    rawEvent('DemographicsRecorded', { ...base, occurredAt: '2020-02-03' }, { ethnicity }),
  ];
  const enrol = (on: string) => rawEvent('ProgrammeEnrolled', { ...base, occurredAt: on }, { programmeKind: 'mentoring', role: 'participant' });
  if (group === 'mentored-before') events.push(enrol('2022-05-02'));
  if (group === 'mentored-after') events.push(enrol('2023-06-01'));
  // Every mentored-after member is promoted after enrolling; half of the others are promoted before that date.
  const promotedOn = group === 'mentored-after' ? '2023-09-01' : i % 2 === 0 ? '2023-03-01' : null;
  if (promotedOn) events.push(rawEvent('PromotionGranted', { ...base, occurredAt: promotedOn }, { fromGrade: '5', toGrade: '6' }));
  return events;
}

interface Trajectory { n: number; curve: Array<{ time: number; events: number | null }> }

describe('the cohort language: ethnicity codes, excluding participants, censoring at enrolment, archiving', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No scheduled freezing: the test decides which checkpoints are frozen before the study is archived.
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    const events = (['mentored-before', 'mentored-after', 'never'] as const).flatMap((g) => Array.from({ length: 20 }, (_, i) => staff(g, i)).flat());
    await t.as('ingest').post('/v1/events').send({ events }).expect(200);
  });
  afterAll(() => t.close());

  const define = async (body: object): Promise<string> => (await t.as('exact').post('/v1/cohorts').send(body).expect(201)).body.id;
  const comparison = (extra: object = {}) => ({ name: 'In post', orgIds: ['rx1-trust'], entry: { on: 'employed', at: T0 }, ...extra });
  const promotion = async (id: string): Promise<{ n: number; events: number }> => {
    const res = await t.as('exact').get(`/v1/cohorts/${id}/trajectory?outcome=promotion&estimator=kaplan-meier&interval=quarter&horizonMonths=24&asOf=${AS_OF}`).expect(200);
    const body = res.body as Trajectory;
    return { n: body.n, events: body.curve.reduce((sum, row) => sum + (row.events ?? 0), 0) };
  };

  it('filters on ONS ethnicity codes', async () => {
    const id = await define(comparison({ where: { ethnicity: ['black-african'] } }));
    const cohort = await t.as('exact').get(`/v1/cohorts/${id}?asOf=${AS_OF}`).expect(200);
    expect(cohort.body.size).toBe(30);
    await t.as('exact').post('/v1/cohorts').send(comparison({ where: { ethnicity: ['bme'] } })).expect(422);
  });

  it('leaves out those who enrolled before time zero, and with censorAtEnrolment stops following the others when they enrol', async () => {
    const everyone = await promotion(await define(comparison()));
    const excluded = await promotion(await define(comparison({ exclude: { programmeKind: 'mentoring', role: 'participant' } })));
    const censored = await promotion(await define(comparison({ exclude: { programmeKind: 'mentoring', role: 'participant', censorAtEnrolment: true } })));

    expect(everyone).toEqual({ n: 60, events: 40 });
    expect(excluded).toEqual({ n: 40, events: 30 });
    // The mentored-after members' promotions come after they enrol, so they no longer count for the comparison.
    expect(censored).toEqual({ n: 40, events: 10 });
  });

  it('archives a cohort only once no study uses it, archives studies keeping their frozen checkpoints, and answers 410 for the rest of what was archived', async () => {
    const a = await define(comparison({ name: 'a' }));
    const b = await define(comparison({ name: 'b', exclude: { programmeKind: 'mentoring' } }));
    const study = { name: 's', arms: [{ name: 'a', cohortId: a }, { name: 'b', cohortId: b }], outcomes: ['exit'], horizonMonths: 12, interval: 'month', checkpointsMonths: [6, 12] };
    const studyId = (await t.as('exact').post('/v1/studies').send(study).expect(201)).body.id as string;

    const refused = await t.as('exact').delete(`/v1/cohorts/${a}`).expect(409);
    expect(refused.body).toMatchObject({ status: 409, code: 'in-use' });
    expect(refused.body.detail).toContain(studyId);
    const elsewhere = await createKey(t.url, { role: 'research', orgIds: ['other-trust'] });
    await t.as('exact').delete(`/v1/studies/${studyId}`).set('Authorization', `Bearer ${elsewhere.secret}`).expect(404);
    await t.as('dashboard').delete(`/v1/studies/${studyId}`).expect(403);

    const frozen = await t.as('exact').get(`/v1/studies/${studyId}/checkpoints/6`).expect(200);
    await t.as('exact').delete(`/v1/studies/${studyId}`).expect(204);
    await t.as('exact').delete(`/v1/studies/${studyId}`).expect(204);
    expect((await t.as('exact').get(`/v1/studies/${studyId}/checkpoints/6`).expect(200)).body).toEqual(frozen.body);
    await t.as('exact').get(`/v1/studies/${studyId}/checkpoints/12`).expect(410);
    expect((await t.as('exact').get(`/v1/studies/${studyId}`).expect(410)).body).toMatchObject({ status: 410, title: 'Gone', code: 'gone' });
    await t.as('exact').get(`/v1/studies/${studyId}/report`).expect(410);
    expect((await t.as('exact').get('/v1/studies').expect(200)).body.studies.map((s: { id: string }) => s.id)).not.toContain(studyId);

    await t.as('exact').delete(`/v1/cohorts/${a}`).expect(204);
    await t.as('exact').get(`/v1/cohorts/${a}`).expect(410);
    await t.as('exact').get(`/v1/cohorts/${a}/trajectory?outcome=exit`).expect(410);
    expect((await t.as('exact').get('/v1/cohorts').expect(200)).body.cohorts.map((c: { id: string }) => c.id)).not.toContain(a);
    const reuse = await t.as('exact').post('/v1/studies').send(study).expect(422);
    expect(reuse.body.errors).toEqual([{ path: 'arms[0].cohortId', message: 'is an archived cohort' }]);
    await t.as('exact').get(`/v1/cohorts/${b}`).expect(200);
  });
});
