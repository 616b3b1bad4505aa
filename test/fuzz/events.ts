import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { rawEvent, SAMPLE_DATA, type TestApp } from '@rung/testing';
import type { EventType } from '@rung/contracts';
import { cloneTree, isObject, setOwn, type JsonTree } from './json-text';
import { mutationsOf, type Path } from './mutations';
import { FUZZ_SEED } from './settings';

export const ORG = 'rx1-trust';
const ID = '00000000-0000-4000-8000-00000000f022';
const REF = 'FZ-PLACEHOLDER';

/** A valid event of each type but retractions (which need a target), with placeholders for its ids. */
export const TEMPLATES: JsonTree[] = (Object.keys(SAMPLE_DATA) as EventType[])
  .filter((type) => type !== 'EventRetracted')
  .map((type) => rawEvent(type, { eventId: ID, subjectRef: REF, orgId: ORG }) as unknown as JsonTree);

/** An event to send: valid, or mutated in `field`. */
export interface EventPlan {
  body: JsonTree;
  field?: string;
}

const valid: fc.Arbitrary<EventPlan> = fc.constantFrom(...TEMPLATES).map((body) => ({ body }));

/** Mutations anywhere but where the event is stored (subjectRef, orgId), so its subject's timeline can be read. */
const keepStream = (path: Path): boolean => path[0] !== 'subjectRef' && path[0] !== 'orgId';

export function mutatedEvent(keep: (path: Path) => boolean = keepStream): fc.Arbitrary<EventPlan> {
  return fc.constantFrom(...TEMPLATES).chain((template) => mutationsOf(template, keep)).map((m) => ({ body: m.body, field: m.field }));
}

export const eventPlan: fc.Arbitrary<EventPlan> = fc.oneof(valid, { weight: 2, arbitrary: mutatedEvent() });

let counter = 0;
/** A subject reference no other run uses, even when fast-check replays a run while shrinking. */
export function freshRef(): string {
  counter += 1;
  return `FZ${FUZZ_SEED}-${counter}`;
}

export interface Materialised {
  body: JsonTree;
  subjectRef: string;
}

/** Fills the placeholders with a fresh event id and the subject reference. */
export function materialise(plan: EventPlan, subjectRef = freshRef()): Materialised {
  const body = cloneTree(plan.body);
  if (isObject(body)) {
    if (body.eventId === ID) setOwn(body, 'eventId', randomUUID());
    if (body.subjectRef === REF) setOwn(body, 'subjectRef', subjectRef);
  }
  return { body, subjectRef };
}

export type Outcome = 'stored' | 'duplicate' | 'rejected' | 'refused';

interface EventResult {
  status: Outcome;
  errors?: unknown;
}

/** Each event's outcome: its result in the report, or `refused` when the whole request was. */
export function outcomesOf(res: Response, count: number): EventResult[] {
  const results = (res.body as { results?: EventResult[] }).results;
  if ((res.status === 200 || res.status === 422) && Array.isArray(results) && results.length === count) return results;
  if (res.status === 200 || res.status === 422) throw new Error(`a ${res.status} report of ${String(results?.length)} results for ${count} events`);
  return Array.from({ length: count }, () => ({ status: 'refused' }));
}

export function timelineOf(t: TestApp, subjectRef: string): Promise<Response> {
  return t.as('ingest').get(`/v1/subjects/${ORG}/${encodeURIComponent(subjectRef)}/timeline`).then((res) => res);
}
