import type { Collection } from './collection';
import { select } from './mql';
import type { UpdateDoc } from './updates';
import { applyUpdate, buildUpsertDocument } from './updates';
import type { Doc } from './values';
import { bsonEqual } from './values';

/** One update statement, shared by the `update` and `findAndModify` commands. */
export interface UpdateStatement {
  filter: Doc;
  update: UpdateDoc;
  multi: boolean;
  upsert: boolean;
  arrayFilters?: Doc[];
  sort?: Doc;
}

export interface UpdateOutcome {
  matched: number;
  modified: number;
  /** The document inserted by an upsert. */
  upserted?: Doc;
}

export function executeUpdate(collection: Collection, statement: UpdateStatement): UpdateOutcome {
  const { filter, multi, sort } = statement;
  const targets = select(collection.documents(), { filter, sort, limit: multi ? 0 : 1 });
  if (targets.length === 0) {
    if (!statement.upsert) return { matched: 0, modified: 0 };
    return { matched: 0, modified: 0, upserted: upsert(collection, statement) };
  }
  let modified = 0;
  for (const target of targets) {
    if (updateDocument(collection, target, statement) !== target) modified++;
  }
  return { matched: targets.length, modified };
}

/** Applies the update to a stored document; returns the stored result (`target` if unchanged). */
export function updateDocument(collection: Collection, target: Doc, statement: UpdateStatement): Doc {
  const { filter, arrayFilters } = statement;
  const next = applyUpdate(target, statement.update, { filter, arrayFilters, inserting: false });
  if (bsonEqual(target, next)) return target;
  collection.replace(target, next);
  return next;
}

export function upsert(collection: Collection, statement: UpdateStatement): Doc {
  const doc = buildUpsertDocument(statement.filter, statement.update, statement.arrayFilters);
  collection.insert(doc);
  return doc;
}
