import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { FinishedRequest } from '../metrics/rung-metrics';
import type { JsonLogger } from '../logging';
import { requestContext } from '../logging';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's correlation id when it is a safe token, else a new one. */
export function correlationIdOf(offered: string | string[] | undefined): string {
  return typeof offered === 'string' && SAFE_ID.test(offered) ? offered : randomUUID();
}

export type RequestFinished = (r: FinishedRequest) => void;

/** The one log line of a finished request, and its metrics. The line names the route pattern, never the URL: URLs can carry subject references. */
export function reportFinished(logger: JsonLogger, finished: RequestFinished, correlationId: string, r: FinishedRequest): void {
  finished(r);
  requestContext.run({ correlationId }, () =>
    logger.event(r.status >= 500 ? 'error' : 'info', 'request', {
      method: r.method, route: r.route, status: r.status, durationMs: Math.round(r.seconds * 100_000) / 100,
    }));
}

/** Gives each request a correlation id and reports it when it ends (`reportFinished`). */
export function correlationMiddleware(logger: JsonLogger, finished: RequestFinished = () => undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const correlationId = correlationIdOf(req.header(CORRELATION_HEADER));
    res.setHeader(CORRELATION_HEADER, correlationId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      reportFinished(logger, finished, correlationId, { method: req.method, route, status: res.statusCode, seconds });
    });
    requestContext.run({ correlationId }, next);
  };
}
