import { Collection } from './collection';
import { invalidNamespace, namespaceExists } from './errors';
import type { Doc } from './values';

/** All databases of one server: database name -> collection name -> collection. */
export class Storage {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  find(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** Returns the collection, creating it implicitly (as writes and createIndexes do). */
  obtain(db: string, name: string): { collection: Collection; created: boolean } {
    const existing = this.find(db, name);
    if (existing !== undefined) return { collection: existing, created: false };
    return { collection: this.create(db, name, {}), created: true };
  }

  create(db: string, name: string, options: Doc): Collection {
    validateNames(db, name);
    if (this.find(db, name) !== undefined) throw namespaceExists(`${db}.${name}`);
    const collection = new Collection(db, name, options);
    this.put(collection);
    return collection;
  }

  /** Adds or replaces a collection object (used by `$out` and renameCollection). */
  put(collection: Collection): void {
    validateNames(collection.db, collection.name);
    const collections = this.dbs.get(collection.db) ?? new Map<string, Collection>();
    collections.set(collection.name, collection);
    this.dbs.set(collection.db, collections);
  }

  drop(db: string, name: string): Collection | undefined {
    const collections = this.dbs.get(db);
    const collection = collections?.get(name);
    collections?.delete(name);
    if (collections?.size === 0) this.dbs.delete(db);
    return collection;
  }

  dropDatabase(db: string): void {
    this.dbs.delete(db);
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  databases(): string[] {
    return [...this.dbs.keys()];
  }
}

function validateNames(db: string, name: string): void {
  if (db.length === 0 || /[/\\. "$\0]/.test(db)) throw invalidNamespace(`Invalid database name: '${db}'`);
  if (name.length === 0 || name.includes('\0') || name.includes('$') || name.startsWith('.')) {
    throw invalidNamespace(`Invalid collection name: ${name}`);
  }
}
