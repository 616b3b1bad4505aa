import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { secret } from './env-parsers';
import type { RungConfig } from './rung-config';

/** A key given as the secret variable X, else kept in the file X_FILE names (which has a default). */
export interface KeySecret {
  /** X: the variable that names it in messages. */
  variable: string;
  value?: Buffer;
  file: string;
}

/** The HMAC key for subject pseudonyms. */
export function loadPseudonymSecret(config: RungConfig): Buffer {
  return loadKeySecret({ variable: 'PSEUDONYM_SECRET', value: config.pseudonymSecret, file: config.pseudonymSecretFile });
}

/** The master key that wraps each subject's data key. */
export function loadDataKeySecret(config: RungConfig): Buffer {
  return loadKeySecret({ variable: 'DATA_KEY_SECRET', value: config.dataKeySecret, file: config.dataKeySecretFile });
}

/**
 * The key: X, else the file X_FILE names, read like any X_FILE secret (trimmed; hex or base64). Unlike other
 * X_FILE variables it has a default, and when its file does not exist the key is generated there with mode 0600
 * on first start. (Setting both variables is a config error.)
 */
export function loadKeySecret({ variable, value, file }: KeySecret): Buffer {
  if (value) return value;
  if (!existsSync(file)) generateKey(file);
  tightenMode(file);
  const key = secret(readKey(file, variable));
  if (!key.ok) throw new Error(`${variable}_FILE: the key in '${file}' ${key.message}`);
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

function readKey(file: string, variable: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`${variable}_FILE names a file that cannot be read: '${file}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
