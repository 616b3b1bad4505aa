import { resolve } from 'node:path';
import { integer, oneOf, secret, text, type Parsed, type VariableSpec } from './env-parsers';

export const STORE_KINDS = ['embedded', 'mongo'] as const;
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything Rung reads from its environment, validated once at boot. Nothing else reads process.env. */
export interface RungConfig {
  port: number;
  host: string;
  store: (typeof STORE_KINDS)[number];
  dataDir: string;
  /** Required when store is 'mongo'. */
  mongoUrl?: string;
  pseudonymSecret?: Buffer;
  pseudonymSecretFile: string;
  maxBatchEvents: number;
  ingestWorkers: number;
  maxBodyBytes: number;
  logLevel: LogLevel;
  projectionLagCheckSeconds: number;
  suppressionK: number;
  analyticsMaterialiseSeconds: number;
  analyticsCacheEntries: number;
  /** Kafka bootstrap brokers; when unset, Kafka consumption is off. */
  kafkaBrokers?: string[];
  kafkaClientId: string;
  kafkaGroupId: string;
  kafkaBatchSize: number;
  kafkaRetryBackoffMaxMs: number;
  kafkaSessionTimeoutMs: number;
  kafkaPartitionsConcurrently: number;
}

export const CONFIG_VARIABLES = {
  port: { name: 'PORT', description: 'HTTP port', default: 3000, parse: integer(0, 65535) },
  host: { name: 'HOST', description: 'address to listen on', default: '127.0.0.1', parse: text() },
  store: { name: 'STORE', description: 'event store and read models', default: 'embedded', parse: oneOf(STORE_KINDS) },
  dataDir: { name: 'DATA_DIR', description: 'embedded store directory', default: './.data', parse: text(/\S/, 'must not be empty') },
  mongoUrl: {
    name: 'MONGO_URL', description: 'MongoDB connection string, with the database name (STORE=mongo)',
    parse: text(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// connection string'),
  },
  pseudonymSecret: { name: 'PSEUDONYM_SECRET', description: 'HMAC key for subject pseudonyms (hex or base64, ≥ 32 bytes)', parse: secret },
  pseudonymSecretFile: {
    name: 'PSEUDONYM_SECRET_FILE', description: 'where the generated HMAC key is kept when PSEUDONYM_SECRET is unset',
    default: './.secrets/pseudonym.key', parse: text(/\S/, 'must not be empty'),
  },
  maxBatchEvents: { name: 'MAX_BATCH_EVENTS', description: 'largest batch POST /v1/events accepts', default: 1000, parse: integer(1, 1000) },
  ingestWorkers: {
    name: 'INGEST_WORKERS', description: 'worker threads that validate, pseudonymise and digest incoming events (0: on the main thread)', default: 2, parse: integer(0, 16),
  },
  maxBodyBytes: { name: 'MAX_BODY_BYTES', description: 'largest request body', default: 8 * 1024 * 1024, parse: integer(1024, 64 * 1024 * 1024) },
  logLevel: { name: 'LOG_LEVEL', description: 'least severe level logged', default: 'info', parse: oneOf(LOG_LEVELS) },
  projectionLagCheckSeconds: {
    name: 'PROJECTION_LAG_CHECK_SECONDS', description: 'how often projectors look for streams they lag', default: 30, parse: integer(1, 86400),
  },
  suppressionK: {
    name: 'SUPPRESSION_K', description: 'disclosure threshold k: counts from 1 to k − 1 are suppressed (§7); never below 3', default: 5, parse: integer(3, 1000),
  },
  analyticsMaterialiseSeconds: {
    name: 'ANALYTICS_MATERIALISE_SECONDS', description: 'how often study reports, checkpoints and recently read trends are materialised (0: never)',
    default: 60, parse: integer(0, 86400),
  },
  analyticsCacheEntries: {
    name: 'ANALYTICS_CACHE_ENTRIES', description: 'how many materialised reports, indicators and trends are kept in memory', default: 500, parse: integer(1, 100000),
  },
  kafkaBrokers: { name: 'KAFKA_BROKERS', description: 'Kafka brokers to consume career events from, as host:port,host:port', parse: brokerList },
  kafkaClientId: { name: 'KAFKA_CLIENT_ID', description: 'Kafka client id', default: 'rung-ingest', parse: text() },
  kafkaGroupId: { name: 'KAFKA_GROUP_ID', description: 'Kafka consumer group', default: 'rung-ingest', parse: text() },
  kafkaBatchSize: { name: 'KAFKA_BATCH_SIZE', description: 'most Kafka messages appended per command', default: 500, parse: integer(1, 5000) },
  kafkaRetryBackoffMaxMs: {
    name: 'KAFKA_RETRY_BACKOFF_MAX_MS', description: 'longest wait between retries of a failed append', default: 30000, parse: integer(10, 600000),
  },
  kafkaSessionTimeoutMs: {
    name: 'KAFKA_SESSION_TIMEOUT_MS', description: 'consumer session timeout; heartbeats go every tenth of it', default: 30000, parse: integer(6000, 300000),
  },
  kafkaPartitionsConcurrently: {
    name: 'KAFKA_PARTITIONS_CONCURRENTLY', description: 'partitions processed at the same time', default: 3, parse: integer(1, 64),
  },
} satisfies { [K in keyof RungConfig]-?: VariableSpec<NonNullable<RungConfig[K]>> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): RungConfig {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONFIG_VARIABLES) as Array<[string, VariableSpec<unknown>]>) {
    const raw = env[spec.name];
    if (raw === undefined || raw === '') {
      values[key] = spec.default;
      continue;
    }
    const parsed: Parsed<unknown> = spec.parse(raw);
    if (parsed.ok) values[key] = parsed.value;
    else problems.push(`${spec.name} ${parsed.message} (got '${shown(spec.name, raw)}')`);
  }
  if (values.store === 'mongo' && !env.MONGO_URL) problems.push('MONGO_URL is required when STORE=mongo');
  if (problems.length) throw new ConfigError(problems);
  return checkSecretPlacement(values as unknown as RungConfig);
}

function brokerList(raw: string): Parsed<string[]> {
  const brokers = raw.split(',').map((b) => b.trim());
  return brokers.every((b) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(b))
    ? { ok: true, value: brokers }
    : { ok: false, message: 'must be a comma-separated list of host:port' };
}

/** Secrets never appear in an error: the key not at all, a connection string without its password. */
function shown(name: string, raw: string): string {
  if (name === 'PSEUDONYM_SECRET') return '…';
  if (name === 'MONGO_URL') return raw.replace(/\/\/[^@/]*@/, '//…@');
  return raw;
}

/** The pseudonym key must never sit beside the data it protects. */
function checkSecretPlacement(config: RungConfig): RungConfig {
  if (config.pseudonymSecret) return config;
  const data = resolve(config.dataDir);
  const keyFile = resolve(config.pseudonymSecretFile);
  if (keyFile.startsWith(`${data}/`)) {
    throw new ConfigError([`PSEUDONYM_SECRET_FILE must lie outside DATA_DIR, so the key is kept apart from the event data (got '${config.pseudonymSecretFile}')`]);
  }
  return config;
}
