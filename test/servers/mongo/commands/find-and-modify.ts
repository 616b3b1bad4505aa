import type { Collection } from '../collection';
import { failedToParse, typeMismatch } from '../errors';
import { project, select } from '../mql';
import type { Doc } from '../values';
import { isDocArray, isPlainObject } from '../values';
import type { UpdateStatement } from '../writes';
import { updateDocument, upsert } from '../writes';
import { collectionName, optionalBool, optionalDoc } from './args';
import type { CommandContext, CommandTable } from './types';

interface Outcome {
  value: Doc | null;
  lastErrorObject: Doc;
}

function findAndModify(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, Object.keys(cmd)[0]);
  const remove = optionalBool(cmd, 'remove') ?? false;
  if (remove === (cmd.update !== undefined)) {
    throw failedToParse('Either an update or remove=true must be specified');
  }
  const query = optionalDoc(cmd, 'query') ?? {};
  const statement = remove ? undefined : statementFrom(cmd, query, cmd.update);
  // Only an upsert creates a missing collection.
  const collection = statement?.upsert
    ? ctx.storage.obtain(ctx.db, name).collection
    : ctx.storage.find(ctx.db, name);
  const outcome = execute(cmd, collection, query, statement);
  const value = outcome.value === null ? null : project([outcome.value], optionalDoc(cmd, 'fields'))[0];
  return { lastErrorObject: outcome.lastErrorObject, value, ok: 1 };
}

function execute(
  cmd: Doc,
  collection: Collection | undefined,
  query: Doc,
  statement?: UpdateStatement,
): Outcome {
  if (collection === undefined) {
    return { value: null, lastErrorObject: statement ? { n: 0, updatedExisting: false } : { n: 0 } };
  }
  const sort = optionalDoc(cmd, 'sort');
  const target = select(collection.documents(), { filter: query, sort, limit: 1 })[0];
  if (statement === undefined) return removeOne(collection, target);
  return modifyOne(collection, target, statement, optionalBool(cmd, 'new') ?? false);
}

function statementFrom(cmd: Doc, filter: Doc, update: unknown): UpdateStatement {
  if (!isPlainObject(update) && !isDocArray(update)) {
    throw typeMismatch(`BSON field 'findAndModify.update' must be an object or an array`);
  }
  const arrayFilters = isDocArray(cmd.arrayFilters) ? cmd.arrayFilters : undefined;
  return { filter, update, multi: false, upsert: optionalBool(cmd, 'upsert') ?? false, arrayFilters };
}

function removeOne(collection: Collection, target: Doc | undefined): Outcome {
  if (target === undefined) return { value: null, lastErrorObject: { n: 0 } };
  collection.remove(new Set([target]));
  return { value: target, lastErrorObject: { n: 1 } };
}

function modifyOne(
  collection: Collection,
  target: Doc | undefined,
  statement: UpdateStatement,
  returnNew: boolean,
): Outcome {
  if (target !== undefined) {
    const next = updateDocument(collection, target, statement);
    return { value: returnNew ? next : target, lastErrorObject: { n: 1, updatedExisting: true } };
  }
  if (!statement.upsert) return { value: null, lastErrorObject: { n: 0, updatedExisting: false } };
  const inserted = upsert(collection, statement);
  return {
    value: returnNew ? inserted : null,
    lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted._id },
  };
}

export const findAndModifyCommands: CommandTable = {
  findAndModify,
  findandmodify: findAndModify,
};
