import type { Doc } from './values';

/** A command failure that is reported to the client as `{ ok: 0, errmsg, code, codeName }`. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    /** Extra fields copied into the error reply (e.g. keyPattern/keyValue). */
    readonly extra: Doc = {},
  ) {
    super(message);
  }

  toReply(): Doc {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The shape used inside `writeErrors` of insert/update/delete replies. */
  toWriteError(index: number): Doc {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

export const badValue = (msg: string): CommandError => new CommandError(2, 'BadValue', msg);
export const failedToParse = (msg: string): CommandError => new CommandError(9, 'FailedToParse', msg);
export const typeMismatch = (msg: string): CommandError => new CommandError(14, 'TypeMismatch', msg);
export const illegalOperation = (msg: string): CommandError =>
  new CommandError(20, 'IllegalOperation', msg);
export const namespaceNotFound = (msg: string): CommandError =>
  new CommandError(26, 'NamespaceNotFound', msg);
export const indexNotFound = (msg: string): CommandError => new CommandError(27, 'IndexNotFound', msg);
export const cursorNotFound = (id: number): CommandError =>
  new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
export const namespaceExists = (ns: string): CommandError =>
  new CommandError(48, 'NamespaceExists', `Collection ${ns} already exists.`);
export const commandNotFound = (name: string): CommandError =>
  new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
export const immutableField = (msg: string): CommandError => new CommandError(66, 'ImmutableField', msg);
export const cannotCreateIndex = (msg: string): CommandError =>
  new CommandError(67, 'CannotCreateIndex', msg);
export const invalidOptions = (msg: string): CommandError => new CommandError(72, 'InvalidOptions', msg);
export const invalidNamespace = (msg: string): CommandError =>
  new CommandError(73, 'InvalidNamespace', msg);
export const indexOptionsConflict = (msg: string): CommandError =>
  new CommandError(85, 'IndexOptionsConflict', msg);
export const indexKeySpecsConflict = (msg: string): CommandError =>
  new CommandError(86, 'IndexKeySpecsConflict', msg);

/** Maps anything thrown while executing a command (including mingo errors) to a CommandError. */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return badValue(message);
}
