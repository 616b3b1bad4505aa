import { Aggregator, Query, find } from 'mingo';
import type { Doc } from './values';
import { cloneDoc } from './values';

/** Options shared by every mingo call: MongoDB-compatible semantics, documents keyed by `_id`. */
const MINGO_OPTIONS = { idKey: '_id', useStrictMode: true, scriptEnabled: false };

export interface SelectSpec {
  filter: Doc;
  sort?: Doc;
  skip?: number;
  limit?: number;
}

export function matcher(filter: Doc): (doc: Doc) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
  const query = new Query(filter, MINGO_OPTIONS);
  return (doc) => query.test(doc);
}

/** Filters/sorts/skips/limits and returns the matching documents themselves (not copies). */
export function select(docs: readonly Doc[], spec: SelectSpec): Doc[] {
  const { $natural, ...sort } = spec.sort ?? {};
  const source = $natural === -1 ? [...docs].reverse() : [...docs];
  const cursor = find(source, spec.filter, {}, MINGO_OPTIONS);
  if (Object.keys(sort).length > 0) cursor.sort(sort);
  if (spec.skip) cursor.skip(spec.skip);
  if (spec.limit) cursor.limit(spec.limit);
  return cursor.all();
}

/** Copies the documents and applies a find-style projection. */
export function project(docs: readonly Doc[], projection: Doc | undefined): Doc[] {
  const copies = docs.map(cloneDoc);
  if (!projection || Object.keys(projection).length === 0) return copies;
  return (find(copies, {}, projection, MINGO_OPTIONS).all() as Doc[]).map(idFirst);
}

// mingo appends `_id` after the projected fields; the server always returns it first.
function idFirst(doc: Doc): Doc {
  if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

export interface AggregateOptions {
  /** Returns copies of another collection's documents, for `$lookup`/`$unionWith`/`$graphLookup`. */
  resolveCollection: (name: string) => Doc[];
  variables?: Doc;
}

export function runPipeline(source: Doc[], pipeline: Doc[], options: AggregateOptions): Doc[] {
  const aggregator = new Aggregator(pipeline, {
    ...MINGO_OPTIONS,
    collectionResolver: options.resolveCollection,
    variables: options.variables,
  });
  return aggregator.run<Doc>(source);
}
