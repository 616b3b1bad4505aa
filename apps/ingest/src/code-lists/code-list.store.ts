import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Schema, type Connection, type Model } from 'mongoose';
import { withStoreErrors } from '@rung/event-store';
import type { CodeLists } from './code-lists';

export const CODE_LIST_STORE = Symbol('CODE_LIST_STORE');

/** Each organisation's registered codes, beside the events; a put replaces the organisation's lists. */
export interface CodeListStore {
  get(orgId: string): Promise<CodeLists | undefined>;
  put(orgId: string, lists: CodeLists): Promise<void>;
}

/** Embedded: a JSON-lines file, fsynced, read at open; the last line of an organisation wins. */
export class EmbeddedCodeListStore implements CodeListStore {
  private readonly lists = new Map<string, CodeLists>();

  private constructor(private readonly file: string) {}

  static open(dataDir: string): EmbeddedCodeListStore {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const store = new EmbeddedCodeListStore(join(dataDir, 'code-lists.jsonl'));
    let text = '';
    try {
      text = readFileSync(store.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      try {
        const { orgId, lists } = JSON.parse(line) as { orgId: string; lists: CodeLists };
        store.lists.set(orgId, lists);
      } catch {
        // an empty line, or a torn last line that was never acknowledged
      }
    }
    return store;
  }

  async get(orgId: string): Promise<CodeLists | undefined> {
    return this.lists.get(orgId);
  }

  async put(orgId: string, lists: CodeLists): Promise<void> {
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify({ orgId, lists })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.lists.set(orgId, lists);
  }
}

type CodeListDocument = { _id: string; lists: CodeLists };

/** MongoDB: one document per organisation, read on each batch so that every instance sees a change at once. */
export class MongoCodeListStore implements CodeListStore {
  private constructor(private readonly model: Model<CodeListDocument>) {}

  static open(connection: Connection): MongoCodeListStore {
    const schema = new Schema({ _id: String }, { collection: 'code_lists', strict: false, versionKey: false, autoIndex: false, autoCreate: false });
    const model = (connection.models.RungCodeList as Model<CodeListDocument> | undefined) ?? connection.model<CodeListDocument>('RungCodeList', schema);
    return new MongoCodeListStore(model);
  }

  async get(orgId: string): Promise<CodeLists | undefined> {
    return withStoreErrors(async () => (await this.model.findById(orgId).lean<CodeListDocument>())?.lists);
  }

  async put(orgId: string, lists: CodeLists): Promise<void> {
    await withStoreErrors(() => this.model.replaceOne({ _id: orgId }, { _id: orgId, lists }, { upsert: true }));
  }
}
