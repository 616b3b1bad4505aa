import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@rung/domain';
import { CLOCK, type Clock } from '@rung/platform';
import type { Principal } from '../guard/principal';
import { hashesMatch, keyIdOf, keyView, newToken, parseKeyRequest, tokenHash, type KeyRequest, type KeyView, type StoredKey } from './api-key';
import { KEY_STORE, type KeyStore } from './key-store';

export interface CreatedKey extends KeyView {
  /** Shown once, at creation; only its hash is kept. */
  secret: string;
}

/** Creates, lists, revokes and checks API keys (§8). */
@Injectable()
export class ApiKeys {
  constructor(
    @Inject(KEY_STORE) private readonly store: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(raw: unknown, createdBy: string | null): Promise<CreatedKey> {
    const checked = parseKeyRequest(raw);
    if (!checked.ok) throw new DomainError('validation-failed', 'The key request is not valid.', checked.errors);
    const secret = newToken();
    const key = this.stored(checked.value, secret, createdBy);
    if (!(await this.store.insert(key))) throw new Error('a new key id collided with an existing one');
    return { ...keyView(key), secret };
  }

  /** Registers a key whose secret the operator chose (RUNG_ADMIN_KEY); a no-op when it is known, revoked or not. */
  async register(request: KeyRequest, secret: string): Promise<KeyView> {
    const key = this.stored(request, secret, null);
    await this.store.insert(key);
    return keyView((await this.store.get(key.id)) ?? key);
  }

  async list(): Promise<KeyView[]> {
    return (await this.store.list()).map(keyView);
  }

  async revoke(id: string): Promise<KeyView> {
    const key = await this.store.get(id);
    if (!key) throw new DomainError('not-found', 'There is no key with this id.');
    await this.store.revoke(id, this.clock().toISOString());
    return keyView((await this.store.get(id)) ?? key);
  }

  /** The principal a bearer token stands for, or null when it is unknown or revoked. */
  authenticate(token: string): Promise<Principal | null> {
    return this.authenticateHash(tokenHash(token));
  }

  /** As `authenticate`, given the token's hash (`tokenHash`). */
  async authenticateHash(hash: string): Promise<Principal | null> {
    const key = await this.store.get(keyIdOf(hash));
    if (!key || !hashesMatch(hash, key.secretHash) || key.revokedAt) return null;
    return { keyId: key.id, name: key.name, roles: key.roles, orgIds: key.orgIds, disclosure: key.disclosure };
  }

  private stored(request: KeyRequest, secret: string, createdBy: string | null): StoredKey {
    const secretHash = tokenHash(secret);
    return { id: keyIdOf(secretHash), ...request, secretHash, createdAt: this.clock().toISOString(), createdBy, revokedAt: null };
  }
}
