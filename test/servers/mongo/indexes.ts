import { CommandError } from './errors';
import { matcher } from './mql';
import type { Doc } from './values';
import { canonicalKey, cloneDoc, collectPathValues, formatDoc, isPlainObject } from './values';

/** An index as listed by `listIndexes`: `{ v, key, name, ...options }`. */
export interface IndexSpec extends Doc {
  v: number;
  key: Doc;
  name: string;
}

interface IndexEntry {
  key: string;
  values: unknown[];
}

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/**
 * An index definition. Only unique indexes keep entries (canonical key -> document) because the
 * server never uses indexes to answer queries; they exist to enforce uniqueness.
 */
export class Index {
  private readonly entries = new Map<string, Doc>();
  private readonly fields: string[];
  private readonly inFilter: (doc: Doc) => boolean;

  constructor(
    readonly spec: IndexSpec,
    private readonly ns: string,
  ) {
    this.fields = Object.keys(spec.key);
    const partial = spec.partialFilterExpression;
    this.inFilter = isPlainObject(partial) ? matcher(partial) : () => true;
  }

  static idIndex(ns: string): Index {
    return new Index(cloneDoc(ID_INDEX) as IndexSpec, ns);
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.name === '_id_' || this.spec.unique === true;
  }

  /** Throws a duplicate key error if adding `doc` would collide with another document. */
  check(doc: Doc): void {
    for (const entry of this.entriesFor(doc)) {
      const owner = this.entries.get(entry.key);
      if (owner !== undefined && owner !== doc) throw this.duplicateError(entry.values);
    }
  }

  add(doc: Doc): void {
    for (const entry of this.entriesFor(doc)) this.entries.set(entry.key, doc);
  }

  remove(doc: Doc): void {
    for (const entry of this.entriesFor(doc)) {
      if (this.entries.get(entry.key) === doc) this.entries.delete(entry.key);
    }
  }

  private entriesFor(doc: Doc): IndexEntry[] {
    if (!this.unique || !this.indexes(doc)) return [];
    const perField = this.fields.map((field) => {
      const values = collectPathValues(doc, field);
      return values.length === 0 ? [null] : values;
    });
    return cartesian(perField).map((values) => ({ key: canonicalKey(values), values }));
  }

  private indexes(doc: Doc): boolean {
    if (this.spec.sparse === true && this.fields.every((f) => collectPathValues(doc, f).length === 0)) {
      return false;
    }
    return this.inFilter(doc);
  }

  private duplicateError(values: unknown[]): CommandError {
    const keyValue: Doc = {};
    this.fields.forEach((field, i) => (keyValue[field] = values[i] ?? null));
    const message =
      `E11000 duplicate key error collection: ${this.ns} index: ${this.name} ` +
      `dup key: ${formatDoc(keyValue)}`;
    return new CommandError(11000, 'DuplicateKey', message, {
      keyPattern: cloneDoc(this.spec.key),
      keyValue,
    });
  }
}

function cartesian(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((value) => [...prefix, value])),
    [[]],
  );
}
