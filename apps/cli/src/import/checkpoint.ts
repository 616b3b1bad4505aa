import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Which file a checkpoint belongs to: its size and a hash of its first 64 KiB. */
export interface FileIdentity {
  size: number;
  headSha256: string;
}

/** Progress through one input file, covering only batches the server has fully acknowledged. */
export interface Checkpoint {
  version: 1;
  file: FileIdentity;
  format: 'ndjson' | 'csv';
  /** Byte offset and 1-based line number to resume reading from. */
  offset: number;
  line: number;
  records: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Length of the rejected-rows file when this checkpoint was taken; anything after it is cut on resume. */
  rejectedBytes: number;
  complete: boolean;
}

const HEAD_BYTES = 64 * 1024;

export function identify(file: string): FileIdentity {
  const size = statSync(file).size;
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return { size, headSha256: createHash('sha256').update(head).digest('hex') };
}

export function readCheckpoint(path: string): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const checkpoint = JSON.parse(text) as Checkpoint;
  if (checkpoint.version !== 1) throw new Error(`${path} is not a checkpoint this version of rung understands`);
  return checkpoint;
}

/** Writes the checkpoint so that a crash at any moment leaves either the old one or the new one, durably. */
export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDirectory(dirname(path));
}

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.headSha256 === b.headSha256;
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
