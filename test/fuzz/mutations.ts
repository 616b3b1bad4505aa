import fc from 'fast-check';
import { hostileKey, hostileValue } from './hostile-values';
import { cloneTree, isObject, RawNumber, setOwn, type JsonTree } from './json-text';

export type MutationKind = 'drop' | 'swap' | 'inject' | 'add';
export type Path = ReadonlyArray<string | number>;

/** A valid body changed in one place; `field` is that place as a dotted path (`arms.0.cohortId`). */
export interface Mutated {
  body: JsonTree;
  kind: MutationKind;
  /** Unset when an added key cannot be told apart in a dotted path (`a.b`, `x[0]`, ``). */
  field?: string;
}

/** A key that reads the same in a dotted path. */
const plainKey = (key: string): boolean => /^[A-Za-z_$][\w$]{0,99}$/.test(key);
const added = (path: Path, key: string): string | undefined => (plainKey(key) ? dotted([...path, key]) : undefined);

/** Every path to a node below the root. */
export function pathsOf(value: JsonTree, prefix: Path = []): Path[] {
  const children: Array<[string | number, JsonTree]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : isObject(value) ? Object.keys(value).map((k) => [k, value[k]]) : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

const SWAPS: JsonTree[] = [new RawNumber('1'), new RawNumber('-0'), new RawNumber('1e400'), 'text', '', true, null, [], ['x'], {}, { a: 1 }];

function typeOf(value: JsonTree): string {
  if (value instanceof RawNumber) return 'number';
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** One of a few values of another JSON type than `value`. */
function swapped(value: JsonTree, pick: number): JsonTree {
  const others = SWAPS.filter((s) => typeOf(s) !== typeOf(value));
  return others[pick % others.length];
}

function nodeAt(root: JsonTree, path: Path): JsonTree {
  return path.reduce<JsonTree>((node, key) => (Array.isArray(node) ? node[key as number] : isObject(node) ? node[key as string] : null), root);
}

function replaceAt(parent: JsonTree, key: string | number, value: JsonTree | undefined): void {
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(key as number, 1);
    else parent[key as number] = value;
  } else if (isObject(parent)) {
    if (value === undefined) delete parent[key as string];
    else setOwn(parent, key as string, value);
  }
}

export const dotted = (path: Path): string => path.join('.');

interface Plan {
  path: Path;
  kind: MutationKind;
  value: JsonTree;
  key: string;
  pick: number;
}

function apply(example: JsonTree, plan: Plan): Mutated {
  const body = cloneTree(example);
  const parent = nodeAt(body, plan.path.slice(0, -1));
  const last = plan.path[plan.path.length - 1];
  const target = nodeAt(body, plan.path);
  if (plan.kind === 'add' && isObject(target)) {
    setOwn(target, plan.key, plan.value);
    return { body, kind: 'add', field: added(plan.path, plan.key) };
  }
  if (plan.kind === 'drop') replaceAt(parent, last, undefined);
  else replaceAt(parent, last, plan.kind === 'swap' ? swapped(target, plan.pick) : plan.value);
  return { body, kind: plan.kind === 'add' ? 'inject' : plan.kind, field: dotted(plan.path) };
}

/** Mutations of a valid example: drop a field, swap its type, inject a hostile value, or add a hostile key. */
export function mutationsOf(example: JsonTree, keep: (path: Path) => boolean = () => true): fc.Arbitrary<Mutated> {
  const paths = pathsOf(example).filter(keep);
  const rootAdd = fc.record({ path: fc.constant<Path>([]), kind: fc.constant<MutationKind>('add'), value: hostileValue, key: hostileKey, pick: fc.nat() });
  const inPlace = fc.record({
    path: fc.constantFrom(...paths), kind: fc.constantFrom<MutationKind>('drop', 'swap', 'inject', 'add'), value: hostileValue, key: hostileKey, pick: fc.nat(),
  });
  return fc.oneof({ weight: 1, arbitrary: rootAdd }, { weight: 6, arbitrary: inPlace }).map((plan) => applyAtRoot(example, plan));
}

function applyAtRoot(example: JsonTree, plan: Plan): Mutated {
  if (plan.path.length > 0) return apply(example, plan);
  const body = cloneTree(example);
  if (isObject(body)) setOwn(body, plan.key, plan.value);
  return { body, kind: 'add', field: added([], plan.key) };
}
