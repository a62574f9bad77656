import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, link, lstat, mkdir, open, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AttachmentObjectMissing,
  assertStorageKey,
  type AttachmentStorage,
  type StoredObjectInfo,
} from './attachment-storage.js';

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

// Only the API's own user reads what the parks upload and issue.
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/** Sets `mode` on every directory and file below `dir` (not following links), `dir` last. */
async function chmodTree(dir: string): Promise<number> {
  let changed = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) changed += await chmodTree(child);
    else if (entry.isFile() && ((await lstat(child)).mode & 0o777) !== FILE_MODE) {
      await chmod(child, FILE_MODE);
      changed++;
    }
  }
  if (((await lstat(dir)).mode & 0o777) !== DIRECTORY_MODE) {
    await chmod(dir, DIRECTORY_MODE);
    changed++;
  }
  return changed;
}

/** Objects as files (0600) under one directory (ATTACHMENTS_DIR, 0700), one file per key. */
export class LocalDiskStorage implements AttachmentStorage {
  readonly kind = 'local';
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  /**
   * Creates the directory, or takes an existing one (files stored before 0600/0700 became the
   * rule) down to the API's user: a walk of the tree, run at start only while the root itself is
   * still open to others (it is changed last, so an interrupted walk runs again).
   */
  async prepare(): Promise<number> {
    await mkdir(this.root, { recursive: true, mode: DIRECTORY_MODE });
    if (((await lstat(this.root)).mode & 0o777) === DIRECTORY_MODE) return 0;
    return chmodTree(this.root);
  }

  async put(key: string, source: Readable, _info: StoredObjectInfo): Promise<void> {
    const target = this.pathOf(key);
    // Written beside the objects, then linked into place: a reader never sees half a file, and
    // link (unlike rename) refuses to replace an object that already exists.
    const partialDir = path.join(this.root, '.partial');
    const partial = path.join(partialDir, randomUUID());
    await mkdir(partialDir, { recursive: true, mode: DIRECTORY_MODE });
    try {
      await pipeline(source, createWriteStream(partial, { flags: 'wx', mode: FILE_MODE }));
      const handle = await open(partial, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await mkdir(path.dirname(target), { recursive: true, mode: DIRECTORY_MODE });
      await link(partial, target);
    } finally {
      await unlink(partial).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    }
  }

  async open(key: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isNotFound(error)) throw new AttachmentObjectMissing(key);
      throw error;
    }
  }

  async discard(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
}
