import { badValue, CommandError, failedToParse, toCommandError, typeMismatch } from '../errors';
import { select } from '../mql';
import { isOperatorUpdate } from '../updates';
import type { UpdateStatement } from '../writes';
import { executeUpdate } from '../writes';
import type { Doc } from '../values';
import { cloneDoc, isDocArray, isPlainObject, withIdFirst } from '../values';
import { collectionName, optionalBool, optionalDoc, requiredDocs } from './args';
import type { CommandContext, CommandTable } from './types';

const MAX_WRITE_BATCH = 100_000;

interface BatchResult {
  n: number;
  writeErrors: Doc[];
}

/**
 * Runs each statement of a write batch. `ordered` batches stop at the first failure; unordered
 * batches keep going and report every failing index.
 */
function runBatch(
  statements: Doc[],
  ordered: boolean,
  run: (statement: Doc, index: number) => number,
): BatchResult {
  if (statements.length === 0 || statements.length > MAX_WRITE_BATCH) {
    const count = statements.length;
    const message = `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH}. Got ${count} operations.`;
    throw new CommandError(16, 'InvalidLength', message);
  }
  const result: BatchResult = { n: 0, writeErrors: [] };
  for (const [index, statement] of statements.entries()) {
    try {
      result.n += run(statement, index);
    } catch (err) {
      result.writeErrors.push(toCommandError(err).toWriteError(index));
      if (ordered) break;
    }
  }
  return result;
}

function reply(result: BatchResult, extra: Doc = {}): Doc {
  const errors = result.writeErrors.length > 0 ? { writeErrors: result.writeErrors } : {};
  return { n: result.n, ...extra, ...errors, ok: 1 };
}

function insert(cmd: Doc, ctx: CommandContext): Doc {
  const documents = requiredDocs(cmd, 'documents');
  const { collection } = ctx.storage.obtain(ctx.db, collectionName(cmd, 'insert'));
  const result = runBatch(documents, optionalBool(cmd, 'ordered') ?? true, (doc) => {
    if (Array.isArray(doc._id)) throw badValue(`can't use an array for _id`);
    collection.insert(withIdFirst(cloneDoc(doc)));
    return 1;
  });
  return reply(result);
}

function parseUpdate(spec: Doc): UpdateStatement {
  const filter = optionalDoc(spec, 'q') ?? {};
  const update = spec.u;
  if (!isPlainObject(update) && !isDocArray(update)) {
    throw typeMismatch(`BSON field 'update.updates.u' must be an object or an array`);
  }
  const arrayFilters = isDocArray(spec.arrayFilters) ? spec.arrayFilters : undefined;
  const multi = optionalBool(spec, 'multi') ?? false;
  if (multi && !Array.isArray(update) && !isOperatorUpdate(update)) {
    throw failedToParse('multi update is not supported for replacement-style update');
  }
  const upsert = optionalBool(spec, 'upsert') ?? false;
  return { filter, update, multi, upsert, arrayFilters, sort: optionalDoc(spec, 'sort') };
}

function update(cmd: Doc, ctx: CommandContext): Doc {
  const statements = requiredDocs(cmd, 'updates');
  const name = collectionName(cmd, 'update');
  let nModified = 0;
  const upserted: Doc[] = [];
  const result = runBatch(statements, optionalBool(cmd, 'ordered') ?? true, (spec, index) => {
    const statement = parseUpdate(spec);
    // Only an upsert creates a missing collection.
    const collection = statement.upsert
      ? ctx.storage.obtain(ctx.db, name).collection
      : ctx.storage.find(ctx.db, name);
    if (collection === undefined) return 0;
    const outcome = executeUpdate(collection, statement);
    nModified += outcome.modified;
    if (outcome.upserted === undefined) return outcome.matched;
    upserted.push({ index, _id: outcome.upserted._id });
    return 1;
  });
  return reply(result, { nModified, ...(upserted.length > 0 ? { upserted } : {}) });
}

function remove(cmd: Doc, ctx: CommandContext): Doc {
  const statements = requiredDocs(cmd, 'deletes');
  const collection = ctx.storage.find(ctx.db, collectionName(cmd, 'delete'));
  const result = runBatch(statements, optionalBool(cmd, 'ordered') ?? true, (spec) => {
    const limit = spec.limit;
    if (limit !== 0 && limit !== 1) throw failedLimit(limit);
    if (collection === undefined) return 0;
    const filter = optionalDoc(spec, 'q') ?? {};
    const targets = select(collection.documents(), { filter, limit, sort: optionalDoc(spec, 'sort') });
    return collection.remove(new Set(targets));
  });
  return reply(result);
}

function failedLimit(limit: unknown): CommandError {
  return failedToParse(`The limit field in delete objects must be 0 or 1. Got ${String(limit)}`);
}

export const writeCommands: CommandTable = { insert, update, delete: remove };
