import { resolve } from 'node:path';
import { integer, oneOf, secret, text, type Parsed, type VariableSpec } from './env-parsers';

export const STORE_KINDS = ['embedded'] as const;
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything Rung reads from its environment, validated once at boot. Nothing else reads process.env. */
export interface RungConfig {
  port: number;
  host: string;
  store: (typeof STORE_KINDS)[number];
  dataDir: string;
  pseudonymSecret?: Buffer;
  pseudonymSecretFile: string;
  maxBatchEvents: number;
  maxBodyBytes: number;
  logLevel: LogLevel;
  projectionLagCheckSeconds: number;
}

export const CONFIG_VARIABLES = {
  port: { name: 'PORT', description: 'HTTP port', default: 3000, parse: integer(0, 65535) },
  host: { name: 'HOST', description: 'address to listen on', default: '127.0.0.1', parse: text() },
  store: { name: 'STORE', description: 'event store and read models', default: 'embedded', parse: oneOf(STORE_KINDS) },
  dataDir: { name: 'DATA_DIR', description: 'embedded store directory', default: './.data', parse: text(/\S/, 'must not be empty') },
  pseudonymSecret: { name: 'PSEUDONYM_SECRET', description: 'HMAC key for subject pseudonyms (hex or base64, ≥ 32 bytes)', parse: secret },
  pseudonymSecretFile: {
    name: 'PSEUDONYM_SECRET_FILE', description: 'where the generated HMAC key is kept when PSEUDONYM_SECRET is unset',
    default: './.secrets/pseudonym.key', parse: text(/\S/, 'must not be empty'),
  },
  maxBatchEvents: { name: 'MAX_BATCH_EVENTS', description: 'largest batch POST /v1/events accepts', default: 1000, parse: integer(1, 1000) },
  maxBodyBytes: { name: 'MAX_BODY_BYTES', description: 'largest request body', default: 8 * 1024 * 1024, parse: integer(1024, 64 * 1024 * 1024) },
  logLevel: { name: 'LOG_LEVEL', description: 'least severe level logged', default: 'info', parse: oneOf(LOG_LEVELS) },
  projectionLagCheckSeconds: {
    name: 'PROJECTION_LAG_CHECK_SECONDS', description: 'how often projectors look for streams they lag', default: 30, parse: integer(1, 86400),
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
    else problems.push(`${spec.name} ${parsed.message} (got '${spec.name === 'PSEUDONYM_SECRET' ? '…' : raw}')`);
  }
  if (problems.length) throw new ConfigError(problems);
  return checkSecretPlacement(values as unknown as RungConfig);
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
