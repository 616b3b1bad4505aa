import type { INestApplication } from '@nestjs/common';
import type { RungConfig } from '../config';
import { ProblemDetailsFilter } from '../errors';
import type { JsonLogger } from '../logging';
import { correlationMiddleware } from './correlation.middleware';
import { jsonBody } from './json-body';

/** HTTP set-up shared by every app: correlation ids, the JSON body limit and the problem filter. */
export function configureHttp(app: INestApplication, config: RungConfig, logger: JsonLogger): void {
  app.use(correlationMiddleware(logger));
  app.use(jsonBody(config.maxBodyBytes));
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();
}
