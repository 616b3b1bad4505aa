import { mkdtempSync, readFileSync, statSync } from 'node:fs';
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
    const config = loadConfig({ PSEUDONYM_SECRET: 'cd'.repeat(32), PSEUDONYM_SECRET_FILE: join(dir, 'key') });
    expect(loadPseudonymSecret(config)).toEqual(Buffer.alloc(32, 0xcd));
    expect(() => statSync(join(dir, 'key'))).toThrow();
  });
});
