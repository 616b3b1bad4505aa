import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DomainError } from '@rung/domain';
import { appendDurably } from '../embedded/durable-append';
import { fsyncDirectory, recoverReplace, replaceShredding } from './shredding-replace';

/** Read and write, created if missing; not O_APPEND, whose writes ignore the position appendDurably gives. */
const READ_WRITE = constants.O_RDWR | constants.O_CREAT;

/**
 * An append-only file of JSON lines whose records are applied, in file order, to the caller's memory: at open,
 * and after each write is durable, so memory is always a replay of what is on disk. Appends made while a
 * write is under way are grouped into the next write and fsync. One process owns the file.
 */
export class JsonLinesFile<T> {
  private queued: T[] = [];
  private nextWrite?: Promise<void>;
  private chain: Promise<unknown> = Promise.resolve();
  private broken?: Error;

  private constructor(
    private readonly path: string,
    private readonly apply: (record: T) => void,
    private handle: FileHandle,
    private end: number,
  ) {}

  static async open<T>(path: string, apply: (record: T) => void): Promise<JsonLinesFile<T>> {
    await recoverReplace(path);
    const handle = await open(path, READ_WRITE, 0o600);
    await fsyncDirectory(dirname(path));
    try {
      const end = await replay(handle, path, apply);
      return new JsonLinesFile(path, apply, handle, end);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Resolves once the records are durable and applied. */
  append(records: readonly T[]): Promise<void> {
    this.queued.push(...records);
    this.nextWrite ??= this.serially(() => this.writeQueued());
    return this.nextWrite;
  }

  /**
   * Replaces the whole file with the records `produce` returns (undefined: no change), run once every earlier
   * append is applied, shredding the old contents (shredding-replace.ts). After a failure the file refuses
   * appends until reopened.
   */
  replace(produce: () => readonly T[] | undefined): Promise<void> {
    return this.serially(async () => {
      const records = produce();
      if (!records) return;
      const bytes = linesOf(records);
      await this.handle.close();
      try {
        await replaceShredding(this.path, bytes);
      } catch (error) {
        this.broken = error as Error;
        throw unavailable(this.path, error);
      } finally {
        this.handle = await open(this.path, READ_WRITE, 0o600);
      }
      this.end = bytes.length;
    });
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }

  private async writeQueued(): Promise<void> {
    const records = this.queued;
    this.queued = [];
    this.nextWrite = undefined;
    if (this.broken) throw unavailable(this.path, this.broken);
    const bytes = linesOf(records);
    await appendDurably(this.handle, this.end, bytes, this.path);
    this.end += bytes.length;
    for (const record of records) this.apply(record);
  }

  private serially(operation: () => Promise<void>): Promise<void> {
    const run = this.chain.then(operation);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

function linesOf(records: readonly unknown[]): Buffer {
  return Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
}

/** Replays every complete line; a torn last line (a crash mid-append, never acknowledged) is cut off. */
async function replay<T>(handle: FileHandle, path: string, apply: (record: T) => void): Promise<number> {
  const bytes = await handle.readFile();
  const end = bytes.lastIndexOf(0x0a) + 1;
  if (bytes.length > end) {
    await handle.truncate(end);
    await handle.sync();
  }
  const lines = bytes.toString('utf8', 0, end).split('\n');
  lines.pop();
  lines.forEach((line, i) => apply(parse<T>(line, path, i + 1)));
  return end;
}

function parse<T>(line: string, path: string, number: number): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new DomainError('journal-corrupt', `${path} line ${number} is not JSON: the file is damaged (restore it from a backup)`);
  }
}

function unavailable(path: string, error: unknown): DomainError {
  return new DomainError('store-unavailable', `${path} could not be replaced: ${(error as Error).message}; reopen the store`);
}
