import type { FileHandle } from 'node:fs/promises';
import { DomainError } from '@rung/domain';

/**
 * Writes the bytes at `at` and resolves once they are durable (fdatasync). On failure the file is cut
 * back to `at`, so that nothing unacknowledged stays behind, and the store is reported unavailable.
 */
export async function appendDurably(handle: FileHandle, at: number, bytes: Buffer, what: string): Promise<void> {
  try {
    await handle.write(bytes, 0, bytes.length, at);
    await handle.datasync();
  } catch (error) {
    await handle.truncate(at).catch(() => undefined);
    throw new DomainError('store-unavailable', `${what} could not be written: ${(error as Error).message}`);
  }
}
