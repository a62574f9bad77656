import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import {
  AttachmentObjectMissing,
  assertStorageKey,
  type AttachmentStorage,
  type StoredObjectInfo,
} from './attachment-storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server; absent for AWS itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Absent: the SDK's default credential chain (environment, instance role…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Prepended to every key (`''` or ending with `/`). */
  prefix: string;
}

/** Objects in one bucket of an S3-compatible store. */
export class S3Storage implements AttachmentStorage {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Checksums only where S3 requires them: the SDK's newer default (aws-chunked trailing
      // checksums on every upload) is not understood by many S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** The bucket's access is the operator's (its policy): nothing to prepare here. */
  prepare(): Promise<number> {
    return Promise.resolve(0);
  }

  private keyOf(key: string): string {
    assertStorageKey(key);
    return `${this.options.prefix}${key}`;
  }

  async put(key: string, source: Readable, info: StoredObjectInfo): Promise<void> {
    // The size is known (the upload was received and checked first), so one PUT streams the body:
    // S3 stores the object whole or not at all. The SDK does not notice a failing body by itself
    // (it would wait for the missing bytes): abort the request then.
    const abort = new AbortController();
    let sourceError: unknown = null;
    const onError = (error: unknown) => {
      sourceError = error;
      abort.abort();
    };
    source.once('error', onError);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.keyOf(key),
          Body: source,
          ContentLength: info.size,
          ContentType: info.contentType,
          Metadata: { sha256: info.sha256 },
        }),
        { abortSignal: abort.signal },
      );
    } catch (error) {
      throw sourceError ?? error;
    } finally {
      source.off('error', onError);
    }
  }

  async open(key: string): Promise<Readable> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }),
      );
      if (!(object.Body instanceof Readable)) throw new Error(`no body for attachment object ${key}`);
      return object.Body;
    } catch (error) {
      if (error instanceof NoSuchKey) throw new AttachmentObjectMissing(key);
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
        throw new AttachmentObjectMissing(key);
      throw error;
    }
  }

  async discard(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }));
  }

  /** Closes the client's connections (tests, shutdown). */
  destroy(): void {
    this.client.destroy();
  }
}
