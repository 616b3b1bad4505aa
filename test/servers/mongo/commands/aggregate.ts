import { Collection } from '../collection';
import { CommandError, failedToParse } from '../errors';
import { runPipeline } from '../mql';
import type { Doc } from '../values';
import { cloneDoc, isPlainObject, withIdFirst } from '../values';
import { optionalDoc, optionalNumber, requiredDocs } from './args';
import type { CommandContext, CommandTable } from './types';

const UNSUPPORTED_STAGES = new Set(['$merge', '$collStats', '$indexStats', '$currentOp', '$changeStream']);

function aggregate(cmd: Doc, ctx: CommandContext): Doc {
  const pipeline = requiredDocs(cmd, 'pipeline');
  if (cmd.explain === true) throw new CommandError(115, 'CommandNotSupported', 'explain is not supported');
  const cursorOptions = optionalDoc(cmd, 'cursor');
  if (cursorOptions === undefined) {
    throw failedToParse(`The 'cursor' option is required, except for aggregate with the explain argument`);
  }
  rejectUnsupported(pipeline);
  const { stages, out } = splitOut(pipeline, ctx.db);
  const target = cmd.aggregate;
  const source = typeof target === 'string' ? copies(ctx, ctx.db, target) : [];
  const results = runPipeline(source, stages, {
    resolveCollection: (name) => copies(ctx, ctx.db, name),
    variables: optionalDoc(cmd, 'let'),
  });
  if (out !== undefined) writeOut(ctx, out, results);
  const ns = typeof target === 'string' ? `${ctx.db}.${target}` : `${ctx.db}.$cmd.aggregate`;
  const docs = out === undefined ? results : [];
  return ctx.cursors.firstBatch(ns, docs, optionalNumber(cursorOptions, 'batchSize'));
}

function copies(ctx: CommandContext, db: string, name: string): Doc[] {
  return (ctx.storage.find(db, name)?.documents() ?? []).map(cloneDoc);
}

function rejectUnsupported(pipeline: Doc[]): void {
  for (const stage of pipeline) {
    const op = Object.keys(stage)[0];
    if (op !== undefined && UNSUPPORTED_STAGES.has(op)) {
      const message = `Unsupported stage ${op} in the Rung MongoDB test server`;
      throw new CommandError(40324, 'Location40324', message);
    }
  }
}

interface OutTarget {
  db: string;
  coll: string;
}

/** `$out` must be the last stage; it is executed by the server, not by mingo. */
function splitOut(pipeline: Doc[], db: string): { stages: Doc[]; out?: OutTarget } {
  const last = pipeline[pipeline.length - 1];
  if (last === undefined || !('$out' in last)) return { stages: pipeline };
  const spec = last.$out;
  const stages = pipeline.slice(0, -1);
  if (typeof spec === 'string') return { stages, out: { db, coll: spec } };
  if (isPlainObject(spec) && typeof spec.coll === 'string') {
    return { stages, out: { db: typeof spec.db === 'string' ? spec.db : db, coll: spec.coll } };
  }
  throw failedToParse('$out requires a collection name or { db, coll }');
}

/** Replaces the target collection atomically, keeping its indexes (as `$out` does). */
function writeOut(ctx: CommandContext, out: OutTarget, results: Doc[]): void {
  const previous = ctx.storage.find(out.db, out.coll);
  const fresh = new Collection(out.db, out.coll, previous?.options ?? {});
  previous?.indexSpecs().filter((spec) => spec.name !== '_id_').forEach((spec) => fresh.createIndex(spec));
  results.forEach((doc) => fresh.insert(withIdFirst(doc)));
  ctx.storage.put(fresh);
}

export const aggregateCommands: CommandTable = { aggregate };
