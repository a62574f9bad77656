import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { AttachmentObjectMissing, type AttachmentStorage } from '../attachment-storage.js';

export interface StorageUnderTest {
  storage: AttachmentStorage;
  close(): Promise<void>;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const newKey = () => `${randomUUID()}/${randomUUID()}/${randomUUID()}`;

/** A stream that hands out `bytes` in chunks of `size`, as an upload arrives. */
function chunked(bytes: Buffer, size = 64 * 1024): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return Readable.from(parts);
}

/** What every attachment storage must do; run against each implementation. */
export function describeStorageContract(name: string, start: () => Promise<StorageUnderTest>): void {
  describe(`attachment storage contract: ${name}`, () => {
    let subject: StorageUnderTest;
    let storage: AttachmentStorage;

    beforeAll(async () => {
      subject = await start();
      storage = subject.storage;
    });
    afterAll(() => subject.close());

    it('gives back exactly the bytes it was given, streamed in many chunks', async () => {
      const bytes = randomBytes(6 * 1024 * 1024 + 17);
      const key = newKey();
      await storage.put(key, chunked(bytes), {
        size: bytes.length,
        contentType: 'application/pdf',
        sha256: sha256(bytes),
      });
      const back = await readAll(await storage.open(key));
      expect(back.length).toBe(bytes.length);
      expect(sha256(back)).toBe(sha256(bytes));
    });

    it('stores an empty-named key space per object: two keys, two objects', async () => {
      const [a, b] = [newKey(), newKey()];
      for (const [key, text] of [
        [a, '第一页'],
        [b, '第二页'],
      ]) {
        const bytes = Buffer.from(text);
        await storage.put(key, Readable.from([bytes]), {
          size: bytes.length,
          contentType: 'text/plain; charset=utf-8',
          sha256: sha256(bytes),
        });
      }
      expect((await readAll(await storage.open(a))).toString()).toBe('第一页');
      expect((await readAll(await storage.open(b))).toString()).toBe('第二页');
    });

    it('says when an object is missing', async () => {
      await expect(storage.open(newKey())).rejects.toBeInstanceOf(AttachmentObjectMissing);
    });

    it('stores nothing when the source fails part-way', async () => {
      const key = newKey();
      const failing = new Readable({
        read() {
          this.push(randomBytes(1024));
          this.destroy(new Error('client went away'));
        },
      });
      await expect(
        storage.put(key, failing, { size: 4096, contentType: 'application/pdf', sha256: '0'.repeat(64) }),
      ).rejects.toThrow();
      await expect(storage.open(key)).rejects.toBeInstanceOf(AttachmentObjectMissing);
    });

    it('discards an object whose row was never written, and a missing one quietly', async () => {
      const key = newKey();
      const bytes = Buffer.from('%PDF-1.7');
      await storage.put(key, Readable.from([bytes]), {
        size: bytes.length,
        contentType: 'application/pdf',
        sha256: sha256(bytes),
      });
      await storage.discard(key);
      await expect(storage.open(key)).rejects.toBeInstanceOf(AttachmentObjectMissing);
      await expect(storage.discard(newKey())).resolves.toBeUndefined();
    });

    it('refuses keys that are not made of ids', async () => {
      for (const key of ['../escape', '/abs', 'a/../../b', 'UPPER', '']) {
        await expect(storage.open(key)).rejects.toThrow(/invalid attachment storage key/);
      }
    });
  });
}
