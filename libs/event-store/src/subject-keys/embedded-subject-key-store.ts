import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonLinesFile } from './json-lines-file';
import { SubjectErasedError, type SubjectKeyStore, type Tombstone } from './subject-key-store.port';

interface KeyRecord {
  streamId: string;
  wrapped: string;
}

/**
 * Subject keys on the embedded store, in DATA_DIR/keys/: `subject-keys.jsonl` (one line per key created; the
 * first line for a stream wins) and `tombstones.jsonl` (a line per tombstone, and another when it is finished).
 * Both are read into memory at open; memory is a replay of what is durable. Destroying keys rewrites the keys
 * file and shreds the old copy (shredding-replace.ts).
 */
export class EmbeddedSubjectKeyStore implements SubjectKeyStore {
  private readonly keys = new Map<string, string>();
  private readonly erased = new Map<string, Tombstone>();
  private keyFile!: JsonLinesFile<KeyRecord>;
  private tombstoneFile!: JsonLinesFile<Tombstone>;

  private constructor() {}

  static async open(dataDir: string): Promise<EmbeddedSubjectKeyStore> {
    const dir = join(dataDir, 'keys');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new EmbeddedSubjectKeyStore();
    store.keyFile = await JsonLinesFile.open<KeyRecord>(join(dir, 'subject-keys.jsonl'), (r) => store.applyKey(r));
    store.tombstoneFile = await JsonLinesFile.open<Tombstone>(join(dir, 'tombstones.jsonl'), (t) => store.applyTombstone(t));
    return store;
  }

  async getWrapped(streamIds: readonly string[]): Promise<Map<string, string>> {
    return this.known(streamIds);
  }

  /** A stream asked for twice at once may get two lines; the first is the key, on replay as in memory. */
  async putIfAbsent(keys: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    this.refuseErased([...keys.keys()]);
    const fresh = [...keys].filter(([streamId]) => !this.keys.has(streamId)).map(([streamId, wrapped]) => ({ streamId, wrapped }));
    if (fresh.length) await this.keyFile.append(fresh);
    // a tombstone recorded meanwhile: refuse; the erasure's destroyKeys, which runs after this write, removes the key
    this.refuseErased([...keys.keys()]);
    return this.known([...keys.keys()]);
  }

  async recordTombstones(tombstones: readonly Tombstone[]): Promise<void> {
    const fresh = tombstones.filter((t) => !this.erased.has(t.streamId));
    if (fresh.length) await this.tombstoneFile.append(fresh);
  }

  async destroyKeys(streamIds: readonly string[]): Promise<void> {
    await this.keyFile.replace(() => {
      if (!streamIds.some((id) => this.keys.has(id))) return undefined;
      for (const streamId of streamIds) this.keys.delete(streamId);
      return [...this.keys].map(([streamId, wrapped]) => ({ streamId, wrapped }));
    });
  }

  async finishTombstones(streamIds: readonly string[], finishedAt: string): Promise<void> {
    const unfinished = streamIds.flatMap((id) => {
      const tombstone = this.erased.get(id);
      return tombstone && tombstone.finishedAt === null ? [{ ...tombstone, finishedAt }] : [];
    });
    if (unfinished.length) await this.tombstoneFile.append(unfinished);
  }

  async tombstones(): Promise<Tombstone[]> {
    return [...this.erased.values()].map((t) => ({ ...t }));
  }

  async isErased(streamIds: readonly string[]): Promise<Set<string>> {
    return new Set(streamIds.filter((id) => this.erased.has(id)));
  }

  async close(): Promise<void> {
    await Promise.all([this.keyFile.close(), this.tombstoneFile.close()]);
  }

  private known(streamIds: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (const streamId of streamIds) {
      const wrapped = this.keys.get(streamId);
      if (wrapped !== undefined) found.set(streamId, wrapped);
    }
    return found;
  }

  private refuseErased(streamIds: readonly string[]): void {
    const erased = streamIds.filter((id) => this.erased.has(id));
    if (erased.length) throw new SubjectErasedError(erased);
  }

  private applyKey(record: KeyRecord): void {
    if (!this.keys.has(record.streamId)) this.keys.set(record.streamId, record.wrapped);
  }

  /** The first line of a stream is its tombstone; a later one can only finish it. */
  private applyTombstone(line: Tombstone): void {
    const tombstone = this.erased.get(line.streamId);
    if (!tombstone) this.erased.set(line.streamId, { ...line });
    else if (tombstone.finishedAt === null && line.finishedAt !== null) tombstone.finishedAt = line.finishedAt;
  }
}
