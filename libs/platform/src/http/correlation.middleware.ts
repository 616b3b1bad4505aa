import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from '../logging';
import { requestContext } from '../logging';

const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives each request a correlation id (the caller's, when it is a safe token) and logs one line when
 * it ends. The line names the route pattern, never the URL: URLs can carry subject references.
 */
export function correlationMiddleware(logger: JsonLogger, finished: (r: { method: string; route: string; status: number; seconds: number }) => void = () => undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = req.header(CORRELATION_HEADER);
    const correlationId = offered && SAFE_ID.test(offered) ? offered : randomUUID();
    res.setHeader(CORRELATION_HEADER, correlationId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      finished({ method: req.method, route, status: res.statusCode, seconds: durationMs / 1000 });
      requestContext.run({ correlationId }, () =>
        logger.event(res.statusCode >= 500 ? 'error' : 'info', 'request', {
          method: req.method, route, status: res.statusCode, durationMs: Math.round(durationMs * 100) / 100,
        }));
    });
    requestContext.run({ correlationId }, next);
  };
}
