import type { Readable } from 'node:stream';

/** What is known of an object when it is stored (checked before, by the upload). */
export interface StoredObjectInfo {
  size: number;
  contentType: string;
  sha256: string;
}

/** The stored bytes of an attachment whose row exists are gone: an operator must look. */
export class AttachmentObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`attachment object ${key} is missing from storage`);
  }
}

/** Keys are made by the API from ids (`park/case/attachment`): never from a client's file name. */
const KEY = /^[0-9a-f-]{1,64}(\/[0-9a-f-]{1,64})*$/;

export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid attachment storage key ${JSON.stringify(key)}`);
}

/**
 * Where attachment bytes live: the local disk by default, an S3-compatible object store by
 * configuration. Bytes flow as streams, never whole in memory.
 */
export interface AttachmentStorage {
  readonly kind: 'local' | 's3';
  /** Made ready at start (the local disk's directory and permissions); answers how many entries it changed. */
  prepare(): Promise<number>;
  /** Stores `source` under `key`: the whole object or, if anything fails, nothing. */
  put(key: string, source: Readable, info: StoredObjectInfo): Promise<void>;
  /** Opens a stored object for reading; throws AttachmentObjectMissing when there is none. */
  open(key: string): Promise<Readable>;
  /**
   * Removes an object whose row was never committed (the upload failed after storing it).
   * Attachments themselves are never deleted.
   */
  discard(key: string): Promise<void>;
}
