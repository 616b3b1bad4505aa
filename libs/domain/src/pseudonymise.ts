import { createHmac } from 'node:crypto';

/**
 * The keyed pseudonym of a subject (§8): HMAC-SHA256 over orgId and subjectRef. The separator byte
 * keeps ("ab", "c") and ("a", "bc") apart.
 */
export function pseudonymiseSubject(secret: Buffer, orgId: string, subjectRef: string): string {
  return createHmac('sha256', secret).update(orgId).update('\u0000').update(subjectRef).digest('hex');
}

/**
 * The keyed pseudonym of a reference that analyses only compare for equality (§8), such as an
 * applicationId: HMAC-SHA256 over orgId, the field's name and the reference. With the field's name in
 * it, an applicationId never shares a pseudonym with an equal vacancyRef or subjectRef.
 */
export function pseudonymiseReference(secret: Buffer, orgId: string, field: string, ref: string): string {
  return createHmac('sha256', secret).update(orgId).update('\u0000').update(field).update('\u0000').update(ref).digest('hex');
}

/** Every pseudonym ingestion takes, under one key. */
export interface Pseudonyms {
  subject(orgId: string, subjectRef: string): string;
  reference(orgId: string, field: string, ref: string): string;
}

export function keyedPseudonyms(secret: Buffer): Pseudonyms {
  return {
    subject: (orgId, subjectRef) => pseudonymiseSubject(secret, orgId, subjectRef),
    reference: (orgId, field, ref) => pseudonymiseReference(secret, orgId, field, ref),
  };
}
