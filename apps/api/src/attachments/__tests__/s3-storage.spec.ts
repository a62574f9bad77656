import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { S3Storage } from '../s3-storage.js';
import { describeStorageContract } from './storage-contract.js';

/** A real S3-compatible server (s3rver, from the npm registry) on a free loopback port. */
describeStorageContract('S3-compatible (s3rver)', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qifu-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  await admin.send(new CreateBucketCommand({ Bucket: 'qifu-attachments' }));
  admin.destroy();
  const storage = new S3Storage({
    bucket: 'qifu-attachments',
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials,
    prefix: 'test/',
  });
  return {
    storage,
    async close() {
      storage.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
