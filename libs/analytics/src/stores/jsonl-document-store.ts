import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DocumentStore } from './document-store';

/**
 * The embedded store's persistence for analytics documents: an append-only JSON-lines file, read
 * once at open and fsynced on every insert. A torn last line (a crash mid-write) is ignored. Meant
 * for definitions and checkpoints (a few thousand small documents), not for bulk data.
 */
export class JsonlDocumentStore<T> implements DocumentStore<T> {
  private readonly docs = new Map<string, T>();
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static open<T>(file: string): JsonlDocumentStore<T> {
    const store = new JsonlDocumentStore<T>(file);
    mkdirSync(dirname(file), { recursive: true });
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const { id, doc } = JSON.parse(line) as { id: string; doc: T };
        if (!store.docs.has(id)) store.docs.set(id, doc);
      } catch {
        // a torn final line from a crash mid-append: it was never acknowledged
      }
    }
    return store;
  }

  async get(id: string): Promise<T | undefined> {
    return this.docs.get(id);
  }

  async list(): Promise<T[]> {
    return [...this.docs.values()];
  }

  insert(id: string, doc: T): Promise<boolean> {
    const run = this.chain.then(() => {
      if (this.docs.has(id)) return false;
      this.append(`${JSON.stringify({ id, doc })}\n`);
      this.docs.set(id, doc);
      return true;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private append(line: string): void {
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, line);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
