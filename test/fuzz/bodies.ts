import fc from 'fast-check';
import type { TestRole } from '@rung/testing';
import { hostileBodyText } from './hostile-values';
import { toJsonText, type JsonTree } from './json-text';
import { mutationsOf } from './mutations';
import type { Planned } from './reads';
import { ROLES, type Route } from './routes';

/** A route to fuzz by its body, starting from its documented examples. */
export interface BodyTarget {
  route: Route;
  url: string;
  examples: JsonTree[];
  roles: TestRole[];
}

function mutatedExample(examples: JsonTree[]): fc.Arbitrary<{ body: string; field?: string }> {
  return fc.constantFrom(...examples).chain((example) => mutationsOf(example)).map((m) => ({ body: toJsonText(m.body), field: m.field }));
}

/** A mutated example (naming the mutated field) or a hostile body, sent mostly with a right key. */
export function plannedBody(target: BodyTarget): fc.Arbitrary<Planned> {
  const hostile = hostileBodyText.map((body) => ({ body, field: undefined as string | undefined }));
  const body = target.examples.length ? fc.oneof({ weight: 3, arbitrary: mutatedExample(target.examples) }, hostile) : hostile;
  const role = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...target.roles) }, fc.constantFrom(...ROLES));
  return fc.tuple(body, role).map(([b, r]) => ({
    sent: { method: target.route.method, url: target.url, role: r, body: b.body },
    field: target.roles.includes(r) ? b.field : undefined,
  }));
}
