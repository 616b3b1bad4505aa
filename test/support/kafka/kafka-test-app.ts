import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { RecordedEvent } from '@rung/contracts';
import { EmbeddedEventStore, EVENT_STORE, type EventStore } from '@rung/event-store';
import { configureHttp, JsonLogger, loadConfig, PSEUDONYMISER, type Pseudonymiser, type RungConfig } from '@rung/platform';
import { KafkaIngestMetrics, type KafkaIngestSnapshot } from '@rung/app-ingest';
import { RungAppModule } from '../../../apps/rung/src';
import type { AddressInfo } from 'node:net';
import { standardKeys, TEST_ACCESS_ENV, type TestKeys } from '../keys';
import { TEST_SECRET } from '../test-app';

/** Short sessions and retries, so that group changes and outages play out in seconds. */
export const KAFKA_TEST_ENV = { KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_RETRY_BACKOFF_MAX_MS: '200', KAFKA_BATCH_SIZE: '50' };

export interface KafkaTestAppOptions {
  brokers: string[];
  groupId: string;
  dataDir?: string;
  env?: Record<string, string>;
  /** Wraps the real embedded store, for fault injection. */
  wrapStore?: (store: EventStore) => EventStore;
}

export interface KafkaTestApp {
  app: INestApplication;
  config: RungConfig;
  dataDir: string;
  /** The app's JSON log lines (warnings and errors). */
  logs: string[];
  /** One key of each role over every organisation. */
  keys: TestKeys;
  metrics(): KafkaIngestSnapshot;
  store(): EventStore;
  /** The subject's stream, in arrival order. */
  stream(orgId: string, subjectRef: string): Promise<RecordedEvent[]>;
  /** How many times each event id is stored. */
  storedIds(): Promise<Map<string, number>>;
  /** What SIGTERM runs (app.close()); keeps the data directory for a successor. */
  stop(): Promise<void>;
  /** Stops if still running, and removes the data directory. */
  close(): Promise<void>;
}

/** The all-in-one app consuming Kafka, on a fresh or given data directory, listening on a random loopback port. */
export async function startKafkaTestApp(options: KafkaTestAppOptions): Promise<KafkaTestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rung-kafka-'));
  const config = loadConfig({
    DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'warn', INGEST_WORKERS: '0',
    KAFKA_BROKERS: options.brokers.join(','), KAFKA_GROUP_ID: options.groupId, ...TEST_ACCESS_ENV, ...KAFKA_TEST_ENV, ...options.env,
  });
  const logs: string[] = [];
  const logger = new JsonLogger(config.logLevel, (line) => logs.push(line));
  const app = await createApp(config, logger, options.wrapStore);
  await app.listen(0, '127.0.0.1');
  const keys = await standardKeys(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (!stopped) await app.close();
    stopped = true;
  };
  const store = (): EventStore => app.get<EventStore>(EVENT_STORE);
  return {
    app, config, dataDir, logs, keys, store, stop,
    metrics: () => app.get(KafkaIngestMetrics).snapshot(),
    stream: (orgId, subjectRef) => store().readStream(app.get<Pseudonymiser>(PSEUDONYMISER).subjectId(orgId, subjectRef)),
    storedIds: () => countIds(store()),
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createApp(config: RungConfig, logger: JsonLogger, wrapStore?: (store: EventStore) => EventStore): Promise<INestApplication> {
  const builder = Test.createTestingModule({ imports: [RungAppModule.forRoot(config, logger)] }).setLogger(logger);
  if (wrapStore) {
    const open = async (): Promise<EventStore> => wrapStore(await EmbeddedEventStore.open({ dataDir: config.dataDir, now: () => new Date() }));
    builder.overrideProvider(EVENT_STORE).useFactory({ factory: open });
  }
  const app = (await builder.compile()).createNestApplication({ bodyParser: false, logger });
  configureHttp(app, config, logger);
  return app;
}

async function countIds(store: EventStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const batch of store.readAll()) batch.forEach((e) => counts.set(e.eventId, (counts.get(e.eventId) ?? 0) + 1));
  return counts;
}
