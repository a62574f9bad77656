import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { RestError } from '../common/rest-errors.js';
import { checkZip, UnsafeArchive, type ZipLimits } from '../common/safe-zip.js';
import { typeByName, ZIP_SIGNATURES, type AttachmentType } from './file-types.js';
import { hasPdfTrailer, textEncodingOf } from './text-content.js';

/** Why an upload is refused, as the HTTP answer says it (always about the form field `file`). */
export class UploadRefused extends RestError {
  constructor(
    status: 400 | 413 | 415,
    code: 'BAD_USER_INPUT' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    /** Chinese / English. */
    reason: string,
  ) {
    super(status, code, `file: ${reason}`, [{ path: 'file', message: reason }]);
  }
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const tooLarge = (maxBytes: number) =>
  new UploadRefused(
    413,
    'PAYLOAD_TOO_LARGE',
    `文件超过 ${megabytes(maxBytes)} / larger than ${megabytes(maxBytes)} (${maxBytes} bytes)`,
  );

const notAccepted = (fileName: string) =>
  new UploadRefused(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `不接受此类文件（${fileName}）/ this kind of file is not accepted`,
  );

const notWhatItSays = (type: AttachmentType) =>
  new UploadRefused(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `文件内容不是 ${type.extensions[0].toUpperCase()} 文件 / the content is not a ${type.extensions[0]} file`,
  );

const empty = () => new UploadRefused(400, 'BAD_USER_INPUT', '文件为空 / the file is empty');

export const unsafeArchive = (error: UnsafeArchive) =>
  new UploadRefused(400, 'BAD_USER_INPUT', error.bilingual);

export interface ReceivedFile {
  /** The temporary copy: the caller stores it and removes it. */
  path: string;
  size: number;
  sha256: string;
  type: AttachmentType;
  /** The type's content type, with the charset a text file decoded in. */
  contentType: string;
}

export interface UploadOptions {
  tmpDir: string;
  maxBytes: number;
  zipLimits: ZipLimits;
}

/**
 * What the received bytes are: recognised by their signature (file-type) as a kind the extension
 * allows, a PDF with its trailer, a Word or Excel package within the archive limits, or text that
 * decodes. Returns the content type to store; throws UploadRefused.
 */
async function checkContent(
  filePath: string,
  size: number,
  type: AttachmentType,
  zipLimits: ZipLimits,
): Promise<string> {
  if (type.signatures.length === 0) {
    const encoding = await textEncodingOf(filePath);
    if (!encoding) throw notWhatItSays(type);
    return `${type.contentType}; charset=${encoding}`;
  }
  const found = await fileTypeFromFile(filePath).catch(() => undefined);
  if (!found || !type.signatures.includes(found.ext)) throw notWhatItSays(type);
  if (found.ext === 'pdf' && !(await hasPdfTrailer(filePath, size))) throw notWhatItSays(type);
  if (ZIP_SIGNATURES.has(found.ext)) {
    try {
      await checkZip({ path: filePath }, zipLimits);
    } catch (error) {
      if (error instanceof UnsafeArchive) throw unsafeArchive(error);
      throw error;
    }
  }
  return type.contentType;
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
 * Receives one uploaded file into a temporary file (0600, in a directory created 0700), then checks
 * it: its name must have an accepted extension, it must not exceed `maxBytes`, and its content must
 * be what that extension says (checkContent). A refused file is read to its end (so the client gets
 * the answer) but not kept.
 */
export async function receiveUpload(
  stream: Readable,
  fileName: string,
  options: UploadOptions,
): Promise<ReceivedFile> {
  const type = typeByName(fileName);
  if (!type) {
    stream.resume();
    await finished(stream).catch(() => undefined);
    throw notAccepted(fileName);
  }

  await mkdir(options.tmpDir, { recursive: true, mode: 0o700 });
  const tmpPath = path.join(options.tmpDir, randomUUID());
  const hash = createHash('sha256');
  let out: WriteStream | null = null;
  let size = 0;
  let refusal: UploadRefused | null = null;

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (refusal) continue;
      size += chunk.length;
      if (size > options.maxBytes) {
        refusal = tooLarge(options.maxBytes);
        continue;
      }
      hash.update(chunk);
      out ??= createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 });
      await write(out, chunk);
    }
    if (!refusal && size === 0) refusal = empty();
    if (refusal) throw refusal;
    const written = out!;
    written.end();
    await finished(written);
    const contentType = await checkContent(tmpPath, size, type, options.zipLimits);
    return { path: tmpPath, size, sha256: hash.digest('hex'), type, contentType };
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
