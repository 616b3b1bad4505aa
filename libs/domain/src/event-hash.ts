import { hash } from 'node:crypto';
import type { PseudonymisedEvent } from '@rung/contracts';

/** A digest of everything an event says, so a resend with the same eventId can be told from a conflict. */
export function eventBodyHash(e: PseudonymisedEvent): string {
  const body = [e.type, e.schemaVersion, e.orgId, e.subjectId, e.occurredAt, e.source, flatCanonicalJson(e.data)];
  return hash('sha256', JSON.stringify(body), 'base64').slice(0, 22);
}

/** Event data is flat (§4), so sorting the top-level keys makes it canonical; the native replacer does that fast. */
function flatCanonicalJson(data: Record<string, unknown>): string {
  return JSON.stringify(data, Object.keys(data).sort());
}
