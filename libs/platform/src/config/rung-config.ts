import { resolve } from 'node:path';
import { boolean, integer, oneOf, readableFile, secret, text, type Parsed, type VariableSpec } from './env-parsers';
import { KAFKA_SASL_MECHANISMS, kafkaSecurityProblems, type KafkaSaslMechanism } from './kafka-security';
import { rawValue, secretIsSet } from './secret-sources';

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
  /** The master key that wraps each subject's data key (crypto-shredding). */
  dataKeySecret?: Buffer;
  dataKeySecretFile: string;
  maxBatchEvents: number;
  ingestWorkers: number;
  maxBodyBytes: number;
  logLevel: LogLevel;
  projectionLagCheckSeconds: number;
  readModelPollMs: number;
  /** A port of its own for /metrics; when unset, /metrics is served on PORT. */
  metricsPort?: number;
  suppressionK: number;
  analyticsMaterialiseSeconds: number;
  analyticsCacheEntries: number;
  analyticsCacheAsOfValues: number;
  analyticsColdConcurrency: number;
  analyticsColdQueue: number;
  analyticsWorkers: number;
  /** Arms × outcomes × horizon months that one study (or trajectory) may compute. */
  maxQueryCost: number;
  maxCohortsPerOrg: number;
  maxStudiesPerOrg: number;
  maxCheckpointsPerOrg: number;
  maxCheckpointBytes: number;
  /** Leavers are erased this many whole years after their last exit; unset, they are kept. */
  retentionYearsAfterExit?: number;
  retentionRunHours: number;
  /** Kafka bootstrap brokers; when unset, Kafka consumption is off. */
  kafkaBrokers?: string[];
  kafkaClientId: string;
  kafkaGroupId: string;
  kafkaBatchSize: number;
  kafkaRetryBackoffMaxMs: number;
  kafkaSessionTimeoutMs: number;
  kafkaPartitionsConcurrently: number;
  kafkaSsl: boolean;
  /** PEM certificate authorities to trust instead of the system's, with kafkaSsl. */
  kafkaSslCaFile?: string;
  /** SASL authentication to the brokers; unset, none. Requires the username and password. */
  kafkaSaslMechanism?: KafkaSaslMechanism;
  kafkaSaslUsername?: string;
  kafkaSaslPassword?: string;
  /** The operator's admin API key, registered at boot; the raw bearer token. */
  adminKey?: string;
  adminKeyFile: string;
  /** Origins allowed to call the API from a browser; unset: none. */
  corsOrigins?: string[];
  rateLimitWindowSeconds: number;
  rateLimitIngest: number;
  rateLimitResearch: number;
  rateLimitDashboard: number;
  rateLimitAdmin: number;
}

