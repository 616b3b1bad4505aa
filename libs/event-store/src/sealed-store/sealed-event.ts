import { createHmac } from 'node:crypto';
import type { PseudonymisedEvent, RecordedEvent } from '@rung/contracts';
import { open, seal } from '../sealing/envelope';

/**
 * What a sealed event keeps in the clear: its ids, type, organisation, stream position and arrival
 * time. Its `data` and `occurredAt` (everything it says about the person) are one AES-256-GCM
 * ciphertext under the subject's data key, bound to its stream and event id.
 */
export const SEALED_OCCURRED_AT = 'sealed';

interface SealedData {
  sealed: string;
}

function aadOf(e: { subjectId: string; eventId: string }): string {
  return `${e.subjectId}\n${e.eventId}`;
}

export function isSealed(e: { data: unknown }): boolean {
  return typeof (e.data as Partial<SealedData>).sealed === 'string' && Object.keys(e.data as object).length === 1;
}

export function sealEvent<E extends PseudonymisedEvent>(e: E, dataKey: Buffer): E {
  const sealed = seal(dataKey, JSON.stringify([e.occurredAt, e.data]), aadOf(e));
  return { ...e, occurredAt: SEALED_OCCURRED_AT, data: { sealed } as unknown as E['data'] };
}

/** The event as it was before sealing; an event stored before encryption is given back as it is. */
export function openEvent(e: RecordedEvent, dataKey: Buffer): RecordedEvent {
  if (!isSealed(e)) return e;
  const [occurredAt, data] = JSON.parse(open(dataKey, (e.data as unknown as SealedData).sealed, aadOf(e))) as [string, RecordedEvent['data']];
  return { ...e, occurredAt, data } as RecordedEvent;
}

/**
 * The body digest the store keeps to tell a resend from a conflict, keyed by the subject's data key:
 * a plain digest of a short body (an ethnicity code, a grade) could be found by trying every value,
 * and must not outlive the key.
 */
export function keyedBodyHash(dataKey: Buffer, bodyHash: string): string {
  return createHmac('sha256', dataKey).update(bodyHash).digest('base64').slice(0, 22);
}
