/// <reference types="jest" />
import type { DocumentStore } from './document-store';

type Doc = { name: string };

/** One adapter's storage for one test: `open` may be called again over the same storage (a restart, or another instance). */
export interface DocumentStoreHarness {
  open(): Promise<DocumentStore<Doc>>;
  dispose(): Promise<void>;
  /** Whether two opens at once see each other's writes (several query instances on one database). */
  shared: boolean;
}

/** What every analytics document store owes: write-once documents by id, listed in insertion order. */
export function describeDocumentStoreContract(name: string, harness: () => Promise<DocumentStoreHarness>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let h: DocumentStoreHarness;
    beforeEach(async () => {
      h = await harness();
    });
    afterEach(() => h.dispose());

    it('gives back what was inserted, lists in insertion order, and nothing for an unknown id', async () => {
      const store = await h.open();
      for (const id of ['b', 'a', 'c']) expect(await store.insert(id, { name: id.toUpperCase() })).toBe(true);
      expect(await store.get('a')).toEqual({ name: 'A' });
      expect(await store.get('z')).toBeUndefined();
      expect(await store.list()).toEqual([{ name: 'B' }, { name: 'A' }, { name: 'C' }]);
    });

    it('keeps the first document of an id, whoever writes second (a checkpoint is frozen once)', async () => {
      const [one, two] = [await h.open(), await h.open()];
      const other = h.shared ? two : one;
      const results = await Promise.all([one.insert('x', { name: 'first' }), other.insert('x', { name: 'second' })]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const kept = await one.get('x');
      expect(['first', 'second']).toContain(kept?.name);
      expect(await other.get('x')).toEqual(kept);
      expect(await one.insert('x', { name: 'third' })).toBe(false);
    });

    it('keeps documents across a reopen', async () => {
      await (await h.open()).insert('k', { name: 'kept' });
      expect(await (await h.open()).get('k')).toEqual({ name: 'kept' });
    });
  });
}
