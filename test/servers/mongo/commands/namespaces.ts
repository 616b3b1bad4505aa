import { Collection } from '../collection';
import { invalidNamespace, namespaceExists, namespaceNotFound } from '../errors';
import { matcher } from '../mql';
import type { Doc } from '../values';
import { canonicalKey, cloneDoc } from '../values';
import { collectionName, optionalBool, optionalDoc } from './args';
import type { CommandContext, CommandTable } from './types';

/** Fields of `create` that are command plumbing rather than collection options. */
const COMMAND_FIELDS = new Set([
  'create', '$db', 'lsid', 'txnNumber', '$clusterTime', '$readPreference', 'writeConcern', 'comment',
  'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'autocommit', 'startTransaction', 'maxTimeMS',
]);

function create(cmd: Doc, ctx: CommandContext): Doc {
  const options: Doc = {};
  for (const [key, value] of Object.entries(cmd)) if (!COMMAND_FIELDS.has(key)) options[key] = value;
  const name = collectionName(cmd, 'create');
  const existing = ctx.storage.find(ctx.db, name);
  // Since MongoDB 7.0 (SERVER-60064) re-creating with identical options succeeds.
  if (existing !== undefined && canonicalKey(existing.options) === canonicalKey(options)) return { ok: 1 };
  ctx.storage.create(ctx.db, name, options);
  return { ok: 1 };
}

function drop(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'drop');
  const dropped = ctx.storage.drop(ctx.db, name);
  // Since MongoDB 7.0 dropping a missing collection succeeds.
  return { nIndexesWas: dropped?.indexSpecs().length ?? 0, ns: `${ctx.db}.${name}`, ok: 1 };
}

function dropDatabase(_cmd: Doc, ctx: CommandContext): Doc {
  ctx.storage.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
}

function describeCollection(collection: Collection): Doc {
  return {
    name: collection.name,
    type: 'collection',
    options: cloneDoc(collection.options),
    info: { readOnly: false },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  };
}

function listCollections(cmd: Doc, ctx: CommandContext): Doc {
  const nameOnly = optionalBool(cmd, 'nameOnly') ?? false;
  const filter = matcher(optionalDoc(cmd, 'filter') ?? {});
  const docs = ctx.storage
    .collections(ctx.db)
    .map(describeCollection)
    .filter(filter)
    .map((doc) => (nameOnly ? { name: doc.name, type: doc.type } : doc));
  const batchSize = optionalDoc(cmd, 'cursor')?.batchSize;
  const size = typeof batchSize === 'number' ? batchSize : undefined;
  return ctx.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, docs, size);
}

function listDatabases(cmd: Doc, ctx: CommandContext): Doc {
  const filter = matcher(optionalDoc(cmd, 'filter') ?? {});
  const databases = ctx.storage
    .databases()
    .map((name) => ({ name, sizeOnDisk: 0, empty: false }))
    .filter(filter);
  const nameOnly = optionalBool(cmd, 'nameOnly') ?? false;
  if (nameOnly) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  return { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
}

function collMod(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'collMod');
  if (ctx.storage.find(ctx.db, name) === undefined) {
    throw namespaceNotFound(`ns does not exist: ${ctx.db}.${name}`);
  }
  return { ok: 1 };
}

/** `{ renameCollection: "db.from", to: "db.to", dropTarget }`, run against `admin`. */
function renameCollection(cmd: Doc, ctx: CommandContext): Doc {
  const [fromDb, from] = splitNamespace(cmd.renameCollection);
  const [toDb, to] = splitNamespace(cmd.to);
  const source = ctx.storage.find(fromDb, from);
  if (source === undefined) throw namespaceNotFound('source namespace does not exist');
  if (ctx.storage.find(toDb, to) !== undefined) {
    if (optionalBool(cmd, 'dropTarget') !== true) throw namespaceExists(`${toDb}.${to}`);
    ctx.storage.drop(toDb, to);
  }
  const renamed = new Collection(toDb, to, source.options);
  source.indexSpecs().filter((spec) => spec.name !== '_id_').forEach((spec) => renamed.createIndex(spec));
  source.documents().forEach((doc) => renamed.insert(doc));
  ctx.storage.drop(fromDb, from);
  ctx.storage.put(renamed);
  return { ok: 1 };
}

function splitNamespace(value: unknown): [string, string] {
  const dot = typeof value === 'string' ? value.indexOf('.') : -1;
  if (typeof value !== 'string' || dot <= 0) {
    throw invalidNamespace(`Invalid namespace specified '${String(value)}'`);
  }
  return [value.slice(0, dot), value.slice(dot + 1)];
}

export const namespaceCommands: CommandTable = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  collMod,
  renameCollection,
};
