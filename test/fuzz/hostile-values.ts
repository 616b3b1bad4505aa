import fc from 'fast-check';
import { objectOf, RawNumber, toJsonText, type JsonTree } from './json-text';

/** Keys that mean something to JavaScript objects and their prototypes. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** Strings that have broken parsers, validators, date handling, logs and terminals. */
export const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDC00y', '\u202Eevil', '\u200F', '\uFEFF', '😀', '👩‍👩‍👧‍👦', '\u0301',
  'NaN', 'Infinity', '-Infinity', '-0', '1e400', 'null', 'undefined', 'true', '0x10', ' 5 ', '5.0', '２０２４-０１-０１',
  '2024-02-30', '2024-13-01', '0000-00-00', '+275760-09-13', '-000001-01-01', '9999-12-31', '2024-01-01T25:61:00Z', '2024-1-1',
  ...PROTOTYPE_KEYS, '%00', '%', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE x; --", '${jndi:ldap://x}', '{{7*7}}',
  'E123456\n', 'rx1-trust\u0000', 'k_0000000000000000', 'a'.repeat(70_000), '😀'.repeat(20_000), '\u0000'.repeat(1_000),
];

/** Number tokens as written in JSON text: overflow, underflow, negative zero, beyond 2^53. */
export const RAW_NUMBERS = ['-0', '1e400', '-1e400', '1e-400', '9007199254740993', '123456789012345678901234567890', '0.1', '-1', '1e21', '2147483648', '4294967296', '0', '1.0', '-0.0', '5e-324'];

const oddUnit = fc.oneof(fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u202E', '\u200F', '\uFEFF', '😀', '\u0301', '"', '\\'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: oddUnit, maxLength: 24 }) },
);

export const hostileNumber: fc.Arbitrary<JsonTree> = fc.oneof(
  fc.constantFrom(...RAW_NUMBERS).map((text) => new RawNumber(text)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

export const hostileScalar: fc.Arbitrary<JsonTree> = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom('', 'events', 'type', 'data', 'a.b', 'a[0]'), hostileString);

/** Small trees with hostile leaves and keys, prototype keys among them. */
export const hostileTree: fc.Arbitrary<JsonTree> = fc.letrec<{ tree: JsonTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    hostileScalar,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('tree')), { maxLength: 4 }).map(objectOf),
  ),
})).tree;

/** `{ "__proto__": { … } }` and its kin: the classic pollution payloads. */
export const pollution: fc.Arbitrary<JsonTree> = fc.constantFrom(...PROTOTYPE_KEYS).map((key) =>
  objectOf([[key, objectOf([['polluted', true], ['isAdmin', true], ['prototype', objectOf([['polluted', true]])]])]]));

/** Arrays or objects nested `depth` levels. */
export function nested(depth: number, asObject: boolean): JsonTree {
  let value: JsonTree = 1;
  for (let i = 0; i < depth; i += 1) value = asObject ? objectOf([['a', value]]) : [value];
  return value;
}

export const deep: fc.Arbitrary<JsonTree> = fc.tuple(fc.integer({ min: 60, max: 400 }), fc.boolean()).map(([depth, asObject]) => nested(depth, asObject));

export const wide: fc.Arbitrary<JsonTree> = fc.tuple(fc.integer({ min: 1_000, max: 30_000 }), fc.boolean()).map(([width, asObject]) =>
  asObject ? objectOf(Array.from({ length: width }, (_, i) => [`k${i}`, i] as const)) : Array.from({ length: width }, (_, i) => i));

/** A hostile value for one field: mostly small, sometimes deep, wide or polluting. */
export const hostileValue: fc.Arbitrary<JsonTree> = fc.oneof(
  { weight: 6, arbitrary: hostileTree },
  { weight: 1, arbitrary: pollution },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: wide },
);

/** Texts that are not JSON, or are JSON of the wrong shape. */
export const MALFORMED_TEXTS = [
  '', ' ', '{', '}', '{"events":[', '{"a":1,}', "{'a':1}", 'NaN', '-Infinity', '[1,2', '\uFEFF{}', 'undefined', '{"a":01}', '{"a":1}{"b":2}',
  '{"a":"\\x00"}', '{"a":"\u0001"}', '{"a":"\\ud800"}', 'null', 'true', '"a string"', '123', '-0', '1e400', '[]', '{}', '[{}]',
  '{"events":null}', '{"events":{}}', '{"events":[]}', '{"events":[null]}', '{"events":[1,"a",[]]}', '{"events":[{}],"extra":1}',
  '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"a":1,"a":2}', '\u0000', '{"a":"b"', '[' .repeat(70) + ']'.repeat(70),
];

/** A whole request body as JSON text: not JSON, or JSON of any hostile shape. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_TEXTS) },
  { weight: 3, arbitrary: hostileValue.map(toJsonText) },
  { weight: 1, arbitrary: fc.string({ unit: oddUnit, maxLength: 40 }) },
);
