import {
  cannotCreateIndex,
  indexKeySpecsConflict,
  indexNotFound,
  indexOptionsConflict,
  invalidOptions,
} from './errors';
import type { IndexSpec } from './indexes';
import { Index } from './indexes';
import type { Doc } from './values';
import { canonicalKey, cloneDoc, formatDoc } from './values';

/** Index options that make two indexes with the same key pattern different. */
const IDENTITY_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds'];

/**
 * One collection: documents in insertion order plus its indexes. Documents stored here are owned by
 * the collection and never mutated in place: updates replace them, readers must copy them.
 */
export class Collection {
  private docs: Doc[] = [];
  private readonly indexes = new Map<string, Index>();

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    this.indexes.set('_id_', Index.idIndex(this.ns));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.length;
  }

  documents(): readonly Doc[] {
    return this.docs;
  }

  insert(doc: Doc): void {
    for (const index of this.indexes.values()) index.check(doc);
    this.docs.push(doc);
    for (const index of this.indexes.values()) index.add(doc);
  }

  /** Replaces a stored document (keeping its position), enforcing unique indexes. */
  replace(current: Doc, next: Doc): void {
    const position = this.docs.indexOf(current);
    if (position < 0) throw new Error('replace: document is not stored in this collection');
    const indexes = [...this.indexes.values()];
    indexes.forEach((index) => index.remove(current));
    try {
      indexes.forEach((index) => index.check(next));
    } catch (err) {
      indexes.forEach((index) => index.add(current));
      throw err;
    }
    indexes.forEach((index) => index.add(next));
    this.docs[position] = next;
  }

  remove(targets: ReadonlySet<Doc>): number {
    const before = this.docs.length;
    this.docs = this.docs.filter((doc) => !targets.has(doc));
    for (const doc of targets) this.indexes.forEach((index) => index.remove(doc));
    return before - this.docs.length;
  }

  indexSpecs(): IndexSpec[] {
    return [...this.indexes.values()].map((index) => cloneDoc(index.spec) as IndexSpec);
  }

  /** Returns false when an identical index already exists. */
  createIndex(spec: IndexSpec): boolean {
    if (Object.keys(spec.key).length === 0) throw cannotCreateIndex('Index keys cannot be empty.');
    if (this.existingEquivalent(spec)) return false;
    const index = new Index(spec, this.ns);
    this.docs.forEach((doc) => {
      index.check(doc);
      index.add(doc);
    });
    this.indexes.set(spec.name, index);
    return true;
  }

  private existingEquivalent(spec: IndexSpec): boolean {
    const sameName = this.indexes.get(spec.name);
    if (sameName !== undefined) {
      if (sameKey(sameName.spec, spec) && sameOptions(sameName.spec, spec)) return true;
      throw indexKeySpecsConflict(
        `An existing index has the same name as the requested index. ` +
          `Requested index: ${formatDoc(spec)}, existing index: ${formatDoc(sameName.spec)}`,
      );
    }
    // Same key pattern under another name is only allowed with a different partial filter.
    const clash = [...this.indexes.values()].find(
      (index) => sameKey(index.spec, spec) && sameOption(index.spec, spec, 'partialFilterExpression'),
    );
    if (clash !== undefined) {
      throw indexOptionsConflict(`Index already exists with a different name: ${clash.name}`);
    }
    return false;
  }

  /** Drops one index by name or key pattern; returns the number of indexes before dropping. */
  dropIndex(target: string | Doc): number {
    const before = this.indexes.size;
    const index =
      typeof target === 'string'
        ? this.indexes.get(target)
        : [...this.indexes.values()].find((candidate) => sameKey(candidate.spec, { key: target }));
    if (index === undefined) {
      const shown = typeof target === 'string' ? target : formatDoc(target);
      throw indexNotFound(`index not found with name [${shown}]`);
    }
    if (index.name === '_id_') throw invalidOptions('cannot drop _id index');
    this.indexes.delete(index.name);
    return before;
  }

  dropAllIndexes(): number {
    const before = this.indexes.size;
    for (const name of this.indexes.keys()) if (name !== '_id_') this.indexes.delete(name);
    return before;
  }
}

function sameKey(a: Doc, b: Doc): boolean {
  return canonicalKey(a.key) === canonicalKey(b.key);
}

function sameOptions(a: Doc, b: Doc): boolean {
  return IDENTITY_OPTIONS.every((option) => sameOption(a, b, option));
}

function sameOption(a: Doc, b: Doc, option: string): boolean {
  const normalise = (value: unknown): unknown => (value === false ? undefined : value);
  return canonicalKey(normalise(a[option])) === canonicalKey(normalise(b[option]));
}
