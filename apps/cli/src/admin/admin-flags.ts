import { existsSync, readFileSync } from 'node:fs';
import { stringFlag, urlFlag, UsageError, type Flags } from '../console/args';
import { AdminClient } from './admin-client';

export const ADMIN_OPTIONS = {
  url: { type: 'string' }, 'api-key': { type: 'string' }, 'api-key-file': { type: 'string' }, help: { type: 'boolean' },
} as const;

const DEFAULT_KEY_FILE = './.secrets/admin.key';

/** The admin key: --api-key, else the file of --api-key-file, else the key the embedded default wrote at first start. */
export function adminClient(flags: Flags): AdminClient {
  const url = urlFlag(flags, 'url', 'http://127.0.0.1:3000')!;
  const given = stringFlag(flags, 'api-key');
  if (given) return new AdminClient(url, given);
  const file = stringFlag(flags, 'api-key-file') ?? DEFAULT_KEY_FILE;
  if (!existsSync(file)) throw new UsageError(`no admin key: pass --api-key-file FILE (${file} does not exist)`);
  return new AdminClient(url, readFileSync(file, 'utf8').trim());
}
