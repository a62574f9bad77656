import type { AppConfig } from '../config/config.js';
import type { AttachmentStorage } from './attachment-storage.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { S3Storage } from './s3-storage.js';

/** The storage ATTACHMENTS_STORAGE names (validated with the rest of the configuration). */
export function attachmentStorageFrom(config: AppConfig): AttachmentStorage {
  if (config.ATTACHMENTS_STORAGE === 'local') return new LocalDiskStorage(config.ATTACHMENTS_DIR);
  const accessKeyId = config.ATTACHMENTS_S3_ACCESS_KEY_ID;
  const secretAccessKey = config.ATTACHMENTS_S3_SECRET_ACCESS_KEY;
  return new S3Storage({
    bucket: config.ATTACHMENTS_S3_BUCKET!,
    region: config.ATTACHMENTS_S3_REGION,
    endpoint: config.ATTACHMENTS_S3_ENDPOINT,
    forcePathStyle: config.ATTACHMENTS_S3_FORCE_PATH_STYLE,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    prefix: config.ATTACHMENTS_S3_PREFIX,
  });
}
