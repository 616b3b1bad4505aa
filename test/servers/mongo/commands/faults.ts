import { badValue } from '../errors';
import type { Doc } from '../values';
import type { CommandContext, CommandTable } from './types';

function seconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || value < 0) throw badValue(`${name} must be a non-negative number of seconds`);
  return value;
}

/** replSetStepDown: this member stops being primary for that many seconds (or until replSetStepUp). */
function replSetStepDown(cmd: Doc, ctx: CommandContext): Doc {
  ctx.faults.stepDown(seconds(cmd.replSetStepDown, 'replSetStepDown'));
  return { ok: 1 };
}

function replSetStepUp(_cmd: Doc, ctx: CommandContext): Doc {
  ctx.faults.stepUp();
  return { ok: 1 };
}

/** replSetFreeze: 0 on a stepped-down single member elects it again, as on a one-member replica set. */
function replSetFreeze(cmd: Doc, ctx: CommandContext): Doc {
  if (seconds(cmd.replSetFreeze, 'replSetFreeze') === 0) ctx.faults.stepUp();
  return { ok: 1 };
}

export const faultCommands: CommandTable = {
  configureFailPoint: (cmd, ctx) => ctx.faults.configureFailPoint(cmd),
  replSetStepDown,
  replSetStepUp,
  replSetFreeze,
};
