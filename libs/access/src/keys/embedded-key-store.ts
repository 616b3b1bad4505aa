import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StoredKey } from './api-key';
import type { KeyStore } from './key-store';

type KeyRecord = { op: 'create'; key: StoredKey } | { op: 'revoke'; id: string; at: string };

/**
 * Keys on the embedded store: an append-only JSON-lines file in the data directory, fsynced before a
 * change is acknowledged, and read into memory at open. One process owns the directory, so memory is
 * the truth and a revocation is seen by the next request.
 */
export class EmbeddedKeyStore implements KeyStore {
  private readonly keys = new Map<string, StoredKey>();
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static open(dataDir: string): EmbeddedKeyStore {
    const store = new EmbeddedKeyStore(join(dataDir, 'keys.jsonl'));
    mkdirSync(dirname(store.file), { recursive: true, mode: 0o700 });
    for (const record of readRecords(store.file)) store.apply(record);
    return store;
  }

  async get(id: string): Promise<StoredKey | undefined> {
    return this.keys.get(id);
  }

  async list(): Promise<StoredKey[]> {
    return [...this.keys.values()];
  }

  insert(key: StoredKey): Promise<boolean> {
    return this.serially(() => (this.keys.has(key.id) ? false : this.write({ op: 'create', key })));
  }

  revoke(id: string, at: string): Promise<boolean> {
    return this.serially(() => {
      const key = this.keys.get(id);
      return !key || key.revokedAt ? false : this.write({ op: 'revoke', id, at });
    });
  }

  async close(): Promise<void> {
    await this.chain;
  }

  private serially(change: () => boolean): Promise<boolean> {
    const run = this.chain.then(change);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private write(record: KeyRecord): true {
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.apply(record);
    return true;
  }

  private apply(record: KeyRecord): void {
    if (record.op === 'create') {
      if (!this.keys.has(record.key.id)) this.keys.set(record.key.id, record.key);
      return;
    }
    const key = this.keys.get(record.id);
    if (key && !key.revokedAt) this.keys.set(record.id, { ...key, revokedAt: record.at });
  }
}

function readRecords(file: string): KeyRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: KeyRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as KeyRecord);
    } catch {
      // a torn last line from a crash mid-append: that change was never acknowledged
    }
  }
  return records;
}
