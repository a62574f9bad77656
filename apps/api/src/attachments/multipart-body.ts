import busboy from 'busboy';
import { unlink } from 'node:fs/promises';
import type { AuthenticatedRequest } from '../auth/auth.middleware.js';
import { cleanFileName } from './file-types.js';
import { receiveUpload, UploadRefused, type ReceivedFile, type UploadOptions } from './receive-upload.js';

// The multipart bodies of the REST uploads: a case's attachments and a park's templates.

/**
 * A parser of the request's multipart body; it throws UploadRefused at once (rejecting the promise
 * it is made in) when the body is not multipart.
 */
function multipartParser(req: AuthenticatedRequest, limits: busboy.Limits): busboy.Busboy {
  try {
    // Browsers send the file name as raw UTF-8 in the part's header.
    return busboy({ headers: req.headers, defParamCharset: 'utf8', limits });
  } catch {
    throw new UploadRefused(
      400,
      'BAD_USER_INPUT',
      '请以 multipart/form-data 上传 / send multipart/form-data',
    );
  }
}

const noFile = () => new UploadRefused(400, 'BAD_USER_INPUT', '没有文件 / no file was sent');

/**
 * Reads the multipart body to its end and receives its one `file` part into a temporary file.
 * Every other part is read and dropped; the body is always read whole, so the client gets the answer.
 */
export function parseUpload(
  req: AuthenticatedRequest,
  options: UploadOptions,
): Promise<ReceivedFile & { fileName: string }> {
  return new Promise((resolve, reject) => {
    const parser = multipartParser(req, {
      files: 1,
      fileSize: options.maxBytes + 1,
      fields: 20,
      fieldSize: 4096,
      parts: 21,
    });
    let received: Promise<ReceivedFile & { fileName: string }> | null = null;
    let problem: UploadRefused | null = null;
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || received) {
        stream.resume();
        problem ??= new UploadRefused(
          400,
          'BAD_USER_INPUT',
          '每次上传一个文件，字段名为 file / send one file, in the field named file',
        );
        return;
      }
      const fileName = cleanFileName(info.filename ?? '');
      received = receiveUpload(stream, fileName, options).then((file) => ({ ...file, fileName }));
      // Settled below, once the whole body is read.
      received.catch(() => undefined);
    });
    parser.on('filesLimit', () => {
      problem ??= new UploadRefused(400, 'BAD_USER_INPUT', '每次上传一个文件 / one file per upload');
    });
    parser.on('error', (error) => reject(error));
    parser.on('close', () => {
      if (!received) {
        reject(problem ?? noFile());
        return;
      }
      received.then(
        async (file) => {
          if (!problem) return resolve(file);
          await unlink(file.path).catch(() => undefined);
          reject(problem);
        },
        (error: unknown) => reject(problem ?? error),
      );
    });
    req.pipe(parser);
  });
}

/** Reads the one `file` part of a multipart body into memory; UploadRefused beyond `maxBytes`. */
export function readUpload(
  req: AuthenticatedRequest,
  maxBytes: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const parser = multipartParser(req, { files: 1, fileSize: maxBytes + 1, fields: 5, parts: 6 });
    let file: { fileName: string; chunks: Buffer[]; size: number } | null = null;
    let tooLarge = false;
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const current = {
        fileName: cleanFileName(info.filename ?? '') || 'template.docx',
        chunks: [] as Buffer[],
        size: 0,
      };
      file = current;
      stream.on('data', (chunk: Buffer) => {
        current.size += chunk.length;
        if (current.size <= maxBytes) current.chunks.push(chunk);
      });
      stream.on('limit', () => (tooLarge = true));
    });
    parser.on('error', () =>
      reject(new UploadRefused(400, 'BAD_USER_INPUT', '上传未完成 / the upload did not complete')),
    );
    parser.on('close', () => {
      const received = file as { fileName: string; chunks: Buffer[]; size: number } | null;
      if (!received) return reject(noFile());
      if (tooLarge || received.size > maxBytes) {
        const mb = (maxBytes / 1024 / 1024).toFixed(0);
        return reject(
          new UploadRefused(413, 'PAYLOAD_TOO_LARGE', `文件超过 ${mb} MB / larger than ${mb} MB`),
        );
      }
      resolve({ fileName: received.fileName, bytes: Buffer.concat(received.chunks) });
    });
    req.pipe(parser);
  });
}
