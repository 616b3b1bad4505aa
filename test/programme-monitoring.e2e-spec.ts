import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, createKey, rawEvent, startTestApp, type RawEvent, type TestApp } from '@rung/testing';

/**
 * GET /v1/programmes/{orgId}/monitoring over real HTTP (§12): enrolments, completions and withdrawals
 * with mentors are posted through POST /v1/events, and the figures read back in both disclosure modes,
 * as JSON and CSV, with ETags, for the right keys only.
 */
const ORG = 'rx1-trust';
const URL = `/v1/programmes/${ORG}/monitoring?from=2024-01-01&to=2024-12-31`;

type Ethnicity = 'black-african' | 'white-british';

function personEvents(ref: string, ethnicity: Ethnicity, grade: string): RawEvent[] {
  return [
    rawEvent('EmployeeHired', { subjectRef: ref, occurredAt: '2015-04-01' }, { grade, gradeScheme: 'afc' }),
    rawEvent('DemographicsRecorded', { subjectRef: ref, occurredAt: '2015-04-01' }, { ethnicity }),
  ];
}

function enrolled(ref: string, at: string, data: { role?: 'participant' | 'mentor'; mentorRef?: string; protectedTime?: boolean }): RawEvent {
  return rawEvent('ProgrammeEnrolled', { subjectRef: ref, occurredAt: at }, {
    programmeId: 'mentor-24', programmeKind: 'mentoring', role: data.role ?? 'participant', protectedTime: data.protectedTime ?? false, mentorRef: data.mentorRef,
  });
}

/**
 * Two mentors (MB1 Black African, MW1 white British) and, on mentor-24 in 2024: twelve BME participants
 * (seven mentored by MB1, five by MW1; eight completed, two withdrew, two still enrolled; ten with
 * protected time) and twelve white ones (all mentored by MW1; six completed); ten staff who enrolled on nothing.
 */
function organisation(): RawEvent[] {
  const events: RawEvent[] = [];
  for (const [ref, ethnicity] of [['MB1', 'black-african'], ['MW1', 'white-british']] as const) {
    events.push(...personEvents(ref, ethnicity, '8a'), enrolled(ref, '2024-01-15', { role: 'mentor', mentorRef: undefined }));
  }
  for (let i = 0; i < 12; i++) {
    const ref = `PB${i}`;
    events.push(...personEvents(ref, 'black-african', '5'), enrolled(ref, '2024-02-01', { mentorRef: i < 7 ? 'MB1' : 'MW1', protectedTime: i < 10 }));
    if (i < 8) events.push(rawEvent('ProgrammeCompleted', { subjectRef: ref, occurredAt: '2024-10-01' }, { programmeId: 'mentor-24' }));
    else if (i < 10) events.push(rawEvent('ProgrammeWithdrawn', { subjectRef: ref, occurredAt: '2024-05-01' }, { programmeId: 'mentor-24', reason: 'workload' }));
  }
  for (let i = 0; i < 12; i++) {
    const ref = `PW${i}`;
    events.push(...personEvents(ref, 'white-british', '5'), enrolled(ref, '2024-03-01', { mentorRef: 'MW1', protectedTime: true }));
    if (i < 6) events.push(rawEvent('ProgrammeCompleted', { subjectRef: ref, occurredAt: '2024-11-01' }, { programmeId: 'mentor-24' }));
  }
  for (let i = 0; i < 5; i++) events.push(...personEvents(`SB${i}`, 'black-african', '5'), ...personEvents(`SW${i}`, 'white-british', '5'));
  return events;
}

interface Group {
  group: string;
  takeUp: { participants: number | null; inPost: number | null; share: number | null; suppressed: boolean };
  outcomes: { participants: number | null; completed: number | null; withdrawn: number | null; enrolled: number | null; completionRate: number | null; withdrawalRate: number | null; suppressed: boolean };
  protectedTime: { participants: number | null; withProtectedTime: number | null; share: number | null; suppressed: boolean };
  mentors: { assigned: number | null; minority: number | null; notMinority: number | null; unknown: number | null; minorityShare: number | null; unknownShare: number | null; suppressed: boolean };
}
interface Row {
  groups: Group[];
  mentorPool: { people: number | null; minority: number | null; suppressed: boolean };
}
interface Monitoring {
  orgId: string;
  from: string;
  to: string;
  k: number;
  disclosure: string;
  dataVersion: { subjects: number | null; events: number | null; fingerprint: string };
  kinds: Array<Row & { programmeKind: string; programmes: Array<Row & { programmeId: string }> }>;
}

const programme = (body: Monitoring) => body.kinds.find((k) => k.programmeKind === 'mentoring')!.programmes.find((p) => p.programmeId === 'mentor-24')!;
const group = (row: Row, name: string) => row.groups.find((g) => g.group === name)!;

