import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { DOMAIN_ERROR_STATUS, DomainError, type ErrorDetail } from '@rung/domain';

export interface ProblemDocument {
  status: number;
  title: string;
  detail: string;
  code?: string;
  errorId?: string;
  errors?: ErrorDetail[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 431: 'Request Header Fields Too Large',
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
  // The router's own 404 quotes the path, which can carry a subject reference.
  if (status === 404) return describe(404, 'There is nothing at this address.');
  const response = error.getResponse();
  const detail = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
  return describe(status, detail);
}

/** The HTTP status an error will be answered with, without building the document. */
export function statusOf(error: unknown): number {
  if (error instanceof DomainError) return DOMAIN_ERROR_STATUS[error.code];
  if (error instanceof HttpException) return error.getStatus();
  return 500;
}
