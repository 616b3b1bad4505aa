import { BSON, Binary, EJSON, ObjectId } from 'bson';

/** A BSON document as produced by `BSON.deserialize`. */
export type Doc = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isDocArray(value: unknown): value is Doc[] {
  return Array.isArray(value) && value.every(isPlainObject);
}

/**
 * Deep clone of a BSON value. BSON wrapper types (ObjectId, Long, Decimal128, ...) are immutable
 * and shared; Binary, Date and RegExp are mutable so they are copied.
 */
export function cloneValue<T>(value: T): T {
  return cloneUnknown(value) as T;
}

function cloneUnknown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneUnknown);
  if (isPlainObject(value)) return cloneDoc(value);
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof RegExp) return new RegExp(value.source, value.flags);
  if (value instanceof Binary) return new Binary(Buffer.from(value.value()), value.sub_type);
  return value;
}

export function cloneDoc(doc: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(doc)) out[key] = cloneUnknown(value);
  return out;
}

/** Returns the document with `_id` as its first field, generating an ObjectId if it is missing. */
export function withIdFirst(doc: Doc): Doc {
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}

/** Sets a (possibly dotted) path, creating intermediate documents. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (!isPlainObject(next)) target[part] = {};
    target = target[part] as Doc;
  }
  target[parts[parts.length - 1]] = value;
}

/**
 * All values reachable through a dotted path, descending into arrays the way MongoDB indexes and
 * `distinct` do (a terminal array contributes its elements). Missing paths yield no values.
 */
export function collectPathValues(value: unknown, path: string): unknown[] {
  return collect(value, path.split('.'));
}

function collect(value: unknown, parts: string[]): unknown[] {
  if (parts.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return collectFromArray(value, parts);
  if (!isPlainObject(value) || !(parts[0] in value)) return [];
  return collect(value[parts[0]], parts.slice(1));
}

function collectFromArray(values: unknown[], parts: string[]): unknown[] {
  const index = /^\d+$/.test(parts[0]) ? Number(parts[0]) : undefined;
  if (index !== undefined) return index < values.length ? collect(values[index], parts.slice(1)) : [];
  return values.flatMap((element) => (isPlainObject(element) ? collect(element, parts) : []));
}

/** A string that is equal for equal BSON values (used as a hash key for unique indexes/distinct). */
export function canonicalKey(value: unknown): string {
  return EJSON.stringify({ v: value ?? null }, { relaxed: false });
}

export function bsonEqual(a: Doc, b: Doc): boolean {
  return Buffer.from(BSON.serialize(a)).equals(Buffer.from(BSON.serialize(b)));
}

/** Formats a value the way the server prints it inside a duplicate key error message. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (isPlainObject(value)) return formatDoc(value);
  return EJSON.stringify(value, { relaxed: true });
}

export function formatDoc(doc: Doc): string {
  const fields = Object.entries(doc).map(([key, value]) => `${key}: ${formatValue(value)}`);
  return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
}
