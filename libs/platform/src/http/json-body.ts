import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { DomainError } from '@rung/domain';

interface BodyParserError {
  type?: string;
}

/**
 * JSON bodies up to the configured limit. Parser errors become domain errors here, because their
 * messages quote the body, and the body must never be echoed or logged.
 */
export function jsonBody(limit: number): RequestHandler {
  const parse = json({ limit, strict: false });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => next(error === undefined ? undefined : toDomainError(error as BodyParserError)));
  };
}

function toDomainError(error: BodyParserError): DomainError {
  switch (error.type ?? '') {
    case 'entity.too.large':
      return new DomainError('payload-too-large', 'The request body is larger than this server accepts.');
    case 'entity.parse.failed':
      return new DomainError('bad-request', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('bad-request', 'The request body must be UTF-8 JSON.');
    default:
      return new DomainError('bad-request', 'The request body could not be read.');
  }
}
