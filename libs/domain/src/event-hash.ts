import { hash } from 'node:crypto';
import type { PseudonymisedEvent } from '@rung/contracts';

/** A digest of everything an event says, so a resend with the same eventId can be told from a conflict. */
export function eventBodyHash(e: PseudonymisedEvent): string {
  const body = [e.type, e.schemaVersion, e.orgId, e.subjectId, e.occurredAt, e.source, canonicalJson(e.data)];
  return hash('sha256', JSON.stringify(body), 'base64').slice(0, 22);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
