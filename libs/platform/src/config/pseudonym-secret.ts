import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { secret } from './env-parsers';
import type { RungConfig } from './rung-config';

/**
 * The HMAC key: PSEUDONYM_SECRET, else the file PSEUDONYM_SECRET_FILE names, read like any X_FILE secret
 * (trimmed; hex or base64). Unlike other X_FILE variables it has a default, and when its file does not exist
 * the key is generated there with mode 0600 on first start. (Setting both variables is a config error.)
 */
export function loadPseudonymSecret(config: RungConfig): Buffer {
  if (config.pseudonymSecret) return config.pseudonymSecret;
  const file = config.pseudonymSecretFile;
  if (!existsSync(file)) generateKey(file);
  tightenMode(file);
  const key = secret(readKey(file));
  if (!key.ok) throw new Error(`PSEUDONYM_SECRET_FILE: the key in '${file}' ${key.message}`);
  return key.value;
}

function generateKey(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
}

/** Makes a key file we own private; a mounted secret we may not change (read-only, or another owner's) is left as it is. */
function tightenMode(file: string): void {
  if ((statSync(file).mode & 0o077) === 0) return;
  try {
    chmodSync(file, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EROFS') throw error;
  }
}

function readKey(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`PSEUDONYM_SECRET_FILE names a file that cannot be read: '${file}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
