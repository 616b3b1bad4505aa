/** A number written into the JSON text as given: JSON.stringify cannot write 1e400, -0 or a 30-digit integer. */
export class RawNumber {
  constructor(readonly text: string) {}
}

export type JsonTree = null | boolean | number | string | RawNumber | JsonTree[] | { [key: string]: JsonTree };
export type JsonObject = { [key: string]: JsonTree };

export function isObject(value: JsonTree | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawNumber);
}

/** Sets an own property, even `__proto__`, as JSON.parse would. */
export function setOwn(target: JsonObject, key: string, value: JsonTree): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function objectOf(entries: ReadonlyArray<readonly [string, JsonTree]>): JsonObject {
  const target: JsonObject = {};
  for (const [key, value] of entries) setOwn(target, key, value);
  return target;
}

/** JSON text of a tree, own keys included whatever their names (`__proto__` too). */
export function toJsonText(value: JsonTree): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${toJsonText(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** A copy safe to change, keeping raw numbers and own `__proto__` keys. */
export function cloneTree(value: JsonTree): JsonTree {
  if (Array.isArray(value)) return value.map(cloneTree);
  if (isObject(value)) return objectOf(Object.keys(value).map((k) => [k, cloneTree(value[k])] as const));
  return value;
}
