import type { ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

/** The JSON problem document every error answer carries (errors/problem.ts). */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'title', 'detail'],
  properties: {
    status: { type: 'integer', example: 422 },
    title: { type: 'string', example: 'Unprocessable Entity' },
    detail: { type: 'string', example: 'The cohort definition is not valid.' },
    code: { type: 'string', description: 'The domain error code, e.g. validation-failed, forbidden, limit-exceeded.', example: 'validation-failed' },
    errorId: { type: 'string', description: 'Only on a 500: quote it when reporting the error.' },
    errors: {
      type: 'array',
      description: 'One entry per bad field, with its dotted path.',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string', example: 'entry.between' }, message: { type: 'string', example: 'must be [from, to]' } },
      },
    },
  },
};

export const PROBLEM_REF: ReferenceObject = { $ref: '#/components/schemas/Problem' };

/** What each status means on every route that can answer it; a route's own description wins. */
export const STANDARD_PROBLEMS: Record<number, string> = {
  400: 'The body is not JSON, is not the expected shape, or nests deeper than 64 levels.',
  401: 'No key, an unknown or revoked key, or not `Authorization: Bearer rung_…`.',
  403: 'The key\'s roles or organisations do not allow this.',
  404: 'Not found (or not visible to this key).',
  409: 'Conflict with what is stored.',
  413: 'The body is larger than MAX_BODY_BYTES, or the batch holds more than MAX_BATCH_EVENTS events.',
  422: 'The request is well-formed but not valid; `errors` names each bad field.',
  429: 'The key made more requests than its rate limit allows; see the Retry-After header.',
};

export function problemResponse(status: number, description = STANDARD_PROBLEMS[status] ?? 'Error'): ResponseObject {
  return {
    description,
    ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds until the window resets.', schema: { type: 'integer' } } } } : {}),
    ...(status === 401 ? { headers: { 'WWW-Authenticate': { description: 'Bearer realm="rung"', schema: { type: 'string' } } } } : {}),
    content: { 'application/problem+json': { schema: PROBLEM_REF } },
  };
}
