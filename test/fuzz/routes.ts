import type { INestApplication } from '@nestjs/common';
import type { TestApp, TestRole } from '@rung/testing';
import type { JsonTree } from './json-text';
import type { Method } from './http-checks';

export interface Route {
  method: Method;
  /** Express pattern, `/v1/cohorts/:id`. */
  path: string;
}

/** Routes that need no key: health, the API documentation, and the dashboard page's files. */
const PUBLIC = /^\/(health|docs)(\/|-json|$)|^\/$|^\/dashboard\//;

/** Every keyed route the running app's router serves, the way test/authorization.e2e-spec.ts collects them. */
export function servedRoutes(app: INestApplication): Route[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> } };
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack
    .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => ({ method: m as Method, path: layer.route!.path })) : []))
    .filter((r) => !PUBLIC.test(r.path));
}

export const routeName = (r: Route): string => `${r.method.toUpperCase()} ${r.path}`;

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { examples?: Record<string, { value: JsonTree }> }> };
  'x-rung-roles'?: string[];
}

export interface ApiDoc {
  paths: Record<string, Record<string, Operation>>;
}

export async function apiDoc(t: TestApp): Promise<ApiDoc> {
  const res = await fetch(`${t.url}/docs-json`);
  return (await res.json()) as ApiDoc;
}

function operationOf(doc: ApiDoc, route: Route): Operation {
  const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
  if (!op) throw new Error(`${routeName(route)} is served but not in /docs-json`);
  return op;
}

/** The roles allowed on a route; `/metrics` is documented apart, as the metrics role's. */
export function rolesOf(doc: ApiDoc, route: Route): TestRole[] {
  if (route.path === '/metrics') return ['metrics'];
  return (operationOf(doc, route)['x-rung-roles'] ?? []) as TestRole[];
}

export function queryNamesOf(doc: ApiDoc, route: Route): string[] {
  if (route.path === '/metrics') return [];
  return (operationOf(doc, route).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
}

export function examplesOf(doc: ApiDoc, route: Route): JsonTree[] {
  const examples = operationOf(doc, route).requestBody?.content['application/json']?.examples ?? {};
  return Object.values(examples).map((e) => e.value);
}

export const ROLES: TestRole[] = ['ingest', 'research', 'dashboard', 'admin', 'metrics'];
