import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { IngestAppModule } from '@rung/app-ingest';
import { ProjectorAppModule } from '@rung/app-projector';
import { QueryAppModule } from '@rung/app-query';
import { createHttpApp, JsonLogger, loadConfig, type RungConfig } from '@rung/platform';
import { startTestApp, TEST_ACCESS_ENV, TEST_SECRET, type TestApp, type TestRole } from '@rung/testing';

/**
 * /docs and /docs-json: public, a valid OpenAPI 3 document that lists exactly the routes the running
 * app serves (taken from its router, so routes added later are checked too), with an accepted example
 * for every request body, and a Swagger UI that loads nothing from another origin.
 */

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema?: Json; examples?: Record<string, { value: unknown }>; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
  security?: Array<Record<string, string[]>>;
  'x-rung-roles'?: string[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, Json>; schemas?: Record<string, Json> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Swagger UI's own routes, which SwaggerModule puts on the HTTP server beside Nest's. */
const isDocsRoute = (path: string): boolean => path === '/docs' || path === '/docs-json' || path.startsWith('/docs/');

/** Every `METHOD /path/{param}` the app's router serves, the way test/authorization.e2e-spec.ts collects them. */
function servedRoutes(app: INestApplication): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> } };
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack
    .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })) : []))
    .filter((r) => !isDocsRoute(r.path))
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    .sort();
}

function operationsOf(doc: Document): Array<{ key: string; method: string; path: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })));
}

const documentedRoutes = (doc: Document): string[] => operationsOf(doc).map((o) => o.key).sort();

