import fc from 'fast-check';
import { createKey, startTestApp, type TestApp } from '@rung/testing';
import { plannedBody, type BodyTarget } from './bodies';
import { sendAndCheck } from './http-checks';
import type { JsonObject, JsonTree } from './json-text';
import { plannedRequests, type Planned, type Target } from './reads';
import { apiDoc, examplesOf, queryNamesOf, rolesOf, routeName, servedRoutes, type ApiDoc, type Route } from './routes';
import { announce, fuzz, timeoutFor } from './settings';

/**
 * Fuzzing the admin API: keys, audit, erasures, retention, code lists and rebuilds (sizes and seed:
 * FUZZ_RUNS and FUZZ_SEED, see ./settings.ts). Code lists and erasures are fuzzed on organisations of
 * their own, and only a key made for it is ever revoked, so valid mutations change nothing else.
 */
const CODES_ORG = 'fuzz-codes';
const ERASE_ORG = 'fuzz-erase';

describe('fuzzing the admin API', () => {
  let t: TestApp;
  let doc: ApiDoc;
  let routes: Route[];
  const ids = { key: '', erasure: '' };

  beforeAll(async () => {
    announce('admin');
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    doc = await apiDoc(t);
    routes = servedRoutes(t.app).filter((r) => r.path.startsWith('/v1/admin/'));
    ids.key = (await createKey(t.url, { role: 'dashboard', orgIds: [CODES_ORG], name: 'to be revoked' })).id;
    ids.erasure = (await t.as('admin').post('/v1/admin/erasures').send({ orgId: ERASE_ORG, subjectRef: 'FZ-E1' }).expect(202)).body.id;
  });
  afterAll(() => t.close());

  /** The documented examples, moved to the fuzzing's own organisations. */
  function examples(route: Route): JsonTree[] {
    const found = examplesOf(doc, route);
    return route.path === '/v1/admin/erasures' ? found.map((e) => ({ ...(e as JsonObject), orgId: ERASE_ORG })) : found;
  }

  function bodyTargets(): BodyTarget[] {
    return routes.filter((r) => r.method === 'post' || r.method === 'put').map((route) => ({
      route, url: route.path.replace(':orgId', CODES_ORG), roles: rolesOf(doc, route), examples: examples(route),
    }));
  }

  function pathTargets(): Target[] {
    return routes.filter((r) => r.method !== 'post').map((route) => ({
      route, roles: rolesOf(doc, route), names: queryNamesOf(doc, route), base: {},
      params: { id: route.path.startsWith('/v1/admin/keys') ? ids.key : ids.erasure, orgId: CODES_ORG },
    }));
  }

  const check = async ({ sent, field }: Planned): Promise<void> => {
    await sendAndCheck(t, sent, field);
  };

  it('has a target for every admin route the app serves', () => {
    const targeted = new Set([...bodyTargets(), ...pathTargets()].map((x) => routeName(x.route)));
    expect([...targeted].sort()).toEqual(routes.map(routeName).sort());
    expect(targeted.size).toBeGreaterThanOrEqual(12);
  });

  it('answers mutated and hostile key, code-list, erasure and rebuild requests with no 5xx, naming the bad field', () => fuzz(
    fc.oneof(...bodyTargets().map(plannedBody)),
    check,
    2,
  ), timeoutFor(2));

  it('answers hostile admin paths and queries (audit filters, retention dates, ids) with no 5xx, naming the bad parameter', () => fuzz(
    plannedRequests(pathTargets()),
    check,
    2,
  ), timeoutFor(2));
});
