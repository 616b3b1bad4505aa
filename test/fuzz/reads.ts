import fc from 'fast-check';
import type { TestRole } from '@rung/testing';
import { hostileHeaders, hostileQuery, hostileSegment, hostileValueText } from './hostile-requests';
import type { Sent } from './http-checks';
import { ROLES, type Route } from './routes';

/** A route to fuzz by its path and query: valid path values and a query that it answers well. */
export interface Target {
  route: Route;
  params: Record<string, string>;
  base: Record<string, string>;
  names: string[];
  roles: TestRole[];
}

/** A request, and the one field that should be named if it fails validation (when there is one). */
export interface Planned {
  sent: Sent;
  field?: string;
}

const queryText = (params: Array<[string, string]>): string => (params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '');

/** The base query with one parameter set to a hostile value (once, or repeated). */
function injected(target: Target): fc.Arbitrary<{ query: string; field?: string }> {
  const name = fc.oneof({ weight: 4, arbitrary: target.names.length ? fc.constantFrom(...target.names) : fc.constant('unknown') }, fc.constantFrom('unknown', 'constructor', '__proto__'));
  return fc.tuple(name, hostileValueText, fc.boolean()).map(([n, value, twice]) => {
    const params = Object.entries(target.base).filter(([k]) => k !== n).map(([k, v]) => [k, encodeURIComponent(v)] as [string, string]);
    params.push([n, value]);
    if (twice) params.push([n, value]);
    return { query: queryText(params), field: n };
  });
}

const baseQuery = (target: Target): string => queryText(Object.entries(target.base).map(([k, v]) => [k, encodeURIComponent(v)]));

function pathOf(target: Target): fc.Arbitrary<{ url: string; valid: boolean }> {
  const names = [...target.route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const values = names.map(() => fc.oneof({ weight: 3, arbitrary: fc.constant<string | null>(null) }, hostileSegment));
  return fc.tuple(...values).map((chosen) => ({
    url: names.reduce((path, n, i) => path.replace(`:${n}`, chosen[i] ?? encodeURIComponent(target.params[n])), target.route.path),
    valid: chosen.every((c) => c === null),
  }));
}

/** Hostile reads of a target: its path, its query (one field or all of it), the key's role and a few headers. */
export function plannedRequest(target: Target): fc.Arbitrary<Planned> {
  const query = fc.oneof(
    fc.constant({ query: baseQuery(target), field: undefined as string | undefined }),
    { weight: 3, arbitrary: injected(target) },
    { weight: 2, arbitrary: hostileQuery(target.names).map((q) => ({ query: q, field: undefined })) },
  );
  const role = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...target.roles) }, fc.constantFrom(...ROLES));
  return fc.tuple(pathOf(target), query, role, hostileHeaders).map(([path, q, r, headers]) => ({
    sent: { method: target.route.method, url: path.url + q.query, role: r, headers },
    field: path.valid && target.roles.includes(r) ? q.field : undefined,
  }));
}

/** Requests over every target, each target equally likely. */
export function plannedRequests(targets: Target[]): fc.Arbitrary<Planned> {
  return fc.oneof(...targets.map(plannedRequest));
}
