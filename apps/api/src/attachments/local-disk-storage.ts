import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, unlink } from 'node:fs/promises';
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

/** Objects as files under one directory (ATTACHMENTS_DIR), one file per key. */
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

  async put(key: string, source: Readable, _info: StoredObjectInfo): Promise<void> {
    const target = this.pathOf(key);
    // Written beside the objects, then linked into place: a reader never sees half a file, and
    // link (unlike rename) refuses to replace an object that already exists.
    const partialDir = path.join(this.root, '.partial');
    const partial = path.join(partialDir, randomUUID());
    await mkdir(partialDir, { recursive: true });
    try {
      await pipeline(source, createWriteStream(partial, { flags: 'wx' }));
      const handle = await open(partial, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await mkdir(path.dirname(target), { recursive: true });
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
