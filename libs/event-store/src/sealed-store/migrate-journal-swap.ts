import { existsSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, zeroInPlace } from '../subject-keys/shredding-replace';

/** Where an embedded migration writes: everything but the live journal lies in DATA_DIR/migrate/. */
export interface MigrationPaths {
  dataDir: string;
  journal: string;
  workDir: string;
  /** The sealed journal being written. */
  next: string;
  /** The plaintext journal once it has been moved aside, until it is zeroed and removed. */
  old: string;
}

export function migrationPaths(dataDir: string): MigrationPaths {
  const workDir = join(dataDir, 'migrate');
  return { dataDir, journal: join(dataDir, 'journal.log'), workDir, next: join(workDir, 'journal.log'), old: join(workDir, 'plaintext-journal.log') };
}

/**
 * Puts the complete sealed journal in place of the plaintext one, then zeroes and removes the plaintext.
 * Each step is durable before the next, and `finishInterruptedSwap` can tell from the files where a kill stopped it.
 */
export async function swapJournals(paths: MigrationPaths): Promise<void> {
  await syncFile(paths.next);
  await rename(paths.journal, paths.old);
  await fsyncBoth(paths);
  await installAndShred(paths);
}

/**
 * Finishes a swap that a kill interrupted; true when there was one. The old journal is only moved aside
 * once the new one is complete, so from then on the swap only ever goes forward.
 */
export async function finishInterruptedSwap(paths: MigrationPaths): Promise<boolean> {
  if (!existsSync(paths.old)) return false;
  if (!existsSync(paths.next)) {
    await shredOld(paths);
    return true;
  }
  if (existsSync(paths.journal) && statSync(paths.journal).size > 0) {
    throw new Error(`${paths.journal} was written while a migration was swapping journals; the sealed journal is ${paths.next} and the plaintext one ${paths.old}: sort them out by hand`);
  }
  await installAndShred(paths);
  return true;
}

/** Removes an unfinished sealed journal (it holds only ciphertext) when the old journal needs no migration. */
export async function discardWork(paths: MigrationPaths): Promise<void> {
  await rm(paths.workDir, { recursive: true, force: true });
  await fsyncDirectory(paths.dataDir);
}

async function installAndShred(paths: MigrationPaths): Promise<void> {
  await rename(paths.next, paths.journal);
  await fsyncBoth(paths);
  await shredOld(paths);
}

/** Zeroes the plaintext before unlinking it: an unlinked inode's blocks would keep it until reused. */
async function shredOld(paths: MigrationPaths): Promise<void> {
  await zeroInPlace(paths.old);
  await discardWork(paths);
}

async function fsyncBoth(paths: MigrationPaths): Promise<void> {
  await fsyncDirectory(paths.workDir);
  await fsyncDirectory(paths.dataDir);
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
