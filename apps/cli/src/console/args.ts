import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake on the command line: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

export type Flags = Record<string, string | boolean | undefined>;

export function parseFlags(argv: string[], options: NonNullable<ParseArgsConfig['options']>): { flags: Flags; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { flags: values as Flags, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function numberFlag(flags: Flags, name: string, rule: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const ok = raw.trim() !== '' && Number.isFinite(value) && (!rule.integer || Number.isInteger(value))
    && value >= (rule.min ?? -Infinity) && value <= (rule.max ?? Infinity);
  if (!ok) {
    const range = rule.min !== undefined && rule.max !== undefined ? ` from ${rule.min} to ${rule.max}` : '';
    throw new UsageError(`--${name} must be ${rule.integer ? 'a whole number' : 'a number'}${range} (got '${raw}')`);
  }
  return value;
}

export function urlFlag(flags: Flags, name: string, fallback?: string): string | undefined {
  const raw = stringFlag(flags, name) ?? fallback;
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.toString();
  } catch {
    throw new UsageError(`--${name} must be an http:// or https:// URL (got '${raw}')`);
  }
}

/** The API key from --api-key, or from the file named by --api-key-file (which keeps it out of `ps`). */
export function apiKeyFlag(flags: Flags): string | undefined {
  const file = stringFlag(flags, 'api-key-file');
  return file ? readFileSync(file, 'utf8').trim() : stringFlag(flags, 'api-key');
}

export const API_KEY_OPTIONS = {
  'api-key': { type: 'string' },
  'api-key-file': { type: 'string' },
} as const;
