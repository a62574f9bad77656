import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readDefaultTemplate } from '@qifu/documents';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import PizZip from 'pizzip';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { savedEnterpriseId, signInAll } from '../../__tests__/support/park-session.js';
import { caseReport, registeredCase } from '../../__tests__/support/case-acts.js';
import { attachmentStorageFrom } from '../../attachments/storage-from-config.js';
import { craftZip, entriesOf } from '../../bench/zip-bomb.js';
import { systemClock } from '../../common/clock.js';
import { generateDocumentBatch } from '../document-batch.service.js';
import { DOCX_CONTENT_TYPE, templateOptionsFrom } from '../document-template.service.js';
import { issuedDocumentServiceFrom } from '../issued-document.service.js';

const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id templateVersion } }`;
const ACTIVATE = `mutation($input: ActivateDocumentTemplateInput!) {
  activateDocumentTemplate(input: $input) { kind activeVersion }
}`;
const KEYWORD = '旧模板测试';
const FILE_NAME = '旧登记表.docx';

/** A registration form whose body inflates from about 200 KB to 200 MB of spaces. */
async function registrationFormBomb(): Promise<Buffer> {
  const template = await readDefaultTemplate('REGISTRATION_FORM');
  const xml = Buffer.from(new PizZip(template).file('word/document.xml')!.asText());
  const cut = xml.indexOf('<w:body>');
  return craftZip(
    entriesOf(template, {
      'word/document.xml': [
        { data: xml.subarray(0, cut) },
        { data: Buffer.alloc(1024 * 1024, 0x20), times: 200 },
        { data: xml.subarray(cut) },
      ],
    }),
  );
}

/**
 * Templates are checked as archives when they are uploaded; a version stored before that check
 * existed is checked when it is filled, and refused naming it instead of exhausting memory.
 */
describe('stored document templates stored before the archive checks', () => {
  let api: TestApi;
  const logged: { event?: string; templateId?: string; parkId?: string; msg: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const tokens: Record<string, string> = {};
  let caseId: string;
  let templateId: string;
  let parkId: string;

  async function gql(user: string, query: string, variables: Record<string, unknown> = {}) {
    return api.gql(query, variables, tokens[user]);
  }

  beforeAll(async () => {
    api = await startTestApi({}, { logger });
    await signInAll(api, ['zy.staff', 'zy.admin'], tokens);
    const enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], { name: `重庆${KEYWORD}有限公司` });
    const report = caseReport('recruitment', { enterpriseId, title: `${KEYWORD}：用工缺口` });
    caseId = (await registeredCase(api, tokens['zy.staff'], report)).id;

    // An upload of an earlier version, which stored what it was sent: the bytes, then the row.
    parkId = (await api.owner.query(`SELECT id FROM parks WHERE code = 'zhengyang'`)).rows[0].id;
    templateId = randomUUID();
    const bomb = await registrationFormBomb();
    const storageKey = `${parkId}/${templateId}`;
    const sha256 = createHash('sha256').update(bomb).digest('hex');
    await attachmentStorageFrom(api.config).put(storageKey, Readable.from([bomb]), {
      size: bomb.length,
      contentType: DOCX_CONTENT_TYPE,
      sha256,
    });
    await api.owner.query(
      `INSERT INTO document_templates (id, park_id, kind, version, file_name, size_bytes, sha256, storage_key)
       VALUES ($1, $2, 'REGISTRATION_FORM', 1, $3, $4, $5, $6)`,
      [templateId, parkId, FILE_NAME, bomb.length, sha256, storageKey],
    );
    const activated = await gql('zy.admin', ACTIVATE, { input: { kind: 'REGISTRATION_FORM', templateId } });
    expect(activated.data!.activateDocumentTemplate).toEqual({ kind: 'REGISTRATION_FORM', activeVersion: 1 });
  });
  afterAll(() => api?.close());

  const refusalsLogged = () => logged.filter((entry) => entry.event === 'stored_template_refused');
  const issuedCount = async () =>
    (await api.owner.query(`SELECT count(*)::int AS n FROM issued_documents`)).rows[0].n as number;

  it('issuing a document from it is refused naming the template, nothing is issued, and it is logged', async () => {
    const result = await gql('zy.staff', ISSUE, { input: { caseId, kind: 'REGISTRATION_FORM' } });
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error.extensions).toEqual({
      code: 'TEMPLATE_INVALID',
      template: { id: templateId, kind: 'REGISTRATION_FORM', version: 1, fileName: FILE_NAME },
    });
    expect(error.message).toContain(
      `企业反映困难问题登记表模板第 1 版「${FILE_NAME}」无法使用：解压后超过 32.0 MB`,
    );
    expect(error.message).toContain(`version 1 "${FILE_NAME}" cannot be used: inflates to more than 32.0 MB`);
    expect(await issuedCount()).toBe(0);
    expect(refusalsLogged()).toEqual([
      expect.objectContaining({ templateId, parkId, msg: expect.stringContaining(FILE_NAME) }),
    ]);
  });

  it('its preview is refused the same way: 422 naming the template', async () => {
    const response = await fetch(`${api.url}/api/document-templates/versions/${templateId}/preview`, {
      headers: { authorization: `Bearer ${tokens['zy.admin']}` },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      code: string;
      message: string;
      details: { template: { id: string } };
    };
    expect(body.code).toBe('TEMPLATE_INVALID');
    expect(body.message).toContain(FILE_NAME);
    expect(body.details.template.id).toBe(templateId);
    expect(refusalsLogged()).toHaveLength(2);
  });

  it('a batch records the refusal for each of its documents and goes on', async () => {
    const started = await gql(
      'zy.staff',
      `mutation($input: StartDocumentBatchInput!) { startDocumentBatch(input: $input) { id total } }`,
      { input: { filter: { keyword: KEYWORD }, sort: 'REGISTRATION_ASC', kinds: ['REGISTRATION_FORM'] } },
    );
    const batch = started.data!.startDocumentBatch as { id: string; total: number };
    expect(batch.total).toBe(1);
    const { rows } = await api.owner.query(`SELECT data FROM outbox WHERE job_key = $1`, [
      `document-batch/${batch.id}`,
    ]);
    // What the worker builds: the limits and the log from the configuration.
    const storage = attachmentStorageFrom(api.config);
    const documents = issuedDocumentServiceFrom(
      api.db,
      storage,
      systemClock,
      'off',
      templateOptionsFrom(api.config, logger),
    );
    const outcome = await generateDocumentBatch({ db: api.db, storage, documents, logger }, rows[0].data);
    expect(outcome).toEqual({ status: 'DONE', issued: 0, failed: 1 });
    const done = await gql(
      'zy.staff',
      `query($id: ID!) { documentBatch(id: $id) { failures { kind message } } }`,
      { id: batch.id },
    );
    expect(done.data!.documentBatch.failures).toEqual([
      { kind: 'REGISTRATION_FORM', message: expect.stringContaining(`「${FILE_NAME}」无法使用`) },
    ]);
    expect(refusalsLogged()).toHaveLength(3);
  });

  it('with the built-in default in force again, documents are issued', async () => {
    await gql('zy.admin', ACTIVATE, { input: { kind: 'REGISTRATION_FORM', templateId: null } });
    const result = await gql('zy.staff', ISSUE, { input: { caseId, kind: 'REGISTRATION_FORM' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.issueDocument.templateVersion).toBeNull();
  });
});
