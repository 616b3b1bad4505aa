/**
 * Where analytics keep their definitions and frozen checkpoints: write-once documents by id. A
 * document, once inserted, never changes (§9: published figures stay traceable).
 */
export interface DocumentStore<T> {
  get(id: string): Promise<T | undefined>;
  /** Every document, in insertion order. */
  list(): Promise<T[]>;
  /** Stores the document unless the id is taken; resolves false when it was (the first write wins). */
  insert(id: string, doc: T): Promise<boolean>;
}

export class InMemoryDocumentStore<T> implements DocumentStore<T> {
  private readonly docs = new Map<string, T>();

  async get(id: string): Promise<T | undefined> {
    return this.docs.get(id);
  }

  async list(): Promise<T[]> {
    return [...this.docs.values()];
  }

  async insert(id: string, doc: T): Promise<boolean> {
    if (this.docs.has(id)) return false;
    this.docs.set(id, doc);
    return true;
  }
}
