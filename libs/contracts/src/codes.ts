/**
 * A reference or grade: no spaces, at most 64 characters. References (subjectRef, applicationId,
 * vacancyRef) are pseudonymised and grades are checked against their scheme; codes Rung stores as sent
 * follow the stricter rule of direct-identifiers.ts.
 */
export const SHORT_CODE = /^[A-Za-z0-9][A-Za-z0-9._:/+-]{0,63}$/;
export const ORG_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const SHORT_CODE_MESSAGE = 'must be a short code (letters, digits and . _ : / + -, at most 64 characters, no spaces)';
