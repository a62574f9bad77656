import { describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from '../local-disk-storage.js';
import { describeStorageContract } from './storage-contract.js';

describeStorageContract('local disk', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qifu-attachments-'));
  return { storage: new LocalDiskStorage(dir), close: () => rm(dir, { recursive: true, force: true }) };
});

describe('local disk storage', () => {
  const info = { size: 1, contentType: 'text/plain; charset=utf-8', sha256: '0'.repeat(64) };

  it('never replaces a stored object and leaves no partial file behind', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qifu-attachments-'));
    try {
      const storage = new LocalDiskStorage(dir);
      const key = '11111111-1111-4111-8111-111111111111/22222222-2222-4222-8222-222222222222/3';
      await storage.put(key, Readable.from([Buffer.from('a')]), info);
      await expect(storage.put(key, Readable.from([Buffer.from('b')]), info)).rejects.toThrow(/EEXIST/);
      const back = [];
      for await (const chunk of await storage.open(key)) back.push(chunk as Buffer);
      expect(Buffer.concat(back).toString()).toBe('a');
      expect(await readdir(path.join(dir, '.partial'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stores files 0600 in 0700 directories, and takes an older store down to that at start', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qifu-attachments-'));
    const mode = async (p: string) => ((await stat(p)).mode & 0o777).toString(8);
    try {
      // What earlier versions left: 0755 directories, 0644 files.
      const root = path.join(dir, 'store');
      const old = path.join(
        root,
        '11111111-1111-4111-8111-111111111111',
        '22222222-2222-4222-8222-222222222222',
      );
      await mkdir(old, { recursive: true, mode: 0o755 });
      await writeFile(path.join(old, '3'), 'old', { mode: 0o644 });
      for (const d of [root, path.dirname(old), old]) await chmod(d, 0o755);
      const storage = new LocalDiskStorage(root);
      expect(await storage.prepare()).toBe(4);
      expect([
        await mode(root),
        await mode(path.dirname(old)),
        await mode(old),
        await mode(path.join(old, '3')),
      ]).toEqual(['700', '700', '700', '600']);
      // Once private, the walk is not repeated.
      expect(await storage.prepare()).toBe(0);

      const key = '11111111-1111-4111-8111-111111111111/44444444-4444-4444-8444-444444444444/5';
      await storage.put(key, Readable.from([Buffer.from('new')]), info);
      const stored = path.join(root, ...key.split('/'));
      expect([
        await mode(path.dirname(stored)),
        await mode(stored),
        await mode(path.join(root, '.partial')),
      ]).toEqual(['700', '600', '700']);

      const fresh = new LocalDiskStorage(path.join(dir, 'fresh'));
      expect(await fresh.prepare()).toBe(0);
      expect(await mode(path.join(dir, 'fresh'))).toBe('700');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
