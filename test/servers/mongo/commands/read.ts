import { Long } from 'bson';
import { matcher, project, select } from '../mql';
import type { Doc } from '../values';
import { canonicalKey, cloneValue, collectPathValues } from '../values';
import { typeMismatch } from '../errors';
import { collectionName, cursorId, optionalBool, optionalDoc, optionalNumber } from './args';
import type { CommandContext, CommandTable } from './types';

function documentsOf(ctx: CommandContext, name: string): readonly Doc[] {
  return ctx.storage.find(ctx.db, name)?.documents() ?? [];
}

function find(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'find');
  const limit = optionalNumber(cmd, 'limit') ?? 0;
  const matches = select(documentsOf(ctx, name), {
    filter: optionalDoc(cmd, 'filter') ?? {},
    sort: optionalDoc(cmd, 'sort'),
    skip: optionalNumber(cmd, 'skip'),
    limit: Math.abs(limit),
  });
  const docs = project(matches, optionalDoc(cmd, 'projection'));
  const singleBatch = (optionalBool(cmd, 'singleBatch') ?? false) || limit < 0;
  return ctx.cursors.firstBatch(`${ctx.db}.${name}`, docs, optionalNumber(cmd, 'batchSize'), singleBatch);
}

function getMore(cmd: Doc, ctx: CommandContext): Doc {
  const ns = `${ctx.db}.${collectionName(cmd, 'collection')}`;
  return ctx.cursors.getMore(cursorId(cmd.getMore), ns, optionalNumber(cmd, 'batchSize'));
}

function killCursors(cmd: Doc, ctx: CommandContext): Doc {
  collectionName(cmd, 'killCursors');
  const ids = Array.isArray(cmd.cursors) ? cmd.cursors.map(cursorId) : [];
  const killed = ids.filter((id) => ctx.cursors.kill(id));
  const notFound = ids.filter((id) => !killed.includes(id));
  return {
    cursorsKilled: killed.map((id) => Long.fromNumber(id)),
    cursorsNotFound: notFound.map((id) => Long.fromNumber(id)),
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
}

function count(cmd: Doc, ctx: CommandContext): Doc {
  const matches = select(documentsOf(ctx, collectionName(cmd, 'count')), {
    filter: optionalDoc(cmd, 'query') ?? {},
    skip: optionalNumber(cmd, 'skip'),
    limit: Math.abs(optionalNumber(cmd, 'limit') ?? 0),
  });
  return { n: matches.length, ok: 1 };
}

function distinct(cmd: Doc, ctx: CommandContext): Doc {
  const key = cmd.key;
  if (typeof key !== 'string') throw typeMismatch(`BSON field 'distinct.key' is missing or not a string`);
  const matches = documentsOf(ctx, collectionName(cmd, 'distinct')).filter(
    matcher(optionalDoc(cmd, 'query') ?? {}),
  );
  const values = new Map<string, unknown>();
  for (const value of matches.flatMap((doc) => collectPathValues(doc, key))) {
    const hash = canonicalKey(value);
    if (!values.has(hash)) values.set(hash, cloneValue(value));
  }
  return { values: [...values.values()], ok: 1 };
}

export const readCommands: CommandTable = { find, getMore, killCursors, count, distinct };
