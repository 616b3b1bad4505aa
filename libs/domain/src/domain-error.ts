/** The codes of domain errors; one global filter maps each to an HTTP status and a problem document. */
export const DOMAIN_ERROR_STATUS = {
  'validation-failed': 422,
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'too-many-requests': 429,
  'payload-too-large': 413,
  'not-found': 404,
  'wrong-expected-version': 409,
  'event-conflict': 409,
  'store-unavailable': 503,
  'journal-corrupt': 500,
  'checkpoint-not-reached': 409,
  /** A definition still used by another (a cohort that an unarchived study uses): archive that first. */
  'in-use': 409,
  /** An archived definition: it is kept, but no longer read. */
  gone: 410,
  /** A configured limit (query cost, definitions per organisation, checkpoint size): the request cannot succeed as it is. */
  'limit-exceeded': 422,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
