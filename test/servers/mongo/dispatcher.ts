import type { CommandContext, ConnectionInfo, ServerInfo } from './commands';
import { runCommand } from './commands';
import type { CursorStore } from './cursors';
import type { Faults } from './faults';
import type { Storage } from './storage';
import type { Doc } from './values';
import { isPlainObject } from './values';
import type { MsgRequest, QueryRequest, WireRequest } from './wire';
import { encodeMsgReply, encodeQueryReply, OpCode } from './wire';

export interface ServerState {
  storage: Storage;
  cursors: CursorStore;
  info: ServerInfo;
  faults: Faults;
}

/** Turns one decoded request into the encoded reply, or null when no reply must be sent. */
export function dispatch(
  request: WireRequest,
  state: ServerState,
  connection: ConnectionInfo,
): Buffer | null | 'close' {
  switch (request.opCode) {
    case OpCode.QUERY:
      return handleQuery(request, state, connection);
    case OpCode.MSG:
      return handleMsg(request, state, connection);
  }
}

function context(db: string, state: ServerState, connection: ConnectionInfo): CommandContext {
  return { db, storage: state.storage, cursors: state.cursors, server: state.info, connection, faults: state.faults };
}

function handleMsg(request: MsgRequest, state: ServerState, connection: ConnectionInfo): Buffer | null | 'close' {
  const db = request.command.$db;
  if (typeof db !== 'string' || db.length === 0) {
    return encodeMsgReply(request.requestId, { ok: 0, errmsg: 'OP_MSG requests require a $db argument', code: 40571, codeName: 'Location40571' });
  }
  const reply = runWithFaults(request.command, context(db, state, connection));
  if (reply === 'close') return reply;
  // moreToCome (w:0) means the client does not read a reply.
  return request.moreToCome ? null : encodeMsgReply(request.requestId, reply);
}

/** Runs a command unless a fault (fail point, step-down) answers it or closes its connection first. */
function runWithFaults(command: Doc, ctx: CommandContext): Doc | 'close' {
  const action = ctx.faults.before(Object.keys(command)[0] ?? '');
  if (action.kind === 'reply') return action.reply;
  if (action.kind === 'run') return runCommand(command, ctx);
  const documents = command.documents;
  if (action.applyFirst !== undefined && Array.isArray(documents)) {
    runCommand({ ...command, documents: documents.slice(0, action.applyFirst) }, ctx);
  }
  return 'close';
}

/** Legacy OP_QUERY is accepted only for commands (`<db>.$cmd`), which is all drivers use it for. */
function handleQuery(request: QueryRequest, state: ServerState, connection: ConnectionInfo): Buffer {
  const suffix = '.$cmd';
  if (!request.collection.endsWith(suffix)) {
    const error = { $err: 'OP_QUERY is only supported for commands', code: 5739101 };
    return encodeQueryReply(request.requestId, error, true);
  }
  const db = request.collection.slice(0, -suffix.length);
  const reply = runCommand(unwrapQuery(request.query), context(db, state, connection));
  return encodeQueryReply(request.requestId, reply);
}

/** Old drivers wrap commands as `{ $query: cmd, $readPreference }`. */
function unwrapQuery(query: Doc): Doc {
  return isPlainObject(query.$query) ? query.$query : query;
}
