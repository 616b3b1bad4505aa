import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RungConfig } from './rung-config';

/** The HMAC key: from the environment, else from its own file, generated with mode 0600 on first start. */
export function loadPseudonymSecret(config: RungConfig): Buffer {
  if (config.pseudonymSecret) return config.pseudonymSecret;
  const file = config.pseudonymSecretFile;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length < 32) throw new Error(`the pseudonym key in ${file} is shorter than 32 bytes`);
  return key;
}
