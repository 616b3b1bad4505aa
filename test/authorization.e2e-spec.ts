import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, careerOf, createKey, rawEvent, startTestApp, type TestApp, type TestRole } from '@rung/testing';

/**
 * SPEC §8's matrix, tried on every route the running app serves: with no key, a made-up key, Basic
 * auth, and a key of each role for the right and for the wrong organisation. The routes come from the
 * app's own router, so a route added without a declared role (or without a row here) fails this test.
 */
const ORG = 'rx1-trust';
const OTHER = 'leeds-council';
const NOWHERE = 'no-such-trust';

type Rule = { public: true } | { roles: TestRole[]; orgScoped: boolean };

const MATRIX: Record<string, Rule> = {
  'GET /health/live': { public: true },
  'GET /health/ready': { public: true },
  // Swagger UI and the OpenAPI document (SwaggerModule puts these on the HTTP server itself, outside Nest's guards).
  'GET /docs': { public: true },
  'GET /docs/': { public: true },
  'GET /docs/index.html': { public: true },
  'GET /docs/LICENSE': { public: true },
  'GET /docs/swagger-ui-init.js': { public: true },
  'GET /docs/docs/swagger-ui-init.js': { public: true },
  'GET /docs-json': { public: true },
  // The dashboard page and its built assets (SPEC §13): the page asks for a key, then uses the API.
  'GET /': { public: true },
  'GET /dashboard/:file': { public: true },
  'GET /v1/session': { roles: ['ingest', 'research', 'dashboard', 'admin', 'metrics'], orgScoped: false },
  'POST /v1/events': { roles: ['ingest'], orgScoped: true },
  'GET /v1/subjects/:orgId/:subjectRef/timeline': { roles: ['ingest'], orgScoped: true },
  'POST /v1/cohorts': { roles: ['research'], orgScoped: true },
  'GET /v1/cohorts': { roles: ['research'], orgScoped: true },
  'GET /v1/cohorts/:id': { roles: ['research'], orgScoped: true },
  'GET /v1/cohorts/:id/trajectory': { roles: ['research'], orgScoped: true },
  'DELETE /v1/cohorts/:id': { roles: ['research'], orgScoped: true },
  'POST /v1/studies': { roles: ['research'], orgScoped: true },
  'GET /v1/studies': { roles: ['research'], orgScoped: true },
  'GET /v1/studies/:id': { roles: ['research'], orgScoped: true },
  'GET /v1/studies/:id/report': { roles: ['research'], orgScoped: true },
  'GET /v1/studies/:id/checkpoints': { roles: ['research'], orgScoped: true },
  'GET /v1/studies/:id/checkpoints/:month': { roles: ['research'], orgScoped: true },
  'DELETE /v1/studies/:id': { roles: ['research'], orgScoped: true },
  'GET /v1/indicators': { roles: ['research', 'dashboard'], orgScoped: true },
  'GET /v1/trends/:indicator': { roles: ['research', 'dashboard'], orgScoped: true },
  'GET /v1/programmes/:orgId/monitoring': { roles: ['research', 'dashboard'], orgScoped: true },
  'POST /v1/admin/keys': { roles: ['admin'], orgScoped: false },
  'GET /v1/admin/keys': { roles: ['admin'], orgScoped: false },
  'DELETE /v1/admin/keys/:id': { roles: ['admin'], orgScoped: false },
  'GET /v1/admin/audit': { roles: ['admin'], orgScoped: false },
  'GET /v1/admin/audit/verify': { roles: ['admin'], orgScoped: false },
  'PUT /v1/admin/code-lists/:orgId': { roles: ['admin'], orgScoped: false },
  'GET /v1/admin/code-lists/:orgId': { roles: ['admin'], orgScoped: false },
  'GET /metrics': { roles: ['metrics'], orgScoped: false },
  'POST /v1/admin/erasures': { roles: ['admin'], orgScoped: false },
  'GET /v1/admin/erasures/:id': { roles: ['admin'], orgScoped: false },
  'GET /v1/admin/retention': { roles: ['admin'], orgScoped: false },
  'POST /v1/admin/projections/rebuild': { roles: ['admin'], orgScoped: false },
  'GET /v1/admin/projections/rebuild': { roles: ['admin'], orgScoped: false },
};

const ROLES: TestRole[] = ['ingest', 'research', 'dashboard', 'admin', 'metrics'];

interface Route {
  method: string;
  path: string;
}

function routesOf(t: TestApp): Route[] {
  const express = t.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  type Layer = { route?: { path: string; methods: Record<string, boolean> } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })) : []));
}