async function fetchDocument(app: INestApplication): Promise<Document> {
  const res = await request(app.getHttpServer() as App).get('/docs-json').expect(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.body as Document;
}

describe('the OpenAPI document and Swagger UI of the all-in-one app', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    doc = await fetchDocument(t.app);
  });
  afterAll(() => t.close());

  it('serves /docs-json without a key, as a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('lists exactly the routes the app serves', () => {
    expect(documentedRoutes(doc)).toEqual(servedRoutes(t.app));
  });

  it('declares every path parameter, and the query parameters of the analytics and audit reads', () => {
    for (const { key, path, op } of operationsOf(doc)) {
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort();
      expect({ key, declared }).toEqual({ key, declared: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() });
    }
    const queryOf = (key: string) => operationsOf(doc).find((o) => o.key === key)!.op.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
    expect(queryOf('GET /v1/indicators')).toEqual(expect.arrayContaining(['orgId', 'from', 'to', 'grouping', 'format']));
    expect(queryOf('GET /v1/programmes/{orgId}/monitoring')).toEqual(expect.arrayContaining(['from', 'to', 'grouping', 'programmeKind', 'levels', 'format']));
    expect(queryOf('GET /v1/cohorts/{id}/trajectory')).toEqual(expect.arrayContaining(['outcome', 'interval', 'horizonMonths', 'estimator', 'asOf']));
    expect(queryOf('GET /v1/admin/audit')).toEqual(expect.arrayContaining(['from', 'to', 'keyId', 'action', 'cursor', 'limit']));
  });

  it('gives every request body a schema and at least one example', () => {
    const withBody = operationsOf(doc).filter((o) => o.op.requestBody);
    const bodiless = ['POST /v1/admin/projections/rebuild'];
    expect(withBody.map((o) => o.key).sort()).toEqual(servedRoutes(t.app).filter((r) => /^(POST|PUT|PATCH) /.test(r) && !bodiless.includes(r)));
    for (const { key, op } of withBody) {
      const json = op.requestBody!.content['application/json'];
      expect({ key, schema: typeof json?.schema }).toEqual({ key, schema: 'object' });
      expect({ key, examples: Object.keys(json.examples ?? {}).length + (json.example === undefined ? 0 : 1) > 0 }).toEqual({ key, examples: true });
      for (const status of ['400', '413', '422']) expect({ key, status, documented: status in op.responses }).toEqual({ key, status, documented: true });
    }
  });

  it('has every example body accepted by the running app with the documented success status', async () => {
    const cohortIds: string[] = [];
    // The erasure is posted last: it would refuse later events of the subject the other examples use.
    const ordered = operationsOf(doc).filter((o) => o.op.requestBody).sort((a, b) => Number(a.path.includes('erasures')) - Number(b.path.includes('erasures')));
    for (const { key, method, path, op } of ordered) {
      const role = (op['x-rung-roles']?.[0] ?? 'admin') as TestRole;
      const success = Object.keys(op.responses).find((s) => s.startsWith('2'));
      for (const [name, example] of Object.entries(op.requestBody!.content['application/json'].examples ?? {})) {
        let body = example.value as Json;
        if (path === '/v1/studies') {
          expect(cohortIds.length).toBeGreaterThanOrEqual(2);
          body = { ...body, arms: (body.arms as Json[]).map((arm, i) => ({ ...arm, cohortId: cohortIds[i % cohortIds.length] })) };
        }
        const url = path.replace('{orgId}', 'rx1-trust');
        const res = await t.as(role)[method as 'post' | 'put'](url).send(body);
        expect({ key, name, status: res.status, body: res.status >= 400 ? res.body : undefined }).toEqual({ key, name, status: Number(success), body: undefined });
        if (path === '/v1/cohorts') cohortIds.push(res.body.id);
      }
    }
  });

  it('applies the bearer scheme, with 401, 403 and 429 problems, to exactly the routes that answer 401 without a key', async () => {
    expect(doc.components.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { key, method, path, op } of operationsOf(doc)) {
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'orgId' ? 'rx1-trust' : name === 'month' ? '6' : 'x'));
      const res = await request(t.app.getHttpServer() as App)[method as 'get'](url);
      const keyed = res.status === 401;
      const secured = (op.security ?? []).some((s) => 'bearer' in s);
      expect({ key, keyed, secured }).toEqual({ key, keyed, secured: keyed });
      if (keyed) for (const status of ['401', '403', '429']) expect({ key, status, documented: status in op.responses }).toEqual({ key, status, documented: true });
    }
  });

  it('describes every error answer as a problem document, but the 422 of a batch, which is its report', () => {
    expect(doc.components.schemas?.Problem).toMatchObject({ type: 'object', required: ['status', 'title', 'detail'] });
    for (const { key, op } of operationsOf(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400 || Number(status) >= 500) continue;
        const schema = key === 'POST /v1/events' && status === '422' ? response.content?.['application/json']?.schema : response.content?.['application/problem+json']?.schema;
        expect({ key, status, schema }).toEqual({ key, status, schema: key === 'POST /v1/events' && status === '422' ? expect.objectContaining({ required: expect.arrayContaining(['results']) }) : { $ref: '#/components/schemas/Problem' } });
      }
    }
  });

  it('serves Swagger UI at /docs without a key, loading only same-origin assets from swagger-ui-dist', async () => {
    const server = t.app.getHttpServer() as App;
    const page = await request(server).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const refs = [...page.text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    for (const ref of refs) {
      const url = new URL(ref, `${t.url}/docs`);
      expect({ ref, origin: url.origin }).toEqual({ ref, origin: t.url });
      const asset = await request(server).get(url.pathname);
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
    }
    const init = await request(server).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"validatorUrl": null');
    expect(init.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
  });
});

describe('the OpenAPI document of each separate service', () => {
  const services: Array<[string, (config: RungConfig, logger: JsonLogger) => DynamicModule]> = [
    ['query', (c, l) => QueryAppModule.forRoot(c, l)],
    ['ingest', (c, l) => IngestAppModule.forRoot(c, l)],
    ['projector', (c, l) => ProjectorAppModule.forRoot(c, l)],
  ];

  it.each(services)('the %s app serves /docs-json listing exactly its own routes', async (_name, rootFor) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rung-openapi-'));
    const config = loadConfig({ DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'warn', INGEST_WORKERS: '0', ...TEST_ACCESS_ENV });
    const logger = new JsonLogger(config.logLevel, () => undefined);
    const app = await createHttpApp(rootFor(config, logger), config, logger);
    try {
      await app.init();
      const doc = await fetchDocument(app);
      await SwaggerParser.validate(structuredClone(doc) as never);
      expect(documentedRoutes(doc)).toEqual(servedRoutes(app));
      await request(app.getHttpServer() as App).get('/docs').expect(200);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
