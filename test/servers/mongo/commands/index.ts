import { commandNotFound, failedToParse, toCommandError } from '../errors';
import type { Doc } from '../values';
import { aggregateCommands } from './aggregate';
import { faultCommands } from './faults';
import { findAndModifyCommands } from './find-and-modify';
import { indexCommands } from './indexes';
import { namespaceCommands } from './namespaces';
import { readCommands } from './read';
import { serverInfoCommands } from './server-info';
import type { CommandContext, CommandTable } from './types';
import { writeCommands } from './write';

export type { CommandContext, ConnectionInfo, ServerInfo } from './types';

const COMMANDS: CommandTable = {
  ...serverInfoCommands,
  ...readCommands,
  ...aggregateCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...indexCommands,
  ...namespaceCommands,
  ...faultCommands,
};

/** Runs a command document and always returns a reply document (`ok: 0` on failure). */
export function runCommand(cmd: Doc, ctx: CommandContext): Doc {
  try {
    const name = Object.keys(cmd)[0];
    if (name === undefined) throw failedToParse('empty command document');
    const fn = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (fn === undefined) throw commandNotFound(name);
    return fn(cmd, ctx);
  } catch (err) {
    return toCommandError(err).toReply();
  }
}
