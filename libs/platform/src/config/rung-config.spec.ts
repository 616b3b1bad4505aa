import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './rung-config';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000, host: '127.0.0.1', store: 'embedded', dataDir: './.data', mongoUrl: undefined, pseudonymSecret: undefined,
      pseudonymSecretFile: './.secrets/pseudonym.key', dataKeySecret: undefined, dataKeySecretFile: './.secrets/data.key', maxBatchEvents: 1000, ingestWorkers: 2, maxBodyBytes: 8 * 1024 * 1024,
      logLevel: 'info', projectionLagCheckSeconds: 30, readModelPollMs: 1000, metricsPort: undefined, suppressionK: 5, analyticsMaterialiseSeconds: 60, analyticsCacheEntries: 500,
      kafkaBrokers: undefined, kafkaClientId: 'rung-ingest', kafkaGroupId: 'rung-ingest', kafkaBatchSize: 500,
      kafkaRetryBackoffMaxMs: 30000, kafkaSessionTimeoutMs: 30000, kafkaPartitionsConcurrently: 3, kafkaSsl: false,
      kafkaSslCaFile: undefined, kafkaSaslMechanism: undefined, kafkaSaslUsername: undefined, kafkaSaslPassword: undefined,
      analyticsCacheAsOfValues: 5, analyticsColdConcurrency: 2, analyticsColdQueue: 32, analyticsWorkers: 1,
      maxQueryCost: 4320, maxCohortsPerOrg: 200, maxStudiesPerOrg: 50, maxCheckpointsPerOrg: 200, maxCheckpointBytes: 32 * 1024 * 1024,
      retentionYearsAfterExit: undefined, retentionRunHours: 24,
      adminKey: undefined, adminKeyFile: './.secrets/admin.key', corsOrigins: undefined,
      rateLimitWindowSeconds: 60, rateLimitIngest: 3000, rateLimitResearch: 600, rateLimitDashboard: 1200, rateLimitAdmin: 120,
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

  it('reads the access settings: the admin key (never shown in an error), CORS origins and rate limits', () => {
    const config = loadConfig({ RUNG_ADMIN_KEY: 'cd'.repeat(32), CORS_ORIGINS: 'https://dash.example.org, http://localhost:5173', RATE_LIMIT_DASHBOARD: '60' });
    expect(config).toMatchObject({ adminKey: 'cd'.repeat(32), corsOrigins: ['https://dash.example.org', 'http://localhost:5173'], rateLimitDashboard: 60 });
    const error = captured(() => loadConfig({ RUNG_ADMIN_KEY: 'tooshortsecret', CORS_ORIGINS: '*' }));
    expect(error.problems).toEqual([
      "RUNG_ADMIN_KEY must be at least 32 random bytes, as hex or base64 (got '…')",
      "CORS_ORIGINS must be a comma-separated list of origins such as https://dashboard.example.org (got '*')",
    ]);
  });

  it('selects MongoDB with STORE=mongo and a MONGO_URL', () => {
    expect(loadConfig({ STORE: 'mongo', MONGO_URL: 'mongodb://db:27017/rung?replicaSet=rs0' })).toMatchObject({ store: 'mongo', mongoUrl: 'mongodb://db:27017/rung?replicaSet=rs0' });
    expect(loadConfig({ STORE: 'mongo', MONGO_URL: 'mongodb+srv://cluster.example.net/rung' }).mongoUrl).toBe('mongodb+srv://cluster.example.net/rung');
  });

  it('requires MONGO_URL with STORE=mongo, and a mongodb:// or mongodb+srv:// one, without echoing its password', () => {
    expect(captured(() => loadConfig({ STORE: 'mongo' })).problems).toEqual(['MONGO_URL (or MONGO_URL_FILE) is required when STORE=mongo']);
    expect(captured(() => loadConfig({ STORE: 'mongo', MONGO_URL: 'postgres://rung:hunter2@db/rung' })).problems).toEqual([
      "MONGO_URL must be a mongodb:// or mongodb+srv:// connection string (got 'postgres://…@db/rung')",
    ]);
  });

  it('keeps leavers forever unless RETENTION_YEARS_AFTER_EXIT gives a whole number of years from 1 to 100', () => {
    expect(loadConfig({ RETENTION_YEARS_AFTER_EXIT: '7', RETENTION_RUN_HOURS: '6' })).toMatchObject({ retentionYearsAfterExit: 7, retentionRunHours: 6 });
    expect(captured(() => loadConfig({ RETENTION_YEARS_AFTER_EXIT: '0', RETENTION_RUN_HOURS: '1000' })).problems).toEqual([
      "RETENTION_YEARS_AFTER_EXIT must be a whole number from 1 to 100 (got '0')",
      "RETENTION_RUN_HOURS must be a whole number from 1 to 168 (got '1000')",
    ]);
  });

  it('never lets the disclosure threshold k fall below 3', () => {
    expect(loadConfig({ SUPPRESSION_K: '10' }).suppressionK).toBe(10);
    expect(captured(() => loadConfig({ SUPPRESSION_K: '2' })).problems).toEqual(["SUPPRESSION_K must be a whole number from 3 to 1000 (got '2')"]);
  });

  it('refuses to keep a generated key inside the data directory', () => {
    const error = captured(() => loadConfig({ DATA_DIR: '/srv/rung', PSEUDONYM_SECRET_FILE: '/srv/rung/key', DATA_KEY_SECRET_FILE: '/srv/rung/keys/data.key' }));
    expect(error.problems).toEqual([
      "PSEUDONYM_SECRET_FILE must lie outside DATA_DIR, so the key is kept apart from the event data (got '/srv/rung/key')",
      "DATA_KEY_SECRET_FILE must lie outside DATA_DIR, so the key is kept apart from the event data (got '/srv/rung/keys/data.key')",
    ]);
    expect(loadConfig({ DATA_DIR: '/srv/rung', PSEUDONYM_SECRET_FILE: '/srv/key', DATA_KEY_SECRET: 'ab'.repeat(32) }).dataKeySecret).toEqual(Buffer.alloc(32, 0xab));
  });

  it('refuses one file for both generated keys', () => {
    const error = captured(() => loadConfig({ PSEUDONYM_SECRET_FILE: '/srv/keys/key', DATA_KEY_SECRET_FILE: '/srv/keys/../keys/key' }));
    expect(error.problems).toEqual(['PSEUDONYM_SECRET_FILE and DATA_KEY_SECRET_FILE name the same file; each key needs its own']);
  });

  it('reads a secret X from the file X_FILE names, trimmed, as Docker and Kubernetes secrets are mounted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-config-'));
    const files = { url: join(dir, 'mongo_url'), password: join(dir, 'kafka_password') };
    writeFileSync(files.url, 'mongodb://rung:s3cret@mongo:27017/rung?replicaSet=rs0\n');
    writeFileSync(files.password, '  correct horse battery staple \n');
    const config = loadConfig({
      STORE: 'mongo', MONGO_URL_FILE: files.url,
      KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'rung', KAFKA_SASL_PASSWORD_FILE: files.password,
    });
    expect(config).toMatchObject({ mongoUrl: 'mongodb://rung:s3cret@mongo:27017/rung?replicaSet=rs0', kafkaSaslPassword: 'correct horse battery staple' });
  });

  it('refuses a secret given both as X and as X_FILE, naming both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-config-'));
    writeFileSync(join(dir, 'url'), 'mongodb://mongo/rung');
    const error = captured(() => loadConfig({
      STORE: 'mongo', MONGO_URL: 'mongodb://mongo/rung', MONGO_URL_FILE: join(dir, 'url'),
      PSEUDONYM_SECRET: 'ab'.repeat(32), PSEUDONYM_SECRET_FILE: join(dir, 'key'),
      DATA_KEY_SECRET: 'cd'.repeat(32), DATA_KEY_SECRET_FILE: join(dir, 'data.key'),
    }));
    expect(error.problems).toEqual([
      'MONGO_URL and MONGO_URL_FILE are both set; set only one of them',
      'PSEUDONYM_SECRET and PSEUDONYM_SECRET_FILE are both set; set only one of them',
      'DATA_KEY_SECRET and DATA_KEY_SECRET_FILE are both set; set only one of them',
    ]);
  });

  it('names the variable and the path of an X_FILE that cannot be read or is empty, never what a file holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-config-'));
    writeFileSync(join(dir, 'empty'), ' \n');
    writeFileSync(join(dir, 'url'), 'postgres://rung:hunter2@db/rung\n');
    const error = captured(() => loadConfig({
      MONGO_URL_FILE: join(dir, 'url'), KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing'), RUNG_ADMIN_KEY_FILE: join(dir, 'empty'),
      KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'rung',
    }));
    expect(error.problems).toEqual([
      `MONGO_URL (from MONGO_URL_FILE '${join(dir, 'url')}') must be a mongodb:// or mongodb+srv:// connection string (got 'postgres://…@db/rung')`,
      `RUNG_ADMIN_KEY_FILE names an empty file: '${join(dir, 'empty')}'`,
      `KAFKA_SASL_PASSWORD_FILE names a file that cannot be read: '${join(dir, 'missing')}' (ENOENT)`,
    ]);
    expect(error.message).not.toContain('hunter2');
    expect(captured(() => loadConfig({ MONGO_URL_FILE: dir })).problems).toEqual([`MONGO_URL_FILE names a file that cannot be read: '${dir}' (EISDIR)`]);
  });

  it('never shows a secret in an error, from the environment or from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-config-'));
    writeFileSync(join(dir, 'key'), 'tooshort');
    const error = captured(() => loadConfig({ RUNG_ADMIN_KEY_FILE: join(dir, 'key'), KAFKA_SASL_PASSWORD: '   ', KAFKA_SASL_USERNAME: 'rung', KAFKA_SASL_MECHANISM: 'plain' }));
    expect(error.problems).toEqual([
      `RUNG_ADMIN_KEY (from RUNG_ADMIN_KEY_FILE '${join(dir, 'key')}') must be at least 32 random bytes, as hex or base64 (got '…')`,
      "KAFKA_SASL_PASSWORD must not be empty (got '…')",
    ]);
    expect(error.message).not.toContain('tooshort');
  });

  it('reads the Kafka TLS and SASL settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-config-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    const config = loadConfig({
      KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: join(dir, 'ca.pem'),
      KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'rung-ingest', KAFKA_SASL_PASSWORD: 'pa55word',
    });
    expect(config).toMatchObject({
      kafkaSsl: true, kafkaSslCaFile: join(dir, 'ca.pem'), kafkaSaslMechanism: 'scram-sha-256', kafkaSaslUsername: 'rung-ingest', kafkaSaslPassword: 'pa55word',
    });
    expect(loadConfig({ KAFKA_SSL: 'false' }).kafkaSsl).toBe(false);
  });

  it('checks the Kafka TLS and SASL settings, each on its own and together', () => {
    expect(captured(() => loadConfig({ KAFKA_SSL: 'yes', KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' })).problems).toEqual([
      "KAFKA_SSL must be true or false (got 'yes')",
      "KAFKA_SSL_CA_FILE must be the path of a readable file (got '/nonexistent/ca.pem')",
      "KAFKA_SASL_MECHANISM must be one of: plain, scram-sha-256, scram-sha-512 (got 'gssapi')",
      'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) as well',
      'KAFKA_SSL_CA_FILE is used only with KAFKA_SSL=true',
    ]);
    expect(captured(() => loadConfig({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'pa55word' })).problems).toEqual([
      'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME as well',
    ]);
    expect(captured(() => loadConfig({ KAFKA_SASL_USERNAME: 'rung' })).problems).toEqual([
      'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are used only with KAFKA_SASL_MECHANISM, which is unset',
    ]);
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
