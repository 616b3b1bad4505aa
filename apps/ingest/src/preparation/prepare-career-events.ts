import { validateCareerEvent, type CareerEvent, type FieldError, type PseudonymisedEvent } from '@rung/contracts';
import { eventBodyHash } from '@rung/domain';

export type PreparedEvent =
  | { ok: true; event: PseudonymisedEvent; bodyHash: string }
  | { ok: false; eventId: string | null; errors: FieldError[] };

export type SubjectIdOf = (orgId: string, subjectRef: string) => string;

/**
 * Everything about a raw batch that needs no store: validation, pseudonymisation and body digests.
 * Pure CPU work, so it can run on a worker thread. A pseudonym is computed once per subject per batch.
 */
export function prepareCareerEvents(raw: readonly unknown[], subjectIdOf: SubjectIdOf): PreparedEvent[] {
  const known = new Map<string, string>();
  const pseudonymise = ({ subjectRef, ...event }: CareerEvent): PseudonymisedEvent => {
    const key = `${event.orgId}\u0000${subjectRef}`;
    let subjectId = known.get(key);
    if (subjectId === undefined) known.set(key, (subjectId = subjectIdOf(event.orgId, subjectRef)));
    return { ...event, subjectId } as PseudonymisedEvent;
  };
  return raw.map((item): PreparedEvent => {
    const checked = validateCareerEvent(item);
    if (!checked.ok) return { ok: false, eventId: rawEventId(item), errors: checked.errors };
    const event = pseudonymise(checked.event);
    return { ok: true, event, bodyHash: eventBodyHash(event) };
  });
}

function rawEventId(raw: unknown): string | null {
  const id = (raw as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}
