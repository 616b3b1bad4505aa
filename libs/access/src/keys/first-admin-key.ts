import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JsonLogger, RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { newToken } from './api-key';
import { ApiKeys } from './api-keys.service';

const FIRST_ADMIN = { name: 'first admin key', roles: ['admin' as const], orgIds: ['*'], disclosure: null };

/**
 * The first key (§7a): RUNG_ADMIN_KEY is registered at boot. On the embedded default without it, the
 * first start writes a new admin key to ADMIN_KEY_FILE (0600) and every start registers that file's key.
 * The key itself is never logged.
 */
@Injectable()
export class FirstAdminKey implements OnApplicationBootstrap {
  constructor(
    private readonly keys: ApiKeys,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminKey) {
      const key = await this.keys.register(FIRST_ADMIN, this.config.adminKey);
      this.logger.event('info', 'admin key from RUNG_ADMIN_KEY registered', { keyId: key.id, revoked: key.revokedAt !== null });
      return;
    }
    if (this.config.store !== 'embedded') {
      this.logger.event('warn', 'RUNG_ADMIN_KEY is not set: only keys already in the store can manage keys');
      return;
    }
    const { token, created } = adminKeyFile(this.config.adminKeyFile);
    const key = await this.keys.register(FIRST_ADMIN, token);
    this.logger.event('info', created ? 'admin key created' : 'admin key registered', { keyId: key.id, file: resolve(this.config.adminKeyFile) });
  }
}

function adminKeyFile(file: string): { token: string; created: boolean } {
  const created = !existsSync(file);
  if (created) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${newToken()}\n`, { mode: 0o600, flag: 'wx' });
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const token = readFileSync(file, 'utf8').trim();
  if (token.length < 32) throw new Error(`the admin key in ${file} is too short`);
  return { token, created };
}
