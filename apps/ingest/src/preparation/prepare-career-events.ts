import { PSEUDONYMISED_FIELDS, SUBJECT_REFERENCE_FIELDS, validateCareerEvent, type CareerEvent, type FieldError, type PseudonymisedEvent } from '@rung/contracts';
import { eventBodyHash, type Pseudonyms } from '@rung/domain';

export type PreparedEvent =
  | { ok: true; event: PseudonymisedEvent; bodyHash: string }
  | { ok: false; eventId: string | null; errors: FieldError[] };

/**
 * Everything about a raw batch that needs no store: validation, pseudonymisation and body digests.
 * Pure CPU work, so it can run on a worker thread. Each pseudonym is computed once per batch.
 */
export function prepareCareerEvents(raw: readonly unknown[], pseudonyms: Pseudonyms): PreparedEvent[] {
  const pseudonymise = batchPseudonymiser(pseudonyms);
  return raw.map((item): PreparedEvent => {
    const checked = validateCareerEvent(item);
    if (!checked.ok) return { ok: false, eventId: rawEventId(item), errors: checked.errors };
    const event = pseudonymise(checked.event);
    return { ok: true, event, bodyHash: eventBodyHash(event) };
  });
}

/**
 * Replaces subjectRef, each reference of PSEUDONYMISED_FIELDS, and each subject reference of
 * SUBJECT_REFERENCE_FIELDS by its keyed pseudonym. A subject reference (a mentor's subjectRef) is
 * pseudonymised exactly as subjectRef is, so it equals the referenced subject's subjectId.
 */
function batchPseudonymiser(pseudonyms: Pseudonyms): (event: CareerEvent) => PseudonymisedEvent {
  const known = new Map<string, string>();
  const memo = (key: string, compute: () => string): string => {
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = compute()));
    return value;
  };
  const subject = (orgId: string, ref: string): string => memo(`\u0000${orgId}\u0000${ref}`, () => pseudonyms.subject(orgId, ref));
  return ({ subjectRef, ...event }) => {
    const { orgId } = event;
    const subjectId = subject(orgId, subjectRef);
    const fields: readonly string[] = PSEUDONYMISED_FIELDS[event.type] ?? [];
    const subjectFields: readonly string[] = SUBJECT_REFERENCE_FIELDS[event.type] ?? [];
    if (!fields.length && !subjectFields.length) return { ...event, subjectId } as PseudonymisedEvent;
    const data: Record<string, unknown> = { ...event.data };
    for (const field of fields) {
      const ref = data[field] as string;
      data[field] = memo(`${field}\u0000${orgId}\u0000${ref}`, () => pseudonyms.reference(orgId, field, ref));
    }
    for (const field of subjectFields) {
      const ref = data[field];
      if (typeof ref === 'string') data[field] = subject(orgId, ref);
    }
    return { ...event, subjectId, data } as PseudonymisedEvent;
  };
}

function rawEventId(raw: unknown): string | null {
  const id = (raw as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}
