import fc from 'fast-check';
import { careerOf, startTestApp, type TestApp } from '@rung/testing';
import { hostileBodyText } from './hostile-values';
import { sendAndCheck } from './http-checks';
import { plannedRequest, type Planned, type Target } from './reads';
import { apiDoc, queryNamesOf, rolesOf, routeName, servedRoutes, type ApiDoc, type Route } from './routes';
import { announce, fuzz, timeoutFor } from './settings';

/**
 * Every keyed route the running app serves, taken from its router so that a new route is fuzzed
 * without a line here (sizes and seed: FUZZ_RUNS and FUZZ_SEED, see ./settings.ts): hostile path
 * parameters, query strings, headers and bodies, with the route's roles and others. Never a 5xx, and
 * every 4xx a problem document. The other files here go deeper into each family of routes.
 */
const ORG = 'rx1-trust';

describe('fuzzing every route the app serves', () => {
  let t: TestApp;
  let doc: ApiDoc;
  let routes: Route[];
  const ids = { cohort: '', study: '' };

  beforeAll(async () => {
    announce('routes');
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    doc = await apiDoc(t);
    routes = servedRoutes(t.app);
    await t.as('ingest').post('/v1/events').send({ events: careerOf('E1', ORG, 4) }).expect(200);
    const entry = { on: 'EmployeeHired', between: ['2019-01-01', '2019-12-31'] };
    ids.cohort = (await t.as('research').post('/v1/cohorts').send({ name: 'fuzz', orgIds: [ORG], entry }).expect(201)).body.id;
    const arms = [{ name: 'a', cohortId: ids.cohort }, { name: 'b', cohortId: ids.cohort }];
    ids.study = (await t.as('research').post('/v1/studies').send({ name: 'fuzz', arms, outcomes: ['exit'], horizonMonths: 12, interval: 'month', checkpointsMonths: [6] }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  /** Valid values of the path parameters; only hostile ids reach the key revocation. */
  function target(route: Route): Target {
    const id = route.path.startsWith('/v1/studies') ? ids.study : route.path.startsWith('/v1/cohorts') ? ids.cohort : 'k_0000000000000000';
    return {
      route, roles: rolesOf(doc, route), names: queryNamesOf(doc, route), base: {},
      params: { id, orgId: route.path.includes('code-lists') ? 'fuzz-codes' : ORG, subjectRef: 'E1', month: '6', indicator: 'leaving-rate' },
    };
  }

  /** A hostile request to the route, with a hostile body when it takes one. */
  function planned(route: Route): fc.Arbitrary<Planned> {
    const request = plannedRequest(target(route));
    if (route.method !== 'post' && route.method !== 'put') return request;
    return fc.tuple(request, hostileBodyText).map(([p, body]) => ({ sent: { ...p.sent, body }, field: undefined }));
  }

  it('knows a role for every keyed route, and reaches the families the issue names', () => {
    for (const route of routes) expect({ route: routeName(route), roles: rolesOf(doc, route).length > 0 }).toEqual({ route: routeName(route), roles: true });
    const families = ['/v1/events', '/v1/cohorts', '/v1/studies', '/v1/indicators', '/v1/trends', '/v1/subjects', '/v1/admin/keys', '/v1/admin/audit',
      '/v1/admin/erasures', '/v1/admin/retention', '/v1/admin/code-lists', '/v1/admin/projections/rebuild'];
    for (const family of families) expect({ family, served: routes.some((r) => r.path.startsWith(family)) }).toEqual({ family, served: true });
  });

  it('answers hostile requests to every route with no 5xx and problem documents', async () => {
    for (const route of routes) {
      await fuzz(planned(route), async ({ sent }) => {
        await sendAndCheck(t, sent);
      }, 0.25);
    }
  }, timeoutFor(10));
});
