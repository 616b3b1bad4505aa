import request from 'supertest';
import type { App } from 'supertest/types';
import { careerOf, rawEvent, startTestApp, type RawEvent, type TestApp } from '@rung/testing';

describe('POST /v1/events and the subject timeline, over HTTP', () => {
  let t: TestApp;
  let http: App;

  beforeEach(async () => {
    t = await startTestApp();
    http = t.app.getHttpServer() as App;
  });
  afterEach(async () => {
    await t.close();
  });

  const post = (body: unknown) => t.as('ingest').post('/v1/events').send(body as object);

  function batchOf(subjects: number, perSubject: number): RawEvent[] {
    return Array.from({ length: subjects }, (_, i) => careerOf(`E${100000 + i}`, 'rx1-trust', perSubject)).flat();
  }

  it('stores a batch of 1,000 with 200, then reports all 1,000 as duplicates and leaves the timelines unchanged', async () => {
    const batch = batchOf(200, 5);
    const first = await post({ events: batch }).expect(200);
    expect(first.body).toMatchObject({ accepted: 1000, duplicates: 0, rejected: 0 });
    expect(first.body.results).toHaveLength(1000);
    expect(first.body.results[0]).toEqual({ eventId: batch[0].eventId, status: 'stored' });
    const before = await t.as('ingest').get('/v1/subjects/rx1-trust/E100007/timeline').expect(200);

    const again = await post({ events: batch }).expect(200);

    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1000, rejected: 0 });
    expect(again.body.results.every((r: { status: string }) => r.status === 'duplicate')).toBe(true);
    const after = await t.as('ingest').get('/v1/subjects/rx1-trust/E100007/timeline').expect(200);
    expect(after.body).toEqual(before.body);
    expect(after.body.version).toBe(5);
  });

  it('stores the 990 good events of a batch with 10 bad ones, answers 422, and names the field and reason of each bad one', async () => {
    const batch = batchOf(200, 5);
    const badAt = [3, 50, 99, 250, 400, 512, 640, 777, 901, 999];
    badAt.forEach((i, n) => {
      batch[i] = n % 2 ? { ...batch[i], occurredAt: 'yesterday' } : { ...batch[i], type: 'Promoted' };
    });

    const res = await post({ events: batch }).expect(422);

    expect(res.body).toMatchObject({ accepted: 990, duplicates: 0, rejected: 10 });
    badAt.forEach((i, n) => {
      const result = res.body.results[i];
      expect(result).toMatchObject({ eventId: batch[i].eventId, status: 'rejected' });
      expect(result.errors[0].path).toBe(n % 2 ? 'occurredAt' : 'type');
      expect(result.errors[0].message).toMatch(n % 2 ? /ISO 8601/ : /must be one of/);
    });
    const again = await post({ events: batch.filter((_, i) => !badAt.includes(i)) }).expect(200);
    expect(again.body.duplicates).toBe(990);
  });

  it('rejects an event that carries a name or an e-mail address, with that reason, and stores nothing of it', async () => {
    const named = rawEvent('EmployeeLeft', { subjectRef: 'E900001' }, { name: 'Jo Bloggs' } as object);
    const mailed = rawEvent('EmployeeLeft', { subjectRef: 'jo.bloggs@trust.nhs.uk' });
    const res = await post({ events: [named, mailed] }).expect(422);
    expect(res.body.results[0].errors).toEqual([{ path: 'data.name', message: "'name' is a direct identifier and is not accepted" }]);
    expect(res.body.results[1].errors[0]).toEqual({ path: 'subjectRef', message: 'looks like an e-mail address; direct identifiers are not accepted' });
    await t.as('ingest').get('/v1/subjects/rx1-trust/E900001/timeline').expect(404);
  });

  it('accepts a single event as well as a batch', async () => {
    const res = await post(rawEvent('EmployeeHired', { subjectRef: 'E1' })).expect(200);
    expect(res.body).toMatchObject({ accepted: 1, results: [{ status: 'stored' }] });
  });

  it('rejects the same eventId with a different body as a conflict', async () => {
    const e = rawEvent('EmployeeHired', { subjectRef: 'E1' });
    await post(e).expect(200);
    const res = await post({ ...e, occurredAt: '2020-01-01' }).expect(422);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'eventId' }] });
  });

  it.each([
    ['a JSON array', []],
    ['a string', 'hello'],
    ['an object that is neither', { hello: 'world' }],
    ['a batch that is not an array', { events: 'x' }],
    ['an empty batch', { events: [] }],
    ['a batch with extra fields', { events: [], meta: 1 }],
  ])('answers 400 with a problem document for %s', async (_name, body) => {
    const res = await t.as('ingest').post('/v1/events').set('content-type', 'application/json').send(JSON.stringify(body)).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(typeof res.body.detail).toBe('string');
  });

  it('answers 400 for malformed JSON without echoing it', async () => {
    const res = await t.as('ingest').post('/v1/events').set('content-type', 'application/json').send('{"name": "Jo Bloggs", ').expect(400);
    expect(res.body).toEqual({ status: 400, title: 'Bad Request', detail: 'The request body is not valid JSON.', code: 'bad-request' });
  });

  it('answers 413 for a batch over 1,000 events and for a body over the size limit', async () => {
    const tooMany = await post({ events: batchOf(201, 5) }).expect(413);
    expect(tooMany.body.detail).toMatch(/at most 1000 events/);
    const huge = '{"events":[' + '"x",'.repeat(3_000_000) + '"x"]}';
    const tooBig = await t.as('ingest').post('/v1/events').set('content-type', 'application/json').send(huge).expect(413);
    expect(tooBig.body).toMatchObject({ status: 413, code: 'payload-too-large' });
  });

  it('serves a timeline that reflects late events and retractions, looked up by the pseudonymised subjectRef', async () => {
    const hire = rawEvent('EmployeeHired', { subjectRef: 'E42', occurredAt: '2020-01-06' });
    const later = rawEvent('PromotionGranted', { subjectRef: 'E42', occurredAt: '2023-01-01' }, { fromGrade: '6', toGrade: '7' });
    const wrong = rawEvent('TrainingAccessed', { subjectRef: 'E42', occurredAt: '2022-01-01' });
    await post({ events: [hire, later, wrong] }).expect(200);
    const early = rawEvent('PromotionGranted', { subjectRef: 'E42', occurredAt: '2021-06-01' });
    const retraction = rawEvent('EventRetracted', { subjectRef: 'E42', occurredAt: '2022-02-01' }, { retractedEventId: wrong.eventId });
    await post({ events: [early, retraction] }).expect(200);

    const res = await t.as('ingest').get('/v1/subjects/rx1-trust/E42/timeline').expect(200);

    expect(res.body.promotions.map((p: { at: string }) => p.at)).toEqual(['2021-06-01', '2023-01-01']);
    expect(res.body.training).toEqual([]);
    expect(res.body.retractedEventIds).toEqual([wrong.eventId]);
    expect(res.body.subjectId).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(res.body)).not.toContain('E42');
    await t.as('ingest').get('/v1/subjects/other-trust/E42/timeline').expect(404);
  });

  it('given a ProgrammeEnrolled v2 naming a mentor and a coach, when the timeline is read, then it holds their subject pseudonyms and never the references sent', async () => {
    const mentor = rawEvent('EmployeeHired', { subjectRef: 'MENTOR77', occurredAt: '2019-01-01' }, { grade: '7' });
    const coach = rawEvent('EmployeeHired', { subjectRef: 'COACH88', occurredAt: '2019-01-01' }, { grade: '8a' });
    const enrolled = rawEvent('ProgrammeEnrolled', { subjectRef: 'MENTEE55', occurredAt: '2024-02-01', schemaVersion: 2 }, {
      programmeId: 'mentor-24', programmeKind: 'mentoring', role: 'participant', mentorRef: 'MENTOR77', coachRef: 'COACH88',
    });
    const v1 = rawEvent('ProgrammeEnrolled', { subjectRef: 'MENTEE56', occurredAt: '2024-02-01', schemaVersion: 1 }, { programmeId: 'mentor-24', mentorRef: undefined });
    delete v1.data.mentorRef;
    await post({ events: [mentor, coach, enrolled, v1] }).expect(200);

    const mentee = await t.as('ingest').get('/v1/subjects/rx1-trust/MENTEE55/timeline').expect(200);
    const mentorsOwn = await t.as('ingest').get('/v1/subjects/rx1-trust/MENTOR77/timeline').expect(200);
    const coachsOwn = await t.as('ingest').get('/v1/subjects/rx1-trust/COACH88/timeline').expect(200);
    const older = await t.as('ingest').get('/v1/subjects/rx1-trust/MENTEE56/timeline').expect(200);

    expect(mentee.body.programmes).toEqual([expect.objectContaining({
      programmeId: 'mentor-24', role: 'participant', mentorRef: mentorsOwn.body.subjectId, coachRef: coachsOwn.body.subjectId,
    })]);
    expect(mentorsOwn.body.subjectId).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(mentee.body)).not.toMatch(/MENTOR77|COACH88|MENTEE55/);
    expect(older.body.programmes).toHaveLength(1);
    expect(Object.keys(older.body.programmes[0])).not.toEqual(expect.arrayContaining(['mentorRef']));
  });

  it('given a ProgrammeEnrolled v1 that carries a mentorRef, then it is rejected naming the field and the version it needs, and nothing is stored', async () => {
    const v1 = rawEvent('ProgrammeEnrolled', { subjectRef: 'MENTEE57', schemaVersion: 1 }, { mentorRef: 'MENTOR77' });

    const res = await post({ events: [v1] }).expect(422);

    expect(res.body.results[0].errors).toEqual([{ path: 'data.mentorRef', message: 'is not a field of ProgrammeEnrolled schema version 1; send schemaVersion 2' }]);
    await t.as('ingest').get('/v1/subjects/rx1-trust/MENTEE57/timeline').expect(404);
  });

  it('never logs a subject reference or a payload', async () => {
    t.logs.length = 0;
    const quiet = await startTestApp({ LOG_LEVEL: 'debug' });
    try {
      await quiet.as('ingest').post('/v1/events').send({ events: [rawEvent('EmployeeHired', { subjectRef: 'SECRETREF9' }, { grade: '9' })] });
      await quiet.as('ingest').get('/v1/subjects/rx1-trust/SECRETREF9/timeline').expect(200);
      await quiet.as('ingest').post('/v1/events').set('content-type', 'application/json').send('{"subjectRef":"SECRETREF9",').expect(400);
      const logged = quiet.logs.join('\n');
      expect(quiet.logs.some((l) => JSON.parse(l).route === '/v1/subjects/:orgId/:subjectRef/timeline')).toBe(true);
      expect(logged).not.toContain('SECRETREF9');
      expect(logged).not.toContain('EmployeeHired');
    } finally {
      await quiet.close();
    }
  });

  it('keeps every acknowledged event across a restart, and rebuilds the same timelines', async () => {
    const batch = batchOf(50, 5);
    await post({ events: batch }).expect(200);
    const before = await t.as('ingest').get('/v1/subjects/rx1-trust/E100003/timeline').expect(200);

    t = await t.restart();
    http = t.app.getHttpServer() as App;

    const after = await t.as('ingest').get('/v1/subjects/rx1-trust/E100003/timeline').expect(200);
    expect(after.body).toEqual(before.body);
    const again = await post({ events: batch }).expect(200);
    expect(again.body.duplicates).toBe(250);
  });

  it('answers the health endpoints', async () => {
    await request(http).get('/health/live').expect(200, { status: 'ok' });
    await request(http).get('/health/ready').expect(200, { status: 'ready', checks: { eventStore: true } });
  });

  it('answers 404 with a problem document for an unknown route', async () => {
    const res = await request(http).get('/v1/nothing').expect(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
