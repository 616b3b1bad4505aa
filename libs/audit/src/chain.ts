import { createHash } from 'node:crypto';
import type { AuditEntry, AuditRecord } from './audit-log.port';

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The newest entry of a log, which the next one chains to. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted (by UTF-16 code unit) at every depth and undefined members left out,
 * so that the same value always gives the same text, whatever order its fields were stored in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).filter((k) => object[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
}

/** sha256hex(prevHash + '\n' + canonicalJson(the entry without its hash)); every other stored field counts. */
export function entryHash(entry: { prevHash: string; hash?: unknown }): string {
  const { hash: _hash, ...rest } = entry;
  return sha256hex(`${entry.prevHash}\n${canonicalJson(rest)}`);
}

/** Numbers the records after the head and links each to the one before it. */
export function chainEntries(head: ChainHead | null, records: readonly AuditRecord[]): AuditEntry[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return records.map((record) => {
    seq += 1;
    const unhashed = { seq, ...record, prevHash };
    const entry: AuditEntry = { ...unhashed, hash: entryHash(unhashed) };
    prevHash = entry.hash;
    return entry;
  });
}

export function headOf(entries: readonly AuditEntry[]): ChainHead | null {
  const last = entries[entries.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : null;
}
