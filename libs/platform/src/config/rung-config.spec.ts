import { ConfigError, loadConfig } from './rung-config';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000, host: '127.0.0.1', store: 'embedded', dataDir: './.data', mongoUrl: undefined, pseudonymSecret: undefined,
      pseudonymSecretFile: './.secrets/pseudonym.key', maxBatchEvents: 1000, ingestWorkers: 2, maxBodyBytes: 8 * 1024 * 1024,
      logLevel: 'info', projectionLagCheckSeconds: 30, suppressionK: 5, analyticsMaterialiseSeconds: 60, analyticsCacheEntries: 500,
      kafkaBrokers: undefined, kafkaClientId: 'rung-ingest', kafkaGroupId: 'rung-ingest', kafkaBatchSize: 500,
      kafkaRetryBackoffMaxMs: 30000, kafkaSessionTimeoutMs: 30000, kafkaPartitionsConcurrently: 3,
    });
  });

  it('turns Kafka consumption on with KAFKA_BROKERS, a list of host:port, and reads its tuning', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'kafka-1:9092, 10.0.0.7:19092', KAFKA_GROUP_ID: 'ingest-eu', KAFKA_BATCH_SIZE: '200', KAFKA_SESSION_TIMEOUT_MS: '6000' });
    expect(config).toMatchObject({ kafkaBrokers: ['kafka-1:9092', '10.0.0.7:19092'], kafkaGroupId: 'ingest-eu', kafkaBatchSize: 200, kafkaSessionTimeoutMs: 6000 });
    expect(captured(() => loadConfig({ KAFKA_BROKERS: 'kafka-1', KAFKA_SESSION_TIMEOUT_MS: '1000' })).problems).toEqual([
      "KAFKA_BROKERS must be a comma-separated list of host:port (got 'kafka-1')",
      "KAFKA_SESSION_TIMEOUT_MS must be a whole number from 6000 to 300000 (got '1000')",
    ]);
  });

  it('reads and converts each variable', () => {
    const config = loadConfig({ PORT: '8080', STORE: 'embedded', DATA_DIR: '/var/rung', MAX_BATCH_EVENTS: '500', LOG_LEVEL: 'debug', PSEUDONYM_SECRET: 'ab'.repeat(32) });
    expect(config).toMatchObject({ port: 8080, dataDir: '/var/rung', maxBatchEvents: 500, logLevel: 'debug' });
    expect(config.pseudonymSecret).toEqual(Buffer.alloc(32, 0xab));
  });

  it('names every bad variable, with its rule, in one error', () => {
    const error = captured(() => loadConfig({ PORT: 'eighty', STORE: 'postgres', MAX_BATCH_EVENTS: '5000', PSEUDONYM_SECRET: 'short' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([
      "PORT must be a whole number from 0 to 65535 (got 'eighty')",
      "STORE must be one of: embedded, mongo (got 'postgres')",
      "PSEUDONYM_SECRET must be at least 32 random bytes, as hex or base64 (got '…')",
      "MAX_BATCH_EVENTS must be a whole number from 1 to 1000 (got '5000')",
    ]);
    expect(error.message).toContain('Invalid configuration:\n  - PORT must be');
  });

  it('selects MongoDB with STORE=mongo and a MONGO_URL', () => {
    expect(loadConfig({ STORE: 'mongo', MONGO_URL: 'mongodb://db:27017/rung?replicaSet=rs0' })).toMatchObject({ store: 'mongo', mongoUrl: 'mongodb://db:27017/rung?replicaSet=rs0' });
    expect(loadConfig({ STORE: 'mongo', MONGO_URL: 'mongodb+srv://cluster.example.net/rung' }).mongoUrl).toBe('mongodb+srv://cluster.example.net/rung');
  });

  it('requires MONGO_URL with STORE=mongo, and a mongodb:// or mongodb+srv:// one, without echoing its password', () => {
    expect(captured(() => loadConfig({ STORE: 'mongo' })).problems).toEqual(['MONGO_URL is required when STORE=mongo']);
    expect(captured(() => loadConfig({ STORE: 'mongo', MONGO_URL: 'postgres://rung:hunter2@db/rung' })).problems).toEqual([
      "MONGO_URL must be a mongodb:// or mongodb+srv:// connection string (got 'postgres://…@db/rung')",
    ]);
  });

  it('never lets the disclosure threshold k fall below 3', () => {
    expect(loadConfig({ SUPPRESSION_K: '10' }).suppressionK).toBe(10);
    expect(captured(() => loadConfig({ SUPPRESSION_K: '2' })).problems).toEqual(["SUPPRESSION_K must be a whole number from 3 to 1000 (got '2')"]);
  });

  it('refuses to keep the generated pseudonym key inside the data directory', () => {
    const error = captured(() => loadConfig({ DATA_DIR: '/srv/rung', PSEUDONYM_SECRET_FILE: '/srv/rung/key' }));
    expect(error.problems[0]).toMatch(/^PSEUDONYM_SECRET_FILE must lie outside DATA_DIR/);
  });
});

function captured(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
