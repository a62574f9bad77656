import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { HEAD_BYTES, typeByName, type AttachmentType } from './file-types.js';

/** Why an upload is refused, as the HTTP answer says it (always about the form field `file`). */
export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    message: string,
  ) {
    super(message);
  }
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const tooLarge = (maxBytes: number) =>
  new UploadRefused(
    413,
    'PAYLOAD_TOO_LARGE',
    `file: 文件超过 ${megabytes(maxBytes)} / file: larger than ${megabytes(maxBytes)} (${maxBytes} bytes)`,
  );

const notAccepted = (fileName: string) =>
  new UploadRefused(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `file: 不接受此类文件（${fileName}）/ file: this kind of file is not accepted`,
  );

const notWhatItSays = (type: AttachmentType) =>
  new UploadRefused(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `file: 文件内容不是 ${type.extensions[0].toUpperCase()} 文件 / file: the content is not a ${type.extensions[0]} file`,
  );

const empty = () => new UploadRefused(400, 'BAD_REQUEST', 'file: 文件为空 / file: the file is empty');

export interface ReceivedFile {
  /** The temporary copy: the caller stores it and removes it. */
  path: string;
  size: number;
  sha256: string;
  type: AttachmentType;
}

async function write(out: WriteStream, chunk: Buffer): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      out.off('drain', onDrain);
      reject(error);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

/**
 * Receives one uploaded file into a temporary file, checking it on the way: its name must have an
 * accepted extension, its first bytes must be what that extension says, and it must not exceed
 * `maxBytes`. A refused file is read to its end (so the client gets the answer) but not kept.
 */
export async function receiveUpload(
  stream: Readable,
  fileName: string,
  options: { tmpDir: string; maxBytes: number },
): Promise<ReceivedFile> {
  const type = typeByName(fileName);
  if (!type) {
    stream.resume();
    await finished(stream).catch(() => undefined);
    throw notAccepted(fileName);
  }

  await mkdir(options.tmpDir, { recursive: true });
  const tmpPath = path.join(options.tmpDir, randomUUID());
  const hash = createHash('sha256');
  let out: WriteStream | null = null;
  let head: Buffer[] | null = [];
  let headLength = 0;
  let size = 0;
  let refusal: UploadRefused | null = null;

  const decide = async () => {
    const first = Buffer.concat(head!);
    head = null;
    if (!type.matches(first)) {
      refusal = notWhatItSays(type);
      return;
    }
    out = createWriteStream(tmpPath, { flags: 'wx' });
    await write(out, first);
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (refusal) continue;
      size += chunk.length;
      if (size > options.maxBytes) {
        refusal = tooLarge(options.maxBytes);
        continue;
      }
      hash.update(chunk);
      if (head) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength >= HEAD_BYTES) await decide();
      } else {
        await write(out!, chunk);
      }
    }
    if (!refusal && size === 0) refusal = empty();
    if (!refusal && head) await decide();
    if (refusal) throw refusal;
    const written = out!;
    written.end();
    await finished(written);
    return { path: tmpPath, size, sha256: hash.digest('hex'), type };
  } catch (error) {
    const opened = out as WriteStream | null;
    if (opened) {
      // Wait for the file to be closed (its opening may still be under way) before removing it.
      if (!opened.closed) {
        const closed = new Promise<void>((resolve) => opened.once('close', () => resolve()));
        opened.destroy();
        await closed;
      }
      await unlink(tmpPath).catch(() => undefined);
    }
    throw error;
  }
}
