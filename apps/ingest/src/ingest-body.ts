import { DomainError } from '@rung/domain';

/** Reads the body of POST /v1/events: one event, or `{ "events": [...] }` (§7a). */
export function eventsFromBody(body: unknown, maxBatch: number): unknown[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError('bad-request', 'The body must be one event object, or { "events": [ … ] }, sent as application/json.');
  }
  const { events } = body as { events?: unknown };
  if (events === undefined) {
    if ('type' in body || 'eventId' in body) return [body];
    throw new DomainError('bad-request', 'The body is neither an event nor a batch: send one event, or { "events": [ … ] }.');
  }
  if (!Array.isArray(events) || Object.keys(body).length !== 1) {
    throw new DomainError('bad-request', 'A batch is { "events": [ … ] } with nothing else beside the array.');
  }
  if (events.length === 0) throw new DomainError('bad-request', 'A batch must hold at least one event.');
  if (events.length > maxBatch) {
    throw new DomainError('payload-too-large', `A batch holds at most ${maxBatch} events; this one has ${events.length}.`);
  }
  return events;
}