describe('programme monitoring over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    await t.as('ingest').post('/v1/events').send({ events: organisation() }).expect(200);
  });
  afterAll(() => t.close());

  it('given enrolments with mentors, when an exact research key reads them, then the figures are exact, mentors are matched to their own timelines, and small counts are withheld', async () => {
    const res = await t.as('exact').get(URL).expect(200);
    const body = res.body as Monitoring;

    expect(res.headers['rung-disclosure']).toBe('exact');
    expect(body).toMatchObject({ orgId: ORG, from: '2024-01-01', to: '2024-12-31', k: 5, disclosure: 'exact', dataVersion: { subjects: 36 } });
    const bme = group(programme(body), 'bme');
    expect(bme.takeUp).toEqual({ participants: 12, inPost: 18, share: 12 / 18, suppressed: false });
    expect(bme.outcomes).toEqual({ participants: 12, completed: 8, withdrawn: null, enrolled: null, completionRate: 8 / 12, withdrawalRate: null, suppressed: true });
    expect(bme.protectedTime).toEqual({ participants: 12, withProtectedTime: 10, share: 10 / 12, suppressed: false });
    expect(bme.mentors).toEqual({ assigned: 12, minority: 7, notMinority: 5, unknown: 0, minorityShare: 7 / 12, unknownShare: 0, suppressed: false });
    const white = group(programme(body), 'white');
    expect(white.outcomes).toEqual({ participants: 12, completed: 6, withdrawn: 0, enrolled: 6, completionRate: 0.5, withdrawalRate: 0, suppressed: false });
    expect(white.mentors).toMatchObject({ assigned: 12, minority: 0, notMinority: 12, minorityShare: 0 });
    expect(programme(body).mentorPool).toMatchObject({ people: null, minority: null, suppressed: true });
  });

  it('given a dashboard key, then the answer is protected: every count a multiple of k, the small ones never shown as they are', async () => {
    const res = await t.as('dashboard').get(URL).expect(200);
    const body = res.body as Monitoring;

    expect(res.headers['rung-disclosure']).toBe('protected');
    expect(body).toMatchObject({ disclosure: 'protected', dataVersion: { subjects: null, events: null } });
    const bme = group(programme(body), 'bme');
    for (const n of [bme.takeUp.participants, bme.takeUp.inPost, bme.outcomes.completed, bme.outcomes.withdrawn, bme.outcomes.enrolled, bme.mentors.minority, bme.mentors.notMinority]) {
      expect(n === null ? null : n % 5).toBe(0);
    }
    expect([0, 5]).toContain(bme.outcomes.withdrawn);
    expect([0, 5]).toContain(programme(body).mentorPool.people);
  });

  it('serves CSV on Accept: text/csv and on ?format=csv, the same rows', async () => {
    const byAccept = await t.as('exact').get(URL).set('Accept', 'text/csv').expect(200);
    const byQuery = await t.as('exact').get(`${URL}&format=csv`).expect(200);

    expect(byAccept.headers['content-type']).toMatch(/^text\/csv/);
    expect(byQuery.text).toBe(byAccept.text);
    const lines = byAccept.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('org_id,from,to,grouping,programme_kind,programme_id,group,measure,count,denominator,value,suppressed');
    expect(lines).toContain(`${ORG},2024-01-01,2024-12-31,wres,mentoring,mentor-24,bme,completed,8,12,${8 / 12},1`);
    expect(lines).toContain(`${ORG},2024-01-01,2024-12-31,wres,mentoring,mentor-24,bme,withdrawn,,12,,1`);
    expect(lines).toContain(`${ORG},2024-01-01,2024-12-31,wres,mentoring,mentor-24,bme,mentor_minority,7,12,${7 / 12},0`);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag once the organisation changes', async () => {
    const first = await t.as('dashboard').get(URL).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    await t.as('dashboard').get(URL).set('If-None-Match', etag).expect(304);
    await t.as('ingest').post('/v1/events').send({ events: [...personEvents('PB99', 'black-african', '5'), enrolled('PB99', '2024-06-01', { mentorRef: 'MB1' })] }).expect(200);

    const after = await t.as('dashboard').get(URL).set('If-None-Match', etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('refuses a dashboard key of another organisation with 403, and an ingest key', async () => {
    const other = await createKey(t.url, { role: 'dashboard', orgIds: ['leeds-council'] });
    const res = await request(t.app.getHttpServer() as App).get(URL).set(bearer(other.secret)).expect(403);
    expect(res.body).toMatchObject({ status: 403 });
    await t.as('ingest').get(URL).expect(403);
    await t.as('research').get(URL).expect(200);
  });

  it('answers 422 naming each bad parameter: an unknown grouping or programme kind, a bad level or date', async () => {
    const res = await t.as('dashboard').get(`/v1/programmes/${ORG}/monitoring?from=2024-01-01&to=2024-13-01&grouping=race&programmeKind=yoga&levels=9`).expect(422);
    expect(res.body).toMatchObject({ status: 422 });
    expect((res.body.errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual(['grouping', 'levels', 'programmeKind', 'to']);
    await t.as('dashboard').get(`/v1/programmes/${ORG}/monitoring?to=2024-12-31`).expect(422);
  });
});
