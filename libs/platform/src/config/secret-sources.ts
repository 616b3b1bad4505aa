import { readFileSync } from 'node:fs';
import type { VariableSpec } from './env-parsers';

export type Env = Readonly<Record<string, string | undefined>>;

/** A variable's raw value and where it came from, for error messages; or nothing given; or why it could not be read. */
export type RawValue =
  | { given: true; raw: string; source: string }
  | { given: false }
  | { problem: string };

export function isSet(env: Env, name: string): boolean {
  return env[name] !== undefined && env[name] !== '';
}

/** Whether the secret NAME is given, as NAME or as NAME_FILE. */
export function secretIsSet(env: Env, name: string): boolean {
  return isSet(env, name) || isSet(env, `${name}_FILE`);
}

/**
 * The raw value of a variable. A secret X may instead be given as X_FILE, a path to a file whose trimmed
 * contents are the value (the Docker and Kubernetes secrets convention); setting both is an error. When X_FILE
 * is a configuration variable of its own (PSEUDONYM_SECRET_FILE, whose key is generated when the file does not
 * exist), that variable's loader reads the file, so only the rule against setting both applies here.
 */
export function rawValue(env: Env, spec: VariableSpec<unknown>, ownVariables: ReadonlySet<string>): RawValue {
  const fileVariable = `${spec.name}_FILE`;
  if (!spec.secret || !isSet(env, fileVariable)) {
    return isSet(env, spec.name) ? { given: true, raw: env[spec.name] as string, source: spec.name } : { given: false };
  }
  if (isSet(env, spec.name)) return { problem: `${spec.name} and ${fileVariable} are both set; set only one of them` };
  if (ownVariables.has(fileVariable)) return { given: false };
  return fromFile(fileVariable, env[fileVariable] as string);
}

/** Only the variable, the path and the system's error code are named: never the contents. */
function fromFile(fileVariable: string, path: string): RawValue {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8').trim();
  } catch (error) {
    return { problem: `${fileVariable} names a file that cannot be read: '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (raw === '') return { problem: `${fileVariable} names an empty file: '${path}'` };
  return { given: true, raw, source: `${fileVariable.slice(0, -'_FILE'.length)} (from ${fileVariable} '${path}')` };
}
