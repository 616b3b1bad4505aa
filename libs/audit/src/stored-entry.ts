import type { AuditEntry } from './audit-log.port';

/** A stored line or document that cannot be read as an entry; its seq when one can still be made out. */
export interface UnreadableEntry {
  unreadable: true;
  seq: number | null;
  detail: string;
}

export type StoredEntry = AuditEntry | UnreadableEntry;

export function isUnreadable(item: StoredEntry): item is UnreadableEntry {
  return 'unreadable' in item && item.unreadable === true;
}

/**
 * What the chain needs of a stored value: a positive integer seq and the two hashes. Everything else
 * is checked by the hash itself, so an entry with a field changed, added or dropped reads as changed.
 */
export function asStoredEntry(value: unknown, where: string): StoredEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return unreadable(null, `${where} is not an object`);
  const v = value as Record<string, unknown>;
  const seq = isSeq(v.seq) ? v.seq : null;
  if (seq === null) return unreadable(null, `${where} has no seq`);
  if (typeof v.prevHash !== 'string' || typeof v.hash !== 'string') return unreadable(seq, `${where} has no prevHash or hash`);
  return v as unknown as AuditEntry;
}

/** One line of the embedded file; a seq is made out of a damaged line when its text still shows one. */
export function parseStoredLine(line: string, where: string): StoredEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    const seq = /"seq":(\d{1,15})[,}]/.exec(line)?.[1];
    return unreadable(seq === undefined ? null : Number(seq), `${where} is not JSON`);
  }
  return asStoredEntry(value, where);
}

function isSeq(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function unreadable(seq: number | null, detail: string): UnreadableEntry {
  return { unreadable: true, seq: seq !== null && seq > 0 ? seq : null, detail };
}
