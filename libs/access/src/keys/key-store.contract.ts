import type { StoredKey } from './api-key';
import type { KeyStore } from './key-store';

export interface KeyStoreHarness {
  open(): Promise<KeyStore>;
  dispose(): Promise<void>;
}

const key = (id: string): StoredKey => ({
  id, name: `key ${id}`, roles: ['research'], orgIds: ['rx1-trust'], disclosure: 'protected', secretHash: 'ab'.repeat(32),
  createdAt: '2026-01-01T00:00:00.000Z', createdBy: null, revokedAt: null,
});

/** What every key store must do, whatever it keeps keys in. */
export function describeKeyStoreContract(name: string, harness: () => Promise<KeyStoreHarness>): void {
  describe(`key store contract: ${name}`, () => {
    let h: KeyStoreHarness;
    beforeEach(async () => {
      h = await harness();
    });
    afterEach(() => h.dispose());

    it('given a key inserted, then it is read back whole, listed, and a second insert of its id is refused', async () => {
      const store = await h.open();
      expect(await store.insert(key('k_1'))).toBe(true);
      expect(await store.insert({ ...key('k_1'), name: 'other' })).toBe(false);
      expect(await store.get('k_1')).toEqual(key('k_1'));
      expect(await store.get('k_2')).toBeUndefined();
      expect(await store.list()).toEqual([key('k_1')]);
    });

    it('given a key revoked, then it reads as revoked from then on, and revoking again changes nothing', async () => {
      const store = await h.open();
      await store.insert(key('k_1'));
      expect(await store.revoke('k_1', '2026-02-01T00:00:00.000Z')).toBe(true);
      expect(await store.revoke('k_1', '2026-03-01T00:00:00.000Z')).toBe(false);
      expect(await store.revoke('k_none', '2026-03-01T00:00:00.000Z')).toBe(false);
      expect((await store.get('k_1'))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
    });

    it('given keys and a revocation, when the store is opened again, then both are still there', async () => {
      const store = await h.open();
      await store.insert(key('k_1'));
      await store.insert(key('k_2'));
      await store.revoke('k_2', '2026-02-01T00:00:00.000Z');
      await store.close();
      const again = await h.open();
      expect((await again.list()).map((k) => [k.id, k.revokedAt])).toEqual([['k_1', null], ['k_2', '2026-02-01T00:00:00.000Z']]);
    });
  });
}
