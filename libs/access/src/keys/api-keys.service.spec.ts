import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys } from './api-keys.service';
import { EmbeddedKeyStore } from './embedded-key-store';

describe('ApiKeys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rung-apikeys-'));
  const keys = new ApiKeys(EmbeddedKeyStore.open(dir), () => new Date('2026-11-30T12:00:00Z'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a key made, when its secret is presented, then it authenticates as that key, and a near miss does not', async () => {
    const created = await keys.create({ name: 'feed', role: 'ingest', orgIds: ['rx1-trust'] }, 'k_admin');
    expect(await keys.authenticate(created.secret)).toEqual({ keyId: created.id, name: 'feed', roles: ['ingest'], orgIds: ['rx1-trust'], disclosure: null });
    const nearMiss = `${created.secret.slice(0, -1)}${created.secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await keys.authenticate(nearMiss)).toBeNull();
    expect(created).toMatchObject({ createdBy: 'k_admin', createdAt: '2026-11-30T12:00:00.000Z' });
  });

  it('given a key revoked, then its secret no longer authenticates', async () => {
    const created = await keys.create({ name: 'x', role: 'dashboard', orgIds: ['*'] }, null);
    const revoked = await keys.revoke(created.id);
    expect(revoked.revokedAt).toBe('2026-11-30T12:00:00.000Z');
    expect(await keys.authenticate(created.secret)).toBeNull();
    await expect(keys.revoke('k_0000000000000000')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('given an operator\'s key registered twice, then it is one key, and a revoked one stays revoked', async () => {
    const secret = 'ab'.repeat(32);
    const first = await keys.register({ name: 'op', roles: ['admin'], orgIds: ['*'], disclosure: null }, secret);
    const again = await keys.register({ name: 'op', roles: ['admin'], orgIds: ['*'], disclosure: null }, secret);
    expect(again.id).toBe(first.id);
    await keys.revoke(first.id);
    expect((await keys.register({ name: 'op', roles: ['admin'], orgIds: ['*'], disclosure: null }, secret)).revokedAt).not.toBeNull();
    expect(await keys.authenticate(secret)).toBeNull();
  });

  it('given a bad request, then it is refused with the fields named', async () => {
    await expect(keys.create({ name: 'x', role: 'god', orgIds: ['a'] }, null)).rejects.toMatchObject({ code: 'validation-failed', details: [{ path: 'role' }] });
  });
});
