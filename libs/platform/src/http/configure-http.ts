import { metricsPortMiddleware, RungMetrics } from '../metrics';
import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import type { RungConfig } from '../config';
import { ProblemDetailsFilter } from '../errors';
import type { JsonLogger } from '../logging';
import { answerClientErrors } from './client-errors';
import { correlationMiddleware } from './correlation.middleware';
import { jsonBody } from './json-body';
import { installShortcut, REQUEST_SHORTCUT, type RequestShortcut } from './request-shortcut';

const CORS_HEADERS = ['authorization', 'content-type', 'if-none-match', 'x-correlation-id'];

/** HTTP set-up shared by every app: security headers, CORS when asked, correlation ids, the JSON body limit, and problem documents for every error. */
export function configureHttp(app: INestApplication, config: RungConfig, logger: JsonLogger): void {
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  app.use(helmet());
  if (config.corsOrigins) {
    app.enableCors({ origin: config.corsOrigins, allowedHeaders: CORS_HEADERS, exposedHeaders: ['etag', 'x-correlation-id', 'retry-after'], maxAge: 600 });
  }
  const metrics = app.get(RungMetrics, { strict: false });
  app.use(correlationMiddleware(logger, (r) => metrics.requestFinished(r)));
  app.use(metricsPortMiddleware(config));
  app.use(jsonBody(config.maxBodyBytes));
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  answerClientErrors(app.getHttpServer());
  const shortcut = optional<RequestShortcut>(app, REQUEST_SHORTCUT);
  if (shortcut) installShortcut(app.getHttpServer(), shortcut);
  app.enableShutdownHooks();
}

function optional<T>(app: INestApplication, token: symbol): T | undefined {
  try {
    return app.get<T>(token, { strict: false });
  } catch {
    return undefined;
  }
}
