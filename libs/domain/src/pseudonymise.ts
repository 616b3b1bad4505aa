import { createHmac } from 'node:crypto';

/**
 * The keyed pseudonym of a subject (§8): HMAC-SHA256 over orgId and subjectRef. The separator byte
 * keeps ("ab", "c") and ("a", "bc") apart.
 */
export function pseudonymiseSubject(secret: Buffer, orgId: string, subjectRef: string): string {
  return createHmac('sha256', secret).update(orgId).update('\u0000').update(subjectRef).digest('hex');
}