describe('the authorisation matrix, over every route of the running app', () => {
  let t: TestApp;
  let routes: Route[];
  const keys: Record<'right' | 'wrong', Record<TestRole, string>> = { right: {} as Record<TestRole, string>, wrong: {} as Record<TestRole, string> };
  const ids = { cohort: '', study: '', key: '' };

  beforeAll(async () => {
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    routes = routesOf(t);
    for (const [side, org] of [['right', ORG], ['wrong', OTHER]] as const) {
      for (const role of ROLES) keys[side][role] = (await createKey(t.url, { role, orgIds: role === 'admin' ? ['*'] : [org] })).secret;
    }
    await t.as('ingest').post('/v1/events').send({ events: careerOf('E1', ORG, 3) }).expect(200);
    ids.cohort = (await t.as('research').post('/v1/cohorts').send(cohortBody(ORG)).expect(201)).body.id;
    ids.study = (await t.as('research').post('/v1/studies').send(studyBody(ids.cohort)).expect(201)).body.id;
  });
  afterAll(() => t.close());

  function call(route: Route, org: string, headers: Record<string, string>): request.Test {
    const path = route.path.replace(':orgId', org).replace(':subjectRef', 'E1').replace(':month', '6').replace(':indicator', 'leaving-rate')
      .replace(':id', route.path.startsWith('/v1/studies') ? ids.study : route.path.startsWith('/v1/cohorts') ? ids.cohort : 'k_0000000000000000');
    const query = /\/v1\/(indicators|trends)/.test(route.path) ? `?orgId=${org}&from=2024-01-01&to=2024-12-31`
      : route.path.endsWith('/monitoring') ? '?from=2024-01-01&to=2024-12-31'
        : route.path.endsWith('/trajectory') ? '?outcome=exit' : '';
    const req = request(t.app.getHttpServer() as App)[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path + query).set(headers);
    return route.method === 'POST' || route.method === 'PUT' ? req.send(bodyFor(route.path, org)) : req;
  }

  function bodyFor(path: string, org: string): object {
    if (path === '/v1/events') return { events: [rawEvent('TrainingAccessed', { orgId: org, subjectRef: 'E1', occurredAt: '2024-05-01' })] };
    if (path === '/v1/cohorts') return cohortBody(org);
    if (path === '/v1/studies') return studyBody(ids.cohort);
    if (path.startsWith('/v1/admin/code-lists')) return { source: ['esr'] };
    if (path === '/v1/admin/erasures') return { orgId: org, subjectRef: 'E-NOBODY' };
    return { name: 'matrix', role: 'dashboard', orgIds: [org] };
  }

  it('knows every route the app serves, and every route it knows is served', () => {
    const served = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers 401 to every non-public route without a valid key, and nothing else', async () => {
    for (const route of routes) {
      if ('public' in MATRIX[`${route.method} ${route.path}`]) continue;
      for (const headers of [{}, bearer('rung_madeUpKeyThatNobodyWasEverGiven0123456789abc'), { authorization: 'Basic YWRtaW46YWRtaW4=' }]) {
        const res = await call(route, ORG, headers);
        expect({ route, status: res.status }).toEqual({ route, status: 401 });
        expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
        expect(res.headers['www-authenticate']).toBe('Bearer realm="rung"');
      }
    }
  });

  it('denies every role outside a route\'s roles, and lets each listed role in for its own organisation', async () => {
    for (const route of routes) {
      const rule = MATRIX[`${route.method} ${route.path}`];
      if ('public' in rule) continue;
      for (const role of ROLES) {
        const res = await call(route, ORG, bearer(keys.right[role]));
        const cell = { route: `${route.method} ${route.path}`, role };
        if (rule.roles.includes(role)) expect({ ...cell, denied: [401, 403].includes(res.status) }).toEqual({ ...cell, denied: false });
        else expect({ ...cell, status: res.status }).toEqual({ ...cell, status: 403 });
      }
    }
  });

  it('denies a listed role for another organisation, alike whether that organisation exists or not', async () => {
    for (const route of routes) {
      const rule = MATRIX[`${route.method} ${route.path}`];
      if ('public' in rule || !rule.orgScoped) continue;
      for (const role of rule.roles) {
        const wrong = await call(route, ORG, bearer(keys.wrong[role]));
        const cell = { route: `${route.method} ${route.path}`, role };
        if (route.method === 'GET' && (route.path === '/v1/cohorts' || route.path === '/v1/studies')) {
          expect({ ...cell, listed: JSON.stringify(wrong.body).includes(route.path === '/v1/cohorts' ? ids.cohort : ids.study) }).toEqual({ ...cell, listed: false });
          continue;
        }
        // A study over another organisation's cohort is refused as one over a cohort that does not exist.
        const denied = [403, 404].includes(wrong.status)
          || (route.path === '/v1/studies' && wrong.status === 422 && JSON.stringify(wrong.body.errors).includes('is not the id of a cohort'));
        expect({ ...cell, denied }).toEqual({ ...cell, denied: true });
        if (route.path.includes(':id')) continue;
        const nowhere = await call(route, NOWHERE, bearer(keys.wrong[role]));
        expect({ ...cell, status: nowhere.status, body: nowhere.body }).toEqual({ ...cell, status: wrong.status, body: wrong.body });
      }
    }
  });

  it('gives a study of another organisation the same answer as a study that does not exist', async () => {
    const theirs = await request(t.app.getHttpServer() as App).get(`/v1/studies/${ids.study}/report`).set(bearer(keys.wrong.research));
    const none = await request(t.app.getHttpServer() as App).get('/v1/studies/00000000-0000-4000-8000-000000000000/report').set(bearer(keys.wrong.research));
    expect([theirs.status, theirs.body]).toEqual([none.status, none.body]);
  });

  it('takes a revoked key out of use at once', async () => {
    const key = await createKey(t.url, { role: 'dashboard', orgIds: [ORG] });
    const url = `/v1/indicators?orgId=${ORG}&from=2024-01-01&to=2024-12-31`;
    await request(t.app.getHttpServer() as App).get(url).set(bearer(key.secret)).expect(200);
    await t.as('admin').delete(`/v1/admin/keys/${key.id}`).expect(200);
    await request(t.app.getHttpServer() as App).get(url).set(bearer(key.secret)).expect(401);
  });
});

function cohortBody(org: string): object {
  return { name: 'matrix cohort', orgIds: [org], entry: { on: 'EmployeeHired', between: ['2019-01-01', '2019-12-31'] } };
}

function studyBody(cohortId: string): object {
  return { name: 'matrix study', arms: [{ name: 'a', cohortId }, { name: 'b', cohortId }], outcomes: ['exit'], horizonMonths: 12, interval: 'month', checkpointsMonths: [6] };
}
