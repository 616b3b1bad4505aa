import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { appendDurably } from '@rung/event-store';
import { readLines, type Line } from './lines';
import { recoverTail, type Tail } from './tail';

/** `<dataDir>/audit/audit.log`: one JSON entry a line, appended and fdatasync'd; 0600 in a 0700 directory. */
export class AuditFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private end: number,
  ) {}

  static async open(dataDir: string): Promise<{ file: AuditFile; tail: Tail }> {
    const path = join(dataDir, 'audit', 'audit.log');
    prepare(path);
    const tail = recoverTail(path);
    const handle = await open(path, 'r+');
    return { file: new AuditFile(path, handle, tail.validEnd), tail };
  }

  /** The bytes acknowledged so far. */
  get size(): number {
    return this.end;
  }

  /** Writes at the end and resolves once the bytes are durable; on failure the file is cut back. */
  async append(bytes: Buffer): Promise<void> {
    const at = this.end;
    await appendDurably(this.handle, at, bytes, 'the audit log');
    this.end = at + bytes.length;
  }

  /** The acknowledged lines from a line start on. */
  lines(from: number): AsyncGenerator<Line> {
    return readLines(this.handle, from, this.end);
  }

  /** Whether a line starts at this offset (of the acknowledged bytes). */
  async startsLine(offset: number): Promise<boolean> {
    if (offset === 0) return true;
    if (offset > this.end) return false;
    const byte = Buffer.alloc(1);
    await this.handle.read(byte, 0, 1, offset - 1);
    return byte[0] === 0x0a;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** The lines of the file as it is on disk now, read through a handle of their own; nothing when it is gone. */
export async function* readStoredLines(path: string, size: number): AsyncGenerator<Line> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!handle) return;
  try {
    yield* readLines(handle, 0, size);
  } finally {
    await handle.close();
  }
}

function prepare(path: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  syncDir(dir);
  syncDir(dirname(dir));
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
