import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, type RungConfig } from './config';
import { configureHttp } from './http';
import { JsonLogger } from './logging';
import { startupProblem } from './startup-problem';
import { listenForMetrics } from './metrics';
import { setupOpenApi } from './openapi';

export type RootModuleFactory = (config: RungConfig, logger: JsonLogger) => DynamicModule;

export async function createHttpApp(root: DynamicModule, config: RungConfig, logger: JsonLogger): Promise<INestApplication> {
  const app = await NestFactory.create(root, { bodyParser: false, logger, abortOnError: false });
  configureHttp(app, config, logger);
  setupOpenApi(app);
  return app;
}

/** The one place that reads process.env: validate it, build the app, listen. Exits 1 with a clear message on bad config. */
export async function runMain(name: string, rootFor: RootModuleFactory, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: RungConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = new JsonLogger(config.logLevel);
  const app = await createHttpApp(rootFor(config, logger), config, logger).catch((error: unknown) => exitOnProblem(error, config));
  await app.listen(config.port, config.host).catch((error: unknown) => exitOnProblem(error, config));
  const metricsPort = await listenForMetrics(app, config).catch((error: unknown) => exitOnProblem(error, config));
  const address = app.getHttpServer().address() as { port: number } | null;
  logger.event('info', `${name} listening`, { host: config.host, port: address?.port ?? config.port, metricsPort, store: config.store });
}

/** A start-up failure the user can fix ends in one line and exit status 1; anything else is thrown on. */
function exitOnProblem(error: unknown, config: RungConfig): never {
  const problem = startupProblem(error, config);
  if (!problem) throw error;
  process.stderr.write(`rung: ${problem}\n`);
  process.exit(1);
}
