import fc from 'fast-check';
import { careerOf, startTestApp, type TestApp } from '@rung/testing';
import { plannedBody, type BodyTarget } from './bodies';
import { sendAndCheck } from './http-checks';
import type { JsonObject, JsonTree } from './json-text';
import { plannedRequests, type Planned, type Target } from './reads';
import { apiDoc, examplesOf, queryNamesOf, rolesOf, routeName, servedRoutes, type ApiDoc, type Route } from './routes';
import { announce, fuzz, timeoutFor } from './settings';

/**
 * Fuzzing cohorts, studies, trajectories, reports, checkpoints, indicators, trends and programme monitoring (sizes and seed:
 * FUZZ_RUNS and FUZZ_SEED, see ./settings.ts): hostile bodies, mutated documented examples, hostile
 * paths, queries and headers, with right and wrong keys. Never a 5xx; every 4xx a problem document,
 * naming the one field that was made invalid.
 */
const ORG = 'rx1-trust';
const ANALYTICS = /^\/v1\/(cohorts|studies|indicators|trends|programmes)\b/;

/** A query each read answers well, so that one hostile parameter is the only thing wrong. */
function baseQueryOf(path: string): Record<string, string> {
  if (path === '/v1/indicators' || path.startsWith('/v1/trends')) return { orgId: ORG, from: '2020-01-01', to: '2023-12-31' };
  if (path.endsWith('/trajectory')) return { outcome: 'exit' };
  if (path.startsWith('/v1/programmes')) return { from: '2020-01-01', to: '2023-12-31' };
  return {};
}

describe('fuzzing the analytics API', () => {
  let t: TestApp;
  let doc: ApiDoc;
  let routes: Route[];
  // DELETE archives: it gets a cohort and a study of its own, so that the reads' targets stay readable.
  const ids = { cohorts: [] as string[], study: '', archivable: { cohort: '', study: '' } };

  beforeAll(async () => {
    announce('analytics');
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0', MAX_COHORTS_PER_ORG: '1000000', MAX_STUDIES_PER_ORG: '1000000', MAX_CHECKPOINTS_PER_ORG: '1000000' });
    doc = await apiDoc(t);
    routes = servedRoutes(t.app).filter((r) => ANALYTICS.test(r.path));
    const events = Array.from({ length: 12 }, (_, i) => careerOf(`FZ-A${i}`, ORG, 3 + (i % 3))).flat();
    await t.as('ingest').post('/v1/events').send({ events }).expect(200);
    for (const example of examplesOf(doc, { method: 'post', path: '/v1/cohorts' })) ids.cohorts.push((await t.as('research').post('/v1/cohorts').send(example as object).expect(201)).body.id);
    ids.study = (await t.as('research').post('/v1/studies').send(studyExamples()[0] as object).expect(201)).body.id;
    ids.archivable.study = (await t.as('research').post('/v1/studies').send(studyExamples()[0] as object).expect(201)).body.id;
    const [cohort] = examplesOf(doc, { method: 'post', path: '/v1/cohorts' });
    ids.archivable.cohort = (await t.as('research').post('/v1/cohorts').send(cohort as object).expect(201)).body.id;
  });
  afterAll(() => t.close());

  function studyExamples(): JsonTree[] {
    return examplesOf(doc, { method: 'post', path: '/v1/studies' }).map((e) => {
      const study = e as JsonObject;
      return { ...study, arms: (study.arms as JsonObject[]).map((arm, i) => ({ ...arm, cohortId: ids.cohorts[i % ids.cohorts.length] })) };
    });
  }

  function bodyTargets(): BodyTarget[] {
    return routes.filter((r) => r.method === 'post').map((route) => ({
      route, url: route.path, roles: rolesOf(doc, route), examples: route.path === '/v1/studies' ? studyExamples() : examplesOf(doc, route),
    }));
  }

  function readTargets(): Target[] {
    return routes.filter((r) => r.method === 'get' || r.method === 'delete').map((route) => {
      const source = route.method === 'delete' ? ids.archivable : { study: ids.study, cohort: ids.cohorts[0] };
      return {
        route, roles: rolesOf(doc, route), names: queryNamesOf(doc, route), base: baseQueryOf(route.path),
        params: { id: route.path.startsWith('/v1/studies') ? source.study : source.cohort, month: '12', indicator: 'leaving-rate', orgId: ORG },
      };
    });
  }

  const check = async ({ sent, field }: Planned): Promise<void> => {
    await sendAndCheck(t, sent, field);
  };

  it('has a target for every analytics route the app serves', () => {
    const targeted = [...bodyTargets(), ...readTargets()].map((x) => routeName(x.route)).sort();
    expect(targeted).toEqual(routes.map(routeName).sort());
    expect(targeted.length).toBeGreaterThanOrEqual(14);
  });

  it('answers mutated and hostile cohort and study definitions with no 5xx, naming the bad field', () => fuzz(
    fc.oneof(...bodyTargets().map(plannedBody)),
    check,
    2,
  ), timeoutFor(2));

  it('answers hostile reads and archivings (paths, queries, headers, keys) with no 5xx, naming the bad parameter', () => fuzz(
    plannedRequests(readTargets()),
    check,
    3,
  ), timeoutFor(3));
});

