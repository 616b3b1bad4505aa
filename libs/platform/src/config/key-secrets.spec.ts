import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataKeySecret, loadPseudonymSecret } from './key-secrets';
import { loadConfig, type RungConfig } from './rung-config';

describe.each([
  { variable: 'PSEUDONYM_SECRET', load: loadPseudonymSecret, fileField: 'pseudonymSecretFile' as const },
  { variable: 'DATA_KEY_SECRET', load: loadDataKeySecret, fileField: 'dataKeySecretFile' as const },
])('the key $variable', ({ variable, load, fileField }) => {
  const fileVariable = `${variable}_FILE`;
  const configWith = (env: Record<string, string>): RungConfig => loadConfig(env);

  it('generates a 32-byte key on first start, in its own file with mode 0600, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    const config = configWith({ [fileVariable]: join(dir, 'secrets', 'key'), DATA_DIR: join(dir, 'data') });
    const first = load(config);
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, 'secrets', 'key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(load(config)).toEqual(first);
    expect(readFileSync(join(dir, 'secrets', 'key'), 'utf8')).toBe(first.toString('hex'));
  });

  it(`uses ${variable} when it is set, and writes no file`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    const config = { ...configWith({ [variable]: 'cd'.repeat(32) }), [fileField]: join(dir, 'key') };
    expect(load(config)).toEqual(Buffer.alloc(32, 0xcd));
    expect(() => statSync(join(dir, 'key'))).toThrow();
  });

  it('reads a key given as a file, like any X_FILE secret: trimmed, hex or base64, and makes it private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    writeFileSync(join(dir, 'key'), `${Buffer.alloc(32, 0xef).toString('base64')}\n`, { mode: 0o644 });
    chmodSync(join(dir, 'key'), 0o644);
    expect(load(configWith({ [fileVariable]: join(dir, 'key') }))).toEqual(Buffer.alloc(32, 0xef));
    expect(statSync(join(dir, 'key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'key'), 'utf8')).toBe(`${Buffer.alloc(32, 0xef).toString('base64')}\n`);
  });

  it('names the file, never its contents, when the key in it is too short or it cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    writeFileSync(join(dir, 'short'), 'abcdef', { mode: 0o600 });
    mkdirSync(join(dir, 'a-directory'));
    expect(() => load(configWith({ [fileVariable]: join(dir, 'short') })))
      .toThrow(`${fileVariable}: the key in '${join(dir, 'short')}' must be at least 32 random bytes, as hex or base64`);
    expect(() => load(configWith({ [fileVariable]: join(dir, 'a-directory') })))
      .toThrow(`${fileVariable} names a file that cannot be read: '${join(dir, 'a-directory')}' (EISDIR)`);
  });
});

describe('the two generated keys', () => {
  it('are different keys, each in its own default file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    const config = loadConfig({ PSEUDONYM_SECRET_FILE: join(dir, 'pseudonym.key'), DATA_KEY_SECRET_FILE: join(dir, 'data.key') });
    expect(loadDataKeySecret(config)).not.toEqual(loadPseudonymSecret(config));
  });
});
