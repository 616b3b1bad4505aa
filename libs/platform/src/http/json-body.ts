import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '@rung/contracts';
import { DomainError } from '@rung/domain';

interface BodyParserError {
  type?: string;
}

/**
 * JSON bodies up to the configured size and MAX_JSON_DEPTH levels of nesting. Parser errors become
 * domain errors here, because their messages quote the body, and the body must never be echoed or
 * logged. JSON.parse itself takes any depth, but code that walks a value recursively does not, so a
 * deeper body is refused before anything else sees it.
 */
export function jsonBody(limit: number): RequestHandler {
  const parse = json({ limit, strict: false });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (error !== undefined) next(toDomainError(error as BodyParserError));
      else if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) next(tooDeep());
      else next();
    });
  };
}

function tooDeep(): DomainError {
  return new DomainError('bad-request', `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels, which this server does not accept.`);
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
