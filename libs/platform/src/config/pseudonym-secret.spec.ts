import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPseudonymSecret } from './pseudonym-secret';
import { loadConfig } from './rung-config';

describe('loadPseudonymSecret', () => {
  it('generates a 32-byte key on first start, in its own file with mode 0600, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    const config = loadConfig({ PSEUDONYM_SECRET_FILE: join(dir, 'secrets', 'key'), DATA_DIR: join(dir, 'data') });
    const first = loadPseudonymSecret(config);
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, 'secrets', 'key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(loadPseudonymSecret(config)).toEqual(first);
    expect(readFileSync(join(dir, 'secrets', 'key'), 'utf8')).toBe(first.toString('hex'));
  });

  it('uses PSEUDONYM_SECRET when it is set, and writes no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    const config = { ...loadConfig({ PSEUDONYM_SECRET: 'cd'.repeat(32) }), pseudonymSecretFile: join(dir, 'key') };
    expect(loadPseudonymSecret(config)).toEqual(Buffer.alloc(32, 0xcd));
    expect(() => statSync(join(dir, 'key'))).toThrow();
  });

  it('reads a key given as a file, like any X_FILE secret: trimmed, hex or base64, and makes it private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    writeFileSync(join(dir, 'key'), `${Buffer.alloc(32, 0xef).toString('base64')}\n`, { mode: 0o644 });
    chmodSync(join(dir, 'key'), 0o644);
    expect(loadPseudonymSecret(loadConfig({ PSEUDONYM_SECRET_FILE: join(dir, 'key') }))).toEqual(Buffer.alloc(32, 0xef));
    expect(statSync(join(dir, 'key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'key'), 'utf8')).toBe(`${Buffer.alloc(32, 0xef).toString('base64')}\n`);
  });

  it('names the file, never its contents, when the key in it is too short or it cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-key-'));
    writeFileSync(join(dir, 'short'), 'abcdef', { mode: 0o600 });
    mkdirSync(join(dir, 'a-directory'));
    expect(() => loadPseudonymSecret(loadConfig({ PSEUDONYM_SECRET_FILE: join(dir, 'short') })))
      .toThrow(`PSEUDONYM_SECRET_FILE: the key in '${join(dir, 'short')}' must be at least 32 random bytes, as hex or base64`);
    expect(() => loadPseudonymSecret(loadConfig({ PSEUDONYM_SECRET_FILE: join(dir, 'a-directory') })))
      .toThrow(`PSEUDONYM_SECRET_FILE names a file that cannot be read: '${join(dir, 'a-directory')}' (EISDIR)`);
  });
});
