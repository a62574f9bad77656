import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { restInternal } from '../common/rest-errors.js';
import { AttachmentObjectMissing, type AttachmentStorage } from './attachment-storage.js';
import { attachmentDisposition } from './content-disposition.js';

/** A stored file as a download answers it. */
export interface StoredFile {
  storageKey: string;
  contentType: string;
  sizeBytes: number | string;
  fileName: string;
  sha256: string;
}

/**
 * Streams a stored file (an attachment, an issued document) as the answer, private and not cached,
 * with its hash as ETag. Bytes missing from storage are logged and answered as a server error with
 * the `missing` message; a download cut off mid-way (the client went away, storage failed) is only logged.
 */
export async function sendStoredFile(
  storage: AttachmentStorage,
  file: StoredFile,
  req: { log?: Logger },
  res: Response,
  log: { what: string; context: Record<string, unknown>; missing: string },
): Promise<void> {
  let body;
  try {
    body = await storage.open(file.storageKey);
  } catch (error) {
    if (!(error instanceof AttachmentObjectMissing)) throw error;
    req.log?.error({ ...log.context, key: file.storageKey }, `${log.what} bytes missing from storage`);
    throw restInternal(log.missing);
  }
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.sizeBytes));
  res.setHeader('Content-Disposition', attachmentDisposition(file.fileName));
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('ETag', `"${file.sha256}"`);
  try {
    await pipeline(body, res);
  } catch (error) {
    req.log?.warn({ err: error, ...log.context }, `${log.what} download interrupted`);
  }
}
