import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
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
});
