import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus } from '@nestjs/common';
import { DOMAIN_ERROR_STATUS, DomainError, type ErrorDetail } from '@rung/domain';

export interface ProblemDocument {
  status: number;
  title: string;
  detail: string;
  code?: string;
  errorId?: string;
  errors?: ErrorDetail[];
}

interface BodyParserError {
  type: string;
  status?: number;
  statusCode?: number;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** Maps any thrown value to a problem document. Unknown errors get an error id and no internals. */
export function toProblem(error: unknown): ProblemDocument {
  if (error instanceof DomainError) {
    const status = DOMAIN_ERROR_STATUS[error.code];
    const problem = status >= 500 && error.code !== 'store-unavailable' ? internal() : describe(status, error.message, error.code);
    return error.details.length && status < 500 ? { ...problem, errors: [...error.details] } : problem;
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (isBodyParserError(error)) return fromBodyParser(error);
  return internal();
}

function describe(status: number, detail: string, code?: string): ProblemDocument {
  return { status, title: titleFor(status), detail, ...(code ? { code } : {}) };
}

function internal(): ProblemDocument {
  const errorId = randomUUID();
  return { ...describe(500, `An unexpected error occurred. Quote error id ${errorId} when reporting it.`), errorId };
}

function fromHttpException(error: HttpException): ProblemDocument {
  const status = error.getStatus();
  if (status >= 500) return internal();
  const response = error.getResponse();
  const detail = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
  return describe(status, detail);
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string'
    && typeof ((error as BodyParserError).status ?? (error as BodyParserError).statusCode) === 'number';
}

function fromBodyParser(error: BodyParserError): ProblemDocument {
  switch (error.type) {
    case 'entity.too.large':
      return describe(HttpStatus.PAYLOAD_TOO_LARGE, 'The request body is larger than this server accepts.', 'payload-too-large');
    case 'entity.parse.failed':
      return describe(HttpStatus.BAD_REQUEST, 'The request body is not valid JSON.', 'bad-request');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return describe(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'The request body must be UTF-8 JSON.', 'bad-request');
    default: {
      const status = error.status ?? error.statusCode ?? 400;
      return status >= 500 ? internal() : describe(status, 'The request body could not be read.', 'bad-request');
    }
  }
}
