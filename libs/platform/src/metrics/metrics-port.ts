import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { DomainError } from '@rung/domain';
import type { RungConfig } from '../config';
import { toProblem } from '../errors/problem';
import { answerClientErrors } from '../http/client-errors';

const VIA_METRICS_PORT = Symbol('viaMetricsPort');
type Tagged = IncomingMessage & { [VIA_METRICS_PORT]?: true };

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0];
}

function notFound(res: ServerResponse): void {
  const problem = toProblem(new DomainError('not-found', 'No route here.'));
  res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
}

/**
 * With METRICS_PORT set, /metrics is served on that port only: the main port answers 404 for it.
 * The metrics port answers nothing else, and still asks for a key with the `metrics` role.
 */
export function metricsPortMiddleware(config: RungConfig): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    if (config.metricsPort !== undefined && pathOf(req.url) === '/metrics' && !(req as Tagged)[VIA_METRICS_PORT]) notFound(res);
    else next();
  };
}

/** Listens on METRICS_PORT, if set, handing /metrics to the app itself (so the guard, audit and counters apply); returns the port. */
export async function listenForMetrics(app: INestApplication, config: RungConfig): Promise<number | undefined> {
  if (config.metricsPort === undefined) return undefined;
  const handler = app.getHttpAdapter().getInstance() as RequestListener;
  const server: Server = createServer((req, res) => {
    if (pathOf(req.url) !== '/metrics') return notFound(res);
    (req as Tagged)[VIA_METRICS_PORT] = true;
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.host, () => resolve());
  });
  answerClientErrors(server);
  server.unref();
  app.getHttpServer().once('close', () => server.close());
  return (server.address() as { port: number }).port;
}
