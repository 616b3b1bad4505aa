import { update as mingoUpdate, updateOne as mingoUpdateOne } from 'mingo';
import { failedToParse, immutableField } from './errors';
import type { Doc } from './values';
import { canonicalKey, cloneDoc, cloneValue, isPlainObject, setPath, withIdFirst } from './values';

/** An update document: operator form (`{$set: ...}`), replacement form, or an aggregation pipeline. */
export type UpdateDoc = Doc | Doc[];

export interface ApplyOptions {
  /** The query that selected the document; needed by mingo to resolve the positional `$`. */
  filter: Doc;
  arrayFilters?: Doc[];
  /** True when the document is being created by an upsert (enables `$setOnInsert`). */
  inserting: boolean;
}

type MingoModifier = Parameters<typeof mingoUpdate>[1];
type MingoPipeline = Parameters<typeof mingoUpdateOne>[2];

const UPDATE_OPERATORS = new Set([
  '$addToSet', '$bit', '$currentDate', '$inc', '$max', '$min', '$mul', '$pop', '$pull',
  '$pullAll', '$push', '$rename', '$set', '$setOnInsert', '$unset',
]);

export function isOperatorUpdate(update: Doc): boolean {
  const first = Object.keys(update)[0];
  return first !== undefined && first.startsWith('$');
}

/** Returns the updated copy of `current`; never mutates it. */
export function applyUpdate(current: Doc, update: UpdateDoc, options: ApplyOptions): Doc {
  if (Array.isArray(update)) return applyPipeline(current, update);
  if (!isOperatorUpdate(update)) return applyReplacement(current, update);
  const next = cloneDoc(current);
  const modifier = effectiveModifier(update, options.inserting);
  if (Object.keys(modifier).length > 0) {
    const condition = usesPositional(modifier) ? options.filter : {};
    mingoUpdate(next, modifier as MingoModifier, options.arrayFilters, condition, { cloneMode: 'deep' });
  }
  assertIdUnchanged(current, next);
  return next;
}

function applyPipeline(current: Doc, pipeline: Doc[]): Doc {
  const docs = [cloneDoc(current)];
  mingoUpdateOne(docs, {}, pipeline as MingoPipeline);
  assertIdUnchanged(current, docs[0]);
  return docs[0];
}

function applyReplacement(current: Doc, replacement: Doc): Doc {
  const bad = Object.keys(replacement).find((key) => key.startsWith('$'));
  if (bad !== undefined) {
    throw failedToParse(`The dollar ($) prefixed field '${bad}' is not allowed in a replacement document`);
  }
  const next = withIdFirst({ _id: current._id, ...cloneDoc(replacement) });
  assertIdUnchanged(current, next);
  return next;
}

/** Validates operators and folds `$setOnInsert` into `$set` (inserting) or drops it (updating). */
function effectiveModifier(update: Doc, inserting: boolean): Doc {
  const modifier: Doc = {};
  for (const [op, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(fields)) {
      throw failedToParse(`Modifiers operate on fields but we found type ${typeof fields} instead.`);
    }
    if (op !== '$setOnInsert') modifier[op] = { ...(modifier[op] as Doc | undefined), ...fields };
    else if (inserting) modifier.$set = { ...(modifier.$set as Doc | undefined), ...fields };
  }
  return modifier;
}

function usesPositional(modifier: Doc): boolean {
  return Object.values(modifier).some(
    (fields) => isPlainObject(fields) && Object.keys(fields).some((path) => /(^|\.)\$(\.|$)/.test(path)),
  );
}

function assertIdUnchanged(before: Doc, after: Doc): void {
  if (before._id === undefined) return;
  if (canonicalKey(before._id) !== canonicalKey(after._id)) {
    throw immutableField(`Performing an update on the path '_id' would modify the immutable field '_id'`);
  }
}

/** Builds the document inserted by an upsert: equality fields of the filter + the update. */
export function buildUpsertDocument(filter: Doc, update: UpdateDoc, arrayFilters?: Doc[]): Doc {
  const seed = equalitySeed(filter);
  if (!Array.isArray(update) && !isOperatorUpdate(update)) {
    return withIdFirst({ ...(seed._id === undefined ? {} : { _id: seed._id }), ...cloneDoc(update) });
  }
  const options = { filter: {}, arrayFilters, inserting: true };
  return withIdFirst(applyUpdate(seed, update, options));
}

function equalitySeed(filter: Doc, seed: Doc = {}): Doc {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      value.filter(isPlainObject).forEach((clause) => equalitySeed(clause, seed));
    } else if (!key.startsWith('$')) {
      const equal = equalityValue(value);
      if (equal.found) setPath(seed, key, cloneValue(equal.value));
    }
  }
  return seed;
}

function equalityValue(value: unknown): { found: boolean; value?: unknown } {
  if (value instanceof RegExp) return { found: false };
  if (!isPlainObject(value)) return { found: true, value };
  const keys = Object.keys(value);
  if (!keys.some((key) => key.startsWith('$'))) return { found: true, value };
  return '$eq' in value ? { found: true, value: value.$eq } : { found: false };
}
