import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { RungAppModule } from '../../apps/rung/src';
import { createHttpApp, JsonLogger, loadConfig, type RungConfig } from '@rung/platform';
import { authed, standardKeys, TEST_ACCESS_ENV, type TestKeys, type TestRole } from './keys';

export const TEST_SECRET = 'a3f1c29e5b7d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';

export interface TestApp {
  app: INestApplication;
  config: RungConfig;
  dataDir: string;
  logs: string[];
  url: string;
  /** One key of each role over every organisation; admin is the registered RUNG_ADMIN_KEY. */
  keys: TestKeys;
  /** A supertest agent that sends the key of the role with every request. */
  as(role: TestRole | 'exact'): ReturnType<typeof authed>;
  /** Closes the app, runs `between` (to change its files, say), and starts it again on the same data. */
  restart(between?: () => void): Promise<TestApp>;
  close(): Promise<void>;
}

/** The all-in-one app on a fresh data directory, listening on a random loopback port, with a key of each role. */
export async function startTestApp(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'rung-')),
  options: { withKeys?: boolean } = {},
): Promise<TestApp> {
  // In-process apps run from sources, and worker threads can only load the built app: prepare inline.
  const config = loadConfig({
    DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'warn', INGEST_WORKERS: '0', ...TEST_ACCESS_ENV, ...env,
  });
  const logs: string[] = [];
  const logger = new JsonLogger(config.logLevel, (line) => logs.push(line));
  const app = await createHttpApp(RungAppModule.forRoot(config, logger), config, logger);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const keys = options.withKeys === false ? { ingest: '', research: '', dashboard: '', metrics: '', admin: '', exact: '' } : await standardKeys(url);
  return {
    app, config, dataDir, logs, url, keys,
    as: (role) => authed(app.getHttpServer() as App, keys[role]),
    restart: async (between) => {
      await app.close();
      between?.();
      return startTestApp(env, dataDir, options);
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
