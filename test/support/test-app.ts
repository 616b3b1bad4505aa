import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { RungAppModule } from '../../apps/rung/src';
import { createHttpApp, JsonLogger, loadConfig, type RungConfig } from '@rung/platform';

export const TEST_SECRET = 'a3f1c29e5b7d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';

export interface TestApp {
  app: INestApplication;
  config: RungConfig;
  dataDir: string;
  logs: string[];
  restart(): Promise<TestApp>;
  close(): Promise<void>;
}

/** The all-in-one app on a fresh data directory, listening on a random loopback port. */
export async function startTestApp(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'rung-'))): Promise<TestApp> {
  // In-process apps run from sources, and worker threads can only load the built app: prepare inline.
  const config = loadConfig({ DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'warn', INGEST_WORKERS: '0', ...env });
  const logs: string[] = [];
  const logger = new JsonLogger(config.logLevel, (line) => logs.push(line));
  const app = await createHttpApp(RungAppModule.forRoot(config, logger), config, logger);
  await app.listen(0, '127.0.0.1');
  return {
    app, config, dataDir, logs,
    restart: async () => {
      await app.close();
      return startTestApp(env, dataDir);
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
