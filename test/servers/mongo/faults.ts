import { ObjectId } from 'bson';
import { badValue, CommandError } from './errors';
import type { Doc } from './values';
import { isPlainObject } from './values';

/**
 * Faults a test can switch on, as on a real mongod: the `failCommand` fail point (with
 * `enableTestCommands`) and a member that has stepped down. See FIDELITY.md, "Faults".
 */
export interface FailCommand {
  failCommands: string[];
  errorCode?: number;
  errorLabels?: string[];
  closeConnection: boolean;
  /** Not in MongoDB: with closeConnection, an insert applies its first N documents, then the connection closes. */
  rungApplyFirst?: number;
  /** How many more times it fires (Infinity for alwaysOn), after skipping `skip` matching commands. */
  times: number;
  skip: number;
}

/** What the dispatcher must do with a command before running it. */
export type FaultAction =
  | { kind: 'run' }
  | { kind: 'reply'; reply: Doc }
  | { kind: 'close'; applyFirst?: number };

const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify', 'createIndexes', 'create', 'drop', 'dropIndexes', 'dropDatabase', 'renameCollection', 'collMod']);
/** Commands a secondary answers as well as a primary. */
const MEMBER_COMMANDS = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo', 'getParameter', 'getCmdLineOpts', 'serverStatus', 'whatsmyuri', 'connectionStatus', 'endSessions', 'refreshSessions', 'killSessions', 'killAllSessions', 'configureFailPoint', 'replSetStepDown', 'replSetStepUp', 'replSetFreeze']);

export class Faults {
  private failCommand: FailCommand | undefined;
  private steppedDownUntil = 0;
  private term = 1;

  get writablePrimary(): boolean {
    return Date.now() >= this.steppedDownUntil;
  }

  /** Grows with each election, as a real electionId does; drivers ignore a primary with an older one. */
  get electionId(): ObjectId {
    return new ObjectId(`7fffffff${this.term.toString(16).padStart(16, '0')}`);
  }

  configureFailPoint(cmd: Doc): Doc {
    if (cmd.configureFailPoint !== 'failCommand') throw badValue(`unknown fail point: ${String(cmd.configureFailPoint)}`);
    this.failCommand = parseFailCommand(cmd.mode, isPlainObject(cmd.data) ? cmd.data : {});
    return { count: 0, ok: 1 };
  }

  stepDown(seconds: number): void {
    this.steppedDownUntil = Date.now() + seconds * 1000;
  }

  /** Ends a step-down at once: a new election, won by this member. */
  stepUp(): void {
    if (this.writablePrimary) return;
    this.steppedDownUntil = 0;
    this.term += 1;
  }

  /** Decides what happens to a command that arrived on a connection. */
  before(name: string): FaultAction {
    if (!this.writablePrimary && !MEMBER_COMMANDS.has(name)) return { kind: 'reply', reply: notPrimary(name) };
    const fp = this.failCommand;
    if (!fp || !fp.failCommands.includes(name)) return { kind: 'run' };
    if (fp.skip > 0) {
      fp.skip -= 1;
      return { kind: 'run' };
    }
    fp.times -= 1;
    if (fp.times <= 0) this.failCommand = undefined;
    if (fp.closeConnection) return { kind: 'close', applyFirst: fp.rungApplyFirst };
    const error = new CommandError(fp.errorCode ?? 1, 'FailPoint', `Failing command ${name} via 'failCommand' failpoint`);
    return { kind: 'reply', reply: { ...error.toReply(), ...(fp.errorLabels ? { errorLabels: fp.errorLabels } : {}) } };
  }
}

/** What a member that is no longer primary answers, with the labels a real one adds. */
function notPrimary(name: string): Doc {
  if (WRITE_COMMANDS.has(name)) {
    return { ok: 0, code: 10107, codeName: 'NotWritablePrimary', errmsg: 'not primary', errorLabels: ['RetryableWriteError'] };
  }
  return { ok: 0, code: 13435, codeName: 'NotPrimaryNoSecondaryOk', errmsg: 'not primary and secondaryOk=false' };
}

function parseFailCommand(mode: unknown, data: Doc): FailCommand | undefined {
  if (mode === 'off') return undefined;
  const counts = parseMode(mode);
  const names = data.failCommands;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw badValue('failCommand needs data.failCommands, an array of names');
  return {
    failCommands: names as string[],
    errorCode: typeof data.errorCode === 'number' ? data.errorCode : undefined,
    errorLabels: Array.isArray(data.errorLabels) ? (data.errorLabels as string[]) : undefined,
    closeConnection: data.closeConnection === true,
    rungApplyFirst: typeof data.rungApplyFirst === 'number' ? data.rungApplyFirst : undefined,
    ...counts,
  };
}

function parseMode(mode: unknown): { times: number; skip: number } {
  if (mode === 'alwaysOn') return { times: Infinity, skip: 0 };
  if (isPlainObject(mode) && typeof mode.times === 'number') return { times: mode.times, skip: 0 };
  if (isPlainObject(mode) && typeof mode.skip === 'number') return { times: Infinity, skip: mode.skip };
  throw badValue(`unsupported fail point mode: ${JSON.stringify(mode)}`);
}
