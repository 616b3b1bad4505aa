import { ConfigError, loadConfig } from './rung-config';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000, host: '127.0.0.1', store: 'embedded', dataDir: './.data', pseudonymSecret: undefined,
      pseudonymSecretFile: './.secrets/pseudonym.key', maxBatchEvents: 1000, maxBodyBytes: 8 * 1024 * 1024,
      logLevel: 'info', projectionLagCheckSeconds: 30,
    });
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
      "STORE must be one of: embedded (got 'postgres')",
      "PSEUDONYM_SECRET must be at least 32 random bytes, as hex or base64 (got '…')",
      "MAX_BATCH_EVENTS must be a whole number from 1 to 1000 (got '5000')",
    ]);
    expect(error.message).toContain('Invalid configuration:\n  - PORT must be');
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