export const CONFIG_VARIABLES = {
  port: { name: 'PORT', description: 'HTTP port', default: 3000, parse: integer(0, 65535) },
  host: { name: 'HOST', description: 'address to listen on', default: '127.0.0.1', parse: text() },
  store: { name: 'STORE', description: 'event store and read models', default: 'embedded', parse: oneOf(STORE_KINDS) },
  dataDir: { name: 'DATA_DIR', description: 'embedded store directory', default: './.data', parse: text(/\S/, 'must not be empty') },
  mongoUrl: {
    name: 'MONGO_URL', description: 'MongoDB connection string, with the database name (STORE=mongo)',
    parse: text(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// connection string'),
    secret: true, redact: (raw: string) => raw.replace(/\/\/[^@/]*@/, '//…@'),
  },
  pseudonymSecret: { name: 'PSEUDONYM_SECRET', description: 'HMAC key for subject pseudonyms (hex or base64, ≥ 32 bytes)', parse: secret, secret: true },
  pseudonymSecretFile: {
    name: 'PSEUDONYM_SECRET_FILE', description: 'file holding the HMAC key when PSEUDONYM_SECRET is unset; generated there (mode 0600) if it does not exist',
    default: './.secrets/pseudonym.key', parse: text(/\S/, 'must not be empty'),
  },
  dataKeySecret: {
    name: 'DATA_KEY_SECRET', description: 'master key that wraps each subject\'s data key, for erasure by crypto-shredding (hex or base64, ≥ 32 bytes)',
    parse: secret, secret: true,
  },
  dataKeySecretFile: {
    name: 'DATA_KEY_SECRET_FILE', description: 'file holding the master key when DATA_KEY_SECRET is unset; generated there (mode 0600) if it does not exist',
    default: './.secrets/data.key', parse: text(/\S/, 'must not be empty'),
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
  readModelPollMs: {
    name: 'READ_MODEL_POLL_MS', description: 'how often query instances on STORE=mongo read the organisations\' read-model versions, to drop views of data another process changed',
    default: 1000, parse: integer(100, 60000),
  },
  metricsPort: {
    name: 'METRICS_PORT', description: 'serve /metrics on this port of its own instead of on PORT (unset: on PORT)', parse: integer(0, 65535),
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
  analyticsCacheAsOfValues: {
    name: 'ANALYTICS_CACHE_AS_OF_VALUES', description: 'distinct asOf dates kept in memory per report, cohort or trajectory (the most recently read; older ones are dropped)',
    default: 5, parse: integer(1, 1000),
  },
  analyticsColdConcurrency: {
    name: 'ANALYTICS_COLD_CONCURRENCY', description: 'analytics views computed from the timelines at the same time; more wait their turn', default: 2, parse: integer(1, 64),
  },
  analyticsColdQueue: {
    name: 'ANALYTICS_COLD_QUEUE', description: 'analytics computations that may wait for a turn; beyond that a request answers 429', default: 32, parse: integer(0, 10000),
  },
  analyticsWorkers: {
    name: 'ANALYTICS_WORKERS', description: 'worker threads that estimate curves and serialise reports (0: on the main thread, between yields)', default: 1, parse: integer(0, 16),
  },
  maxQueryCost: {
    name: 'MAX_QUERY_COST', description: 'largest arms × outcomes × horizonMonths of a study (a trajectory counts 1 × 1 × horizonMonths); more answers 422',
    default: 4320, parse: integer(1, 10_000_000),
  },
  maxCohortsPerOrg: { name: 'MAX_COHORTS_PER_ORG', description: 'cohorts that may be defined over one organisation', default: 200, parse: integer(1, 1_000_000) },
  maxStudiesPerOrg: { name: 'MAX_STUDIES_PER_ORG', description: 'studies that may be defined over one organisation', default: 50, parse: integer(1, 1_000_000) },
  maxCheckpointsPerOrg: {
    name: 'MAX_CHECKPOINTS_PER_ORG', description: 'checkpoints (over all its studies) that may be defined over one organisation', default: 200, parse: integer(1, 1_000_000),
  },
  maxCheckpointBytes: {
    name: 'MAX_CHECKPOINT_BYTES', description: 'largest checkpoint report that is frozen; a larger one answers 422 and is not stored', default: 32 * 1024 * 1024,
    parse: integer(64 * 1024, 1024 * 1024 * 1024),
  },
  retentionYearsAfterExit: {
    name: 'RETENTION_YEARS_AFTER_EXIT', description: 'erase a leaver once more than this many years have passed since their last exit (unset: keep forever)',
    parse: integer(1, 100),
  },
  retentionRunHours: {
    name: 'RETENTION_RUN_HOURS', description: 'how often the retention job runs, when RETENTION_YEARS_AFTER_EXIT is set (one instance at a time)', default: 24, parse: integer(1, 168),
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
  adminKey: { name: 'RUNG_ADMIN_KEY', description: 'an admin API key to register at boot (≥ 32 random bytes, as hex or base64); send it as Authorization: Bearer', parse: adminKey, secret: true },
  adminKeyFile: {
    name: 'ADMIN_KEY_FILE', description: 'where the embedded default writes a generated admin key (mode 0600) when RUNG_ADMIN_KEY is unset',
    default: './.secrets/admin.key', parse: text(/\S/, 'must not be empty'),
  },
  corsOrigins: { name: 'CORS_ORIGINS', description: 'origins that browsers may call the API from, comma-separated (unset: cross-origin access is off)', parse: originList },
  rateLimitWindowSeconds: { name: 'RATE_LIMIT_WINDOW_SECONDS', description: 'the window of the per-key rate limits', default: 60, parse: integer(1, 3600) },
  rateLimitIngest: { name: 'RATE_LIMIT_INGEST', description: 'requests per window for an ingest key', default: 3000, parse: integer(1, 10_000_000) },
  rateLimitResearch: { name: 'RATE_LIMIT_RESEARCH', description: 'requests per window for a research key', default: 600, parse: integer(1, 10_000_000) },
  rateLimitDashboard: { name: 'RATE_LIMIT_DASHBOARD', description: 'requests per window for a dashboard key', default: 1200, parse: integer(1, 10_000_000) },
  rateLimitAdmin: { name: 'RATE_LIMIT_ADMIN', description: 'requests per window for an admin key', default: 120, parse: integer(1, 10_000_000) },
  kafkaPartitionsConcurrently: {
    name: 'KAFKA_PARTITIONS_CONCURRENTLY', description: 'partitions processed at the same time', default: 3, parse: integer(1, 64),
  },
  kafkaSsl: { name: 'KAFKA_SSL', description: 'connect to the Kafka brokers over TLS', default: false, parse: boolean },
  kafkaSslCaFile: { name: 'KAFKA_SSL_CA_FILE', description: 'PEM file of the certificate authorities to trust for Kafka TLS (unset: the system\'s)', parse: readableFile },
  kafkaSaslMechanism: { name: 'KAFKA_SASL_MECHANISM', description: 'Kafka SASL authentication: plain, scram-sha-256 or scram-sha-512 (unset: none)', parse: oneOf(KAFKA_SASL_MECHANISMS) },
  kafkaSaslUsername: { name: 'KAFKA_SASL_USERNAME', description: 'Kafka SASL user name', parse: text() },
  kafkaSaslPassword: { name: 'KAFKA_SASL_PASSWORD', description: 'Kafka SASL password', parse: text(/\S/, 'must not be empty'), secret: true },
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
    const raw = rawValue(env, spec, VARIABLE_NAMES);
    if ('problem' in raw) {
      problems.push(raw.problem);
      continue;
    }
    if (!raw.given) {
      values[key] = spec.default;
      continue;
    }
    const parsed: Parsed<unknown> = spec.parse(raw.raw);
    if (parsed.ok) values[key] = parsed.value;
    else problems.push(`${raw.source} ${parsed.message} (got '${shown(spec, raw.raw)}')`);
  }
  if (values.store === 'mongo' && !secretIsSet(env, 'MONGO_URL')) problems.push('MONGO_URL (or MONGO_URL_FILE) is required when STORE=mongo');
  problems.push(...kafkaSecurityProblems(env));
  if (problems.length) throw new ConfigError(problems);
  return checkSecretPlacement(values as unknown as RungConfig);
}

function adminKey(raw: string): Parsed<string> {
  const decoded = secret(raw.trim());
  return decoded.ok ? { ok: true, value: raw.trim() } : decoded;
}

function originList(raw: string): Parsed<string[]> {
  const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
  return origins.length && origins.every((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o))
    ? { ok: true, value: origins }
    : { ok: false, message: 'must be a comma-separated list of origins such as https://dashboard.example.org' };
}

function brokerList(raw: string): Parsed<string[]> {
  const brokers = raw.split(',').map((b) => b.trim());
  return brokers.every((b) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(b))
    ? { ok: true, value: brokers }
    : { ok: false, message: 'must be a comma-separated list of host:port' };
}

const VARIABLE_NAMES: ReadonlySet<string> = new Set(Object.values(CONFIG_VARIABLES).map((spec) => spec.name));

/** Secrets never appear in an error: a key not at all, a connection string without its password. */
function shown(spec: VariableSpec<unknown>, raw: string): string {
  if (!spec.secret) return raw;
  return spec.redact ? spec.redact(raw) : '…';
}

const GENERATED_KEYS = [
  { secret: 'pseudonymSecret', file: 'pseudonymSecretFile', name: 'PSEUDONYM_SECRET_FILE' },
  { secret: 'dataKeySecret', file: 'dataKeySecretFile', name: 'DATA_KEY_SECRET_FILE' },
] as const;

/** A key kept in a file must never sit beside the data it protects, nor share its file with the other key. */
function checkSecretPlacement(config: RungConfig): RungConfig {
  const data = resolve(config.dataDir);
  const inFiles = GENERATED_KEYS.filter((key) => !config[key.secret]);
  const problems = inFiles
    .filter((key) => resolve(config[key.file]).startsWith(`${data}/`))
    .map((key) => `${key.name} must lie outside DATA_DIR, so the key is kept apart from the event data (got '${config[key.file]}')`);
  if (inFiles.length === 2 && resolve(config.pseudonymSecretFile) === resolve(config.dataKeySecretFile)) {
    problems.push('PSEUDONYM_SECRET_FILE and DATA_KEY_SECRET_FILE name the same file; each key needs its own');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
