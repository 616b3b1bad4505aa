export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface VariableSpec<T> {
  name: string;
  description: string;
  default?: T;
  parse(raw: string): Parsed<T>;
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
