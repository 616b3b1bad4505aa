import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

const ZERO_CHUNK = 1024 * 1024;

/**
 * Replaces a file's contents so that its old bytes do not survive: the new contents go to a temporary file
 * (fsynced), the old file's bytes are overwritten with zeros in place (fsynced), and only then is the new file
 * renamed over it and the directory fsynced. A plain rename would only unlink the old inode: its blocks would
 * keep the destroyed keys until the filesystem reused them, readable from the raw device or a block-level backup
 * or snapshot, and any hard link or open descriptor to the old inode would still read them.
 * This is as far as a process can go: a copy-on-write filesystem (btrfs, ZFS), data journalling or an SSD's
 * remapping may still keep old blocks, which is why the keys are wrapped by a master key kept elsewhere.
 */
export async function replaceShredding(path: string, contents: Buffer): Promise<void> {
  await writeDurably(temporaryOf(path), contents);
  await zeroInPlace(path);
  await rename(temporaryOf(path), path);
  await fsyncDirectory(dirname(path));
}

/**
 * Finishes or undoes a replacement that a crash interrupted. Once zeroing began (the file holds a NUL byte,
 * which JSON lines never do) the temporary file was complete, so it is renamed into place; before that the old
 * file is intact and the temporary one is dropped (the caller redoes the replacement).
 */
export async function recoverReplace(path: string): Promise<void> {
  const temporary = temporaryOf(path);
  if (!existsSync(temporary)) return;
  if (await zeroingBegan(path)) await rename(temporary, path);
  else await rm(temporary);
  await fsyncDirectory(dirname(path));
}

function temporaryOf(path: string): string {
  return `${path}.replacing`;
}

async function writeDurably(path: string, contents: Buffer): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    await handle.write(contents, 0, contents.length, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function zeroInPlace(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const size = (await handle.stat()).size;
    const zeros = Buffer.alloc(Math.min(size, ZERO_CHUNK));
    for (let at = 0; at < size; at += zeros.length) await handle.write(zeros, 0, Math.min(zeros.length, size - at), at);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function zeroingBegan(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return true;
  try {
    return (await handle.readFile()).includes(0);
  } finally {
    await handle.close();
  }
}

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
