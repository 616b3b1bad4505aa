import { failedToParse, namespaceNotFound } from '../errors';
import type { IndexSpec } from '../indexes';
import type { Doc } from '../values';
import { isPlainObject } from '../values';
import { collectionName, requiredDocs } from './args';
import type { CommandContext, CommandTable } from './types';

/** Options accepted by the driver but not stored by the server (or meaningless here). */
const DROPPED_OPTIONS = new Set(['background', 'ns', 'v', 'key', 'name']);

function toIndexSpec(raw: Doc): IndexSpec {
  const key = raw.key;
  if (!isPlainObject(key)) throw failedToParse(`The 'key' field of an index must be an object`);
  const name = typeof raw.name === 'string' ? raw.name : defaultIndexName(key);
  const spec: IndexSpec = { v: 2, key, name };
  for (const [option, value] of Object.entries(raw)) {
    if (DROPPED_OPTIONS.has(option) || value === false) continue;
    spec[option] = value;
  }
  return spec;
}

function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

function createIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const specs = requiredDocs(cmd, 'indexes').map(toIndexSpec);
  const { collection, created } = ctx.storage.obtain(ctx.db, collectionName(cmd, 'createIndexes'));
  const numIndexesBefore = collection.indexSpecs().length;
  const createdCount = specs.filter((spec) => collection.createIndex(spec)).length;
  return {
    numIndexesBefore,
    numIndexesAfter: collection.indexSpecs().length,
    createdCollectionAutomatically: created,
    ...(createdCount === 0 ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
}

function listIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'listIndexes');
  const collection = ctx.storage.find(ctx.db, name);
  if (collection === undefined) throw namespaceNotFound(`ns does not exist: ${ctx.db}.${name}`);
  const batchSize = isPlainObject(cmd.cursor) ? cmd.cursor.batchSize : undefined;
  const ns = `${ctx.db}.$cmd.listIndexes.${name}`;
  const size = typeof batchSize === 'number' ? batchSize : undefined;
  return ctx.cursors.firstBatch(ns, collection.indexSpecs(), size);
}

function dropIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, Object.keys(cmd)[0]);
  const collection = ctx.storage.find(ctx.db, name);
  if (collection === undefined) throw namespaceNotFound(`ns not found ${ctx.db}.${name}`);
  const index = cmd.index;
  if (index === '*') return { nIndexesWas: collection.dropAllIndexes(), ok: 1 };
  const targets = Array.isArray(index) ? index : [index];
  const nIndexesWas = collection.indexSpecs().length;
  for (const target of targets) {
    if (typeof target !== 'string' && !isPlainObject(target)) {
      throw failedToParse(`dropIndexes 'index' must be a name, a key pattern, '*' or an array of names`);
    }
    collection.dropIndex(target);
  }
  return { nIndexesWas, ok: 1 };
}

export const indexCommands: CommandTable = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
