import { accessSync, constants, statSync } from 'node:fs';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface VariableSpec<T> {
  name: string;
  description: string;
  default?: T;
  parse(raw: string): Parsed<T>;
  /**
   * A secret: its value never appears in an error, and it may instead be given as NAME_FILE, a path to a file
   * whose trimmed contents are the value (secret-sources.ts).
   */
  secret?: true;
  /** How a secret's bad value is shown in an error; '…' when not given. */
  redact?(raw: string): string;
}

export function integer(min: number, max: number): (raw: string) => Parsed<number> {
  return (raw) => {
    const value = Number(raw);
    return /^-?\d+$/.test(raw.trim()) && value >= min && value <= max
      ? { ok: true, value }
      : { ok: false, message: `must be a whole number from ${min} to ${max}` };
  };
}

export function oneOf<T extends string>(values: readonly T[]): (raw: string) => Parsed<T> {
  return (raw) => (values.includes(raw as T)
    ? { ok: true, value: raw as T }
    : { ok: false, message: `must be one of: ${values.join(', ')}` });
}

export function text(pattern = /^\S+$/, rule = 'must be non-empty, with no spaces'): (raw: string) => Parsed<string> {
  return (raw) => (pattern.test(raw) ? { ok: true, value: raw } : { ok: false, message: rule });
}

export function secret(raw: string): Parsed<Buffer> {
  const bytes = /^[0-9a-fA-F]+$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  return bytes.length >= 32
    ? { ok: true, value: bytes }
    : { ok: false, message: 'must be at least 32 random bytes, as hex or base64' };
}

export function boolean(raw: string): Parsed<boolean> {
  return raw === 'true' || raw === 'false' ? { ok: true, value: raw === 'true' } : { ok: false, message: 'must be true or false' };
}

/** A path to a file this process can read (its contents are read where they are used). */
export function readableFile(raw: string): Parsed<string> {
  try {
    accessSync(raw, constants.R_OK);
    if (!statSync(raw).isFile()) throw new Error('not a file');
    return { ok: true, value: raw };
  } catch {
    return { ok: false, message: 'must be the path of a readable file' };
  }
}
