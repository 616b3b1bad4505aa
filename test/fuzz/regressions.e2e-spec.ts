import { rawEvent, startTestApp, type TestApp } from '@rung/testing';
import { send, violations } from './http-checks';

/**
 * Fixed inputs that the fuzz suite once answered with a 5xx, a bare 4xx or an unnamed field, each
 * kept as a plain case (the unit tests beside each fix hold the same inputs at their level).
 */
describe('what fuzzing found, as fixed requests', () => {
  let t: TestApp;
  let cohortId: string;

  beforeAll(async () => {
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    const entry = { on: 'EmployeeHired', between: ['2019-01-01', '2019-12-31'] };
    cohortId = (await t.as('research').post('/v1/cohorts').send({ name: 'c', orgIds: ['rx1-trust'], entry }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('names a "__proto__" key of an event as a field it does not know, and stores nothing', async () => {
    const event = JSON.stringify(rawEvent('DemographicsRecorded', { subjectRef: 'FZ-R1' })).replace(/^\{/, '{"__proto__":[{"constructor":null}],');
    const res = await send(t, { method: 'post', url: '/v1/events', role: 'ingest', body: `{"events":[${event}]}` });
    expect(res.status).toBe(422);
    expect(res.body.results[0].errors).toEqual([{ path: '__proto__', message: 'is not a field of this event' }]);
    await t.as('ingest').get('/v1/subjects/rx1-trust/FZ-R1/timeline').expect(404);
  });

  it('answers a study whose arm name holds "constructor" with a 422 naming it, not a 500', async () => {
    const body = `{"name":"x","arms":[{"name":"a","cohortId":"${cohortId}"},{"name":{"constructor":{}},"cohortId":"${cohortId}"}],"outcomes":["exit"],"horizonMonths":12,"interval":"month"}`;
    const res = await send(t, { method: 'post', url: '/v1/studies', role: 'research', body });
    expect([res.status, res.body.errors]).toEqual([422, [{ path: 'arms[1].name.constructor', message: 'is not a known field' }]]);
  });

  it('refuses a study arm written as a list, naming it', async () => {
    const body = `{"name":"x","arms":[{"name":"a","cohortId":"${cohortId}"},[]],"outcomes":["exit"],"horizonMonths":12,"interval":"month"}`;
    const res = await send(t, { method: 'post', url: '/v1/studies', role: 'research', body });
    expect([res.status, res.body.errors]).toEqual([422, [{ path: 'arms[1]', message: 'must be an object { name, cohortId }' }]]);
  });

  it('answers a code list holding objects with a 422 naming each, not a 500', async () => {
    const body = '{"jobFamily":["nursing",[{"toString":"x"}],{"toString":"prototype"}]}';
    const res = await send(t, { method: 'put', url: '/v1/admin/code-lists/fuzz-codes', role: 'admin', body });
    expect([res.status, res.body.errors.map((e: { path: string }) => e.path)]).toEqual([422, ['jobFamily[1]', 'jobFamily[2]']]);
  });

  it('answers a retention date that is no date (month 13) with a 422 naming asOf, not a 500', async () => {
    const res = await send(t, { method: 'get', url: '/v1/admin/retention?asOf=2024-13-01', role: 'admin' });
    expect([res.status, res.body.errors]).toEqual([422, [{ path: 'asOf', message: 'must be a date, YYYY-MM-DD' }]]);
  });

  it('answers a URL over the header limit with a 431 problem document', async () => {
    const res = await send(t, { method: 'get', url: `/v1/admin/keys?unknown=${'9'.repeat(24_000)}`, role: 'admin' });
    expect(res.status).toBe(431);
    expect(violations(res)).toEqual([]);
  });
});
