import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { testJobDeps } from '../../__tests__/support/job-deps.js';
import { actsOnAnswer, caseReport, registeredCase } from '../../__tests__/support/case-acts.js';
import { departmentIdsByCode, savedEnterpriseId, signInAll } from '../../__tests__/support/park-session.js';
import { isoDateInChina } from '../../common/dates.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { CONVERT_PDF } from '../issued-pdf.job.js';
import { PdfConversionError, PdfConverter } from '../pdf-converter.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const FIELDS =
  'id kind number fileName downloadUrl pdfStatus pdfError { reason message } pdfDownloadUrl pdfConvertible';
const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { ${FIELDS} } }`;
const CONVERT = `mutation($input: ConvertIssuedDocumentPdfInput!) { convertIssuedDocumentPdf(input: $input) { ${FIELDS} } }`;

type Issued = {
  id: string;
  pdfConvertible: boolean;
  number: string;
  fileName: string;
  pdfStatus: string | null;
  pdfError: { reason: string; message: string } | null;
  pdfDownloadUrl: string | null;
};
type CaseResult = { id: string; version: number };

describe('PDFs of issued documents', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let caseId: string;
  let converter: PdfConverter;
  let slowConverter: PdfConverter;
  let runner: JobRunner;
  let failingRunner: JobRunner;
  const year = isoDateInChina().slice(0, 4);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'qifu-pdf-'));

  async function gqlOk(user: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await api.gql(query, variables, tokens[user]);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  const { run } = actsOnAnswer<CaseResult>(() => ({ api, tokens }), 'id version');

  const download = (url: string, user?: string) =>
    fetch(`${api.url}${url}`, { headers: user ? { authorization: `Bearer ${tokens[user]}` } : {} });

  async function issued(id: string): Promise<Issued> {
    const data = await gqlOk(
      'zy.staff',
      `query($id: ID!) { case(id: $id) { issuedDocuments { ${FIELDS} } } }`,
      {
        id: caseId,
      },
    );
    return (data.case.issuedDocuments as Issued[]).find((d) => d.id === id)!;
  }

  /** Runs the conversion job the outbox holds under `key`, as the worker would. */
  async function runJob(jobs: JobRunner, key: string) {
    const { rows } = await api.owner.query(`SELECT job_name, data FROM outbox WHERE job_key = $1`, [key]);
    expect(rows).toHaveLength(1);
    expect(rows[0].job_name).toBe(CONVERT_PDF);
    return jobs.process({ name: rows[0].job_name, data: rows[0].data, id: key });
  }

  function runnerWith(pdfConverter: PdfConverter): JobRunner {
    return new JobRunner({
      ...testJobDeps(api),
      pdfConverter,
      logger,
      backend: { kind: 'postgres', url: api.ownerUrl },
      queueName: `test-pdf-${process.pid}`,
    });
  }

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(api, ['zy.staff', 'zy.deputy', 'zy.handler'], tokens);
    departments = await departmentIdsByCode(api);
    const enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], {
      name: '重庆犇垚精密机械有限公司',
    });
    let c: CaseResult = await registeredCase(
      api,
      tokens['zy.staff'],
      caseReport('powerSupply', { enterpriseId, contactName: '王犇', title: '供电线路迁改' }),
      'id version',
    );
    c = await run('zy.staff', 'verifyCase', c, { notes: '已核实' });
    c = await run('zy.staff', 'screenCase', c, {
      jurisdiction: 'DISTRICT',
      major: false,
      policyHeavy: false,
      referredDepartmentIds: [departments.STATE_GRID_QIANJIANG],
      opinion: '属区级部门职能，发函国网黔江供电公司。',
    });
    c = await run('zy.deputy', 'approveCase', c, { opinion: '同意发函' });
    caseId = c.id;
    converter = new PdfConverter();
    slowConverter = new PdfConverter({ timeoutMs: 1 });
    runner = runnerWith(converter);
    failingRunner = runnerWith(slowConverter);
  });
  afterAll(async () => {
    await runner?.stop();
    await failingRunner?.stop();
    await converter?.close();
    await slowConverter?.close();
    await api?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('converts the referral letter in a job written with the issue; the PDF carries its number', async () => {
    const data = await gqlOk(
      'zy.staff',
      `query($id: ID!) { case(id: $id) { issuableDocuments { kind documentId } } }`,
      {
        id: caseId,
      },
    );
    const letter = (data.case.issuableDocuments as { kind: string; documentId: string }[]).find(
      (d) => d.kind === 'REFERRAL_LETTER',
    )!;
    const { issueDocument } = await gqlOk('zy.staff', ISSUE, {
      input: { caseId, kind: 'REFERRAL_LETTER', documentId: letter.documentId },
    });
    const doc = issueDocument as Issued;
    expect(doc).toMatchObject({ pdfStatus: 'PENDING', pdfError: null, pdfDownloadUrl: null });
    const early = await download(`/api/issued-documents/${doc.id}/pdf`, 'zy.staff');
    expect(early.status).toBe(409);
    expect(((await early.json()) as { message: string }).message).toMatch(/正在转换/);

    await expect(runJob(runner, `pdf/${doc.id}`)).resolves.toMatchObject({ status: 'READY' });
    const ready = await issued(doc.id);
    expect(ready).toMatchObject({
      pdfStatus: 'READY',
      pdfDownloadUrl: `/api/issued-documents/${doc.id}/pdf`,
    });

    const response = await download(ready.pdfDownloadUrl!, 'zy.staff');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const expectedName = encodeURIComponent(doc.fileName.replace(/\.docx$/, '.pdf')).replace(
      /[()]/g,
      (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${expectedName}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tmp, 'letter.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString();
    expect(text.replace(/\s+/g, '')).toContain(`正阳园区管委函〔${year}〕1号`);
    const { rows } = await api.owner.query(
      `SELECT size_bytes, sha256, attempts FROM issued_document_pdfs WHERE issued_document_id = $1`,
      [doc.id],
    );
    expect(rows[0]).toMatchObject({ size_bytes: String(bytes.length), attempts: 1 });

    // A second run of the same job finds it ready and changes nothing.
    await expect(runJob(runner, `pdf/${doc.id}`)).resolves.toEqual({ status: 'ALREADY_READY' });
    const refused = await api.gql(CONVERT, { input: { issuedDocumentId: doc.id } }, tokens['zy.staff']);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // Only those who may see the case download it.
    expect((await download(ready.pdfDownloadUrl!, 'zy.deputy')).status).toBe(200);
    expect((await download(ready.pdfDownloadUrl!, 'zy.handler')).status).toBe(403);
    expect((await download(ready.pdfDownloadUrl!)).status).toBe(401);
  });

  it('records a failed conversion with its reason, and converts again on request', async () => {
    const { issueDocument } = await gqlOk('zy.staff', ISSUE, {
      input: { caseId, kind: 'REGISTRATION_FORM' },
    });
    const doc = issueDocument as Issued;
    const failure = runJob(failingRunner, `pdf/${doc.id}`);
    await expect(failure).rejects.toBeInstanceOf(PdfConversionError);
    await expect(failure).rejects.toMatchObject({ reason: 'timeout' });
    const failed = await issued(doc.id);
    expect(failed.pdfStatus).toBe('FAILED');
    expect(failed.pdfError).toEqual({ reason: 'timeout', message: expect.stringMatching(/did not finish/) });
    expect(failed.pdfDownloadUrl).toBeNull();
    const notReady = await download(`/api/issued-documents/${doc.id}/pdf`, 'zy.staff');
    expect(notReady.status).toBe(409);
    expect(((await notReady.json()) as { message: string }).message).toMatch(/转换失败（timeout）/);

    // Departments may not ask for it; the park's staff may, which writes a new job.
    const denied = await api.gql(CONVERT, { input: { issuedDocumentId: doc.id } }, tokens['zy.handler']);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const again = (await gqlOk('zy.staff', CONVERT, { input: { issuedDocumentId: doc.id } }))
      .convertIssuedDocumentPdf as Issued;
    expect(again).toMatchObject({ pdfStatus: 'PENDING', pdfError: null });
    const { rows } = await api.owner.query(
      `SELECT job_key FROM outbox WHERE job_key LIKE $1 AND job_key <> $2`,
      [`pdf/${doc.id}/%`, `pdf/${doc.id}`],
    );
    expect(rows).toHaveLength(1);
    await expect(runJob(runner, rows[0].job_key)).resolves.toMatchObject({ status: 'READY' });
    expect((await issued(doc.id)).pdfStatus).toBe('READY');
    const attempts = await api.owner.query(
      `SELECT attempts, error_reason FROM issued_document_pdfs WHERE issued_document_id = $1`,
      [doc.id],
    );
    expect(attempts.rows[0]).toEqual({ attempts: 2, error_reason: null });
    expect((await download(`/api/issued-documents/${doc.id}/pdf`, 'zy.staff')).status).toBe(200);
  });

  it('makes the PDF of a file issued before PDFs were made, when asked', async () => {
    const { issueDocument } = await gqlOk('zy.staff', ISSUE, {
      input: { caseId, kind: 'REGISTRATION_FORM' },
    });
    const doc = issueDocument as Issued;
    expect(doc.pdfConvertible).toBe(false);
    // As a file issued before the PDF migration: no PDF row and no job.
    await api.owner.query(`DELETE FROM issued_document_pdfs WHERE issued_document_id = $1`, [doc.id]);
    await api.owner.query(`DELETE FROM outbox WHERE job_key = $1`, [`pdf/${doc.id}`]);
    expect(await issued(doc.id)).toMatchObject({ pdfStatus: null, pdfConvertible: true });

    const asked = (await gqlOk('zy.staff', CONVERT, { input: { issuedDocumentId: doc.id } }))
      .convertIssuedDocumentPdf as Issued;
    expect(asked).toMatchObject({ pdfStatus: 'PENDING', pdfConvertible: false });
    const { rows } = await api.owner.query(`SELECT job_key FROM outbox WHERE job_key LIKE $1`, [
      `pdf/${doc.id}/%`,
    ]);
    expect(rows).toHaveLength(1);
    await expect(runJob(runner, rows[0].job_key)).resolves.toMatchObject({ status: 'READY' });
    expect(await issued(doc.id)).toMatchObject({ pdfStatus: 'READY', pdfConvertible: false });
  });
});
