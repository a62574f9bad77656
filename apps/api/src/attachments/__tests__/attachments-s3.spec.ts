import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { savedEnterpriseId } from '../../__tests__/support/park-session.js';
import { caseReport, registeredCase } from '../../__tests__/support/case-acts.js';

const BUCKET = 'qifu-attachments';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The API configured with ATTACHMENTS_STORAGE=s3, against a real S3-compatible server (s3rver). */
describe('case attachments in S3-compatible storage', () => {
  let dir: string;
  let server: S3rver;
  let s3: S3Client;
  let api: TestApi;
  let token: string;
  let caseId: string;

  const objects = async () =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qifu-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    api = await startTestApi({
      ATTACHMENTS_STORAGE: 's3',
      ATTACHMENTS_S3_ENDPOINT: endpoint,
      ATTACHMENTS_S3_BUCKET: BUCKET,
      ATTACHMENTS_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ATTACHMENTS_S3_FORCE_PATH_STYLE: 'true',
      ATTACHMENTS_S3_PREFIX: 'cases/',
      ATTACHMENTS_MAX_BYTES: String(1024 * 1024),
    });
    token = await api.login('zy.staff');
    const enterpriseId = await savedEnterpriseId(api, token, { name: '重庆正阳电子有限公司' });
    caseId = (
      await registeredCase(api, token, caseReport('powerSupply', { enterpriseId, title: '双回路供电' }))
    ).id;
  });

  afterAll(async () => {
    await api.close();
    s3.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const upload = (bytes: Uint8Array, fileName: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), fileName);
    return fetch(`${api.url}/api/cases/${caseId}/attachments`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
  };

  it('stores the upload as one object under the park and case, and downloads the same bytes', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000), Buffer.from('\n%%EOF\n')]);
    const response = await upload(bytes, '供电方案.pdf');
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; downloadUrl: string };
    const [{ park_id: parkId, storage_key: key }] = (
      await api.owner.query(`SELECT park_id, storage_key FROM case_attachments WHERE id = $1`, [created.id])
    ).rows;
    expect(key).toBe(`${parkId}/${caseId}/${created.id}`);
    expect(await objects()).toEqual([`cases/${key}`]);

    const got = await fetch(`${api.url}${created.downloadUrl}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(got.status).toBe(200);
    const back = Buffer.from(await got.arrayBuffer());
    expect(createHash('sha256').update(back).digest('hex')).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  it('puts nothing in the bucket for a refused upload', async () => {
    const before = await objects();
    expect(
      (await upload(Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1024 * 1024)]), '大.pdf')).status,
    ).toBe(413);
    expect((await upload(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), '伪装.pdf')).status).toBe(415);
    expect(await objects()).toEqual(before);
  });
});
