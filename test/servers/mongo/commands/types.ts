import type { CursorStore } from '../cursors';
import type { Faults } from '../faults';
import type { Storage } from '../storage';
import type { Doc } from '../values';

/** Static facts about the server, used by hello/buildInfo and friends. */
export interface ServerInfo {
  host: string;
  port: number;
  setName: string;
  startedAt: Date;
}

export interface ConnectionInfo {
  id: number;
  remote: string;
}

export interface CommandContext {
  /** The database the command runs against (`$db`, or the OP_QUERY namespace prefix). */
  db: string;
  storage: Storage;
  cursors: CursorStore;
  server: ServerInfo;
  connection: ConnectionInfo;
  faults: Faults;
}

/** Executes one command and returns its reply. Throws CommandError for `ok: 0` replies. */
export type CommandFn = (cmd: Doc, ctx: CommandContext) => Doc;

export type CommandTable = Record<string, CommandFn>;
