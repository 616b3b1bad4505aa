import { Long } from 'bson';
import { failedToParse, invalidNamespace, typeMismatch } from '../errors';
import type { Doc } from '../values';
import { isDocArray, isPlainObject } from '../values';

/** Helpers that read typed command arguments, failing like the server does on bad input. */

export function collectionName(cmd: Doc, field: string): string {
  const value = cmd[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidNamespace(`collection name has invalid type ${describe(value)}`);
  }
  return value;
}

export function optionalDoc(cmd: Doc, field: string): Doc | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw typeMismatch(`BSON field '${field}' is the wrong type '${describe(value)}', expected 'object'`);
  }
  return value;
}

export function requiredDocs(cmd: Doc, field: string): Doc[] {
  const value = cmd[field];
  if (value === undefined) throw failedToParse(`BSON field '${field}' is missing but a required field`);
  if (!isDocArray(value)) throw typeMismatch(`BSON field '${field}' must be an array of documents`);
  return value;
}

export function optionalNumber(cmd: Doc, field: string): number | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (Long.isLong(value)) return value.toNumber();
  throw typeMismatch(`BSON field '${field}' is the wrong type '${describe(value)}', expected a number`);
}

export function optionalBool(cmd: Doc, field: string): boolean | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  throw typeMismatch(`BSON field '${field}' is the wrong type '${describe(value)}', expected type 'bool'`);
}

/** Cursor ids arrive as int64 (promoted to number by the BSON decoder when they fit). */
export function cursorId(value: unknown): number {
  if (typeof value === 'number') return value;
  if (Long.isLong(value)) return value.toNumber();
  throw typeMismatch(`cursor id has invalid type ${describe(value)}, expected long`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? value.constructor.name : typeof value;
}
