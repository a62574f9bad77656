import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import PizZip from 'pizzip';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { testJobDeps } from '../../__tests__/support/job-deps.js';
import { departmentIdsByCode, signInAll } from '../../__tests__/support/park-session.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { GENERATE_DOCUMENT_BATCH } from '../document-batch.service.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const BATCH = `id kinds status total issued failed fileName downloadUrl errorMessage
  failures { registrationNo kind message }`;
const START = `mutation($input: StartDocumentBatchInput!) { startDocumentBatch(input: $input) { ${BATCH} } }`;
const GET = `query($id: ID!) { documentBatch(id: $id) { ${BATCH} } }`;
const ACT = (name: string) =>
  `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { id version registrationNo } }`;
// Only the cases of this test: the seeded park may hold others.
const KEYWORD = '批量文书测试';

type Batch = {
  id: string;
  status: string;
  total: number;
  issued: number;
  failed: number;
  fileName: string | null;
  downloadUrl: string | null;
  errorMessage: string | null;
  failures: { registrationNo: string; kind: string; message: string }[];
};

describe('Batch generation of documents', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let runner: JobRunner;
  const cases: { id: string; registrationNo: string }[] = [];

  async function gql(user: string, query: string, variables: Record<string, unknown> = {}) {
    return api.gql(query, variables, tokens[user]);
  }
  async function gqlOk(user: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await gql(user, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  async function registered(title: string) {
    const enterprise = await gqlOk(
      'zy.staff',
      `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "重庆${KEYWORD}有限公司" }) { id } }`,
    );
    const data = await gqlOk(
      'zy.staff',
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id version registrationNo } }`,
      {
        input: {
          enterpriseId: enterprise.saveEnterprise.id,
          reportedAt: new Date().toISOString(),
          categoryCode: 'RECRUITMENT',
          channelCode: 'SERVICE_HALL',
          reportFormCode: 'IN_PERSON_OR_LETTER',
          contactName: '赵珺玥',
          contactPhone: '13800000000',
          title,
          description: '旺季用工缺口约 200 人，希望协助对接劳务资源。',
        },
      },
    );
    let c = data.registerCase as { id: string; version: number; registrationNo: string };
    const act = async (user: string, name: string, input: Record<string, unknown> = {}) => {
      c = (await gqlOk(user, ACT(name), { input: { caseId: c.id, version: c.version, ...input } }))[name];
    };
    return { get: () => c, act };
  }

  /** Runs the batch's job as the worker would (from the outbox row its start wrote). */
  async function runJob(batchId: string) {
    const { rows } = await api.owner.query(`SELECT job_name, data FROM outbox WHERE job_key = $1`, [
      `document-batch/${batchId}`,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].job_name).toBe(GENERATE_DOCUMENT_BATCH);
    return runner.process({ name: rows[0].job_name, data: rows[0].data, id: batchId });
  }

  /** The names of a ZIP's entries in order, the text of its Word files' bodies, and its text files. */
  function unzip(bytes: Buffer) {
    const zip = new PizZip(bytes);
    const names = Object.keys(zip.files);
    const body = (entry: string) =>
      new PizZip(zip.file(entry)!.asUint8Array())
        .file('word/document.xml')!
        .asText()
        .replace(/<[^>]+>/g, '');
    return { names, body, text: (entry: string) => zip.file(entry)!.asText() };
  }

  beforeAll(async () => {
    api = await startTestApi({ PDF_CONVERSION: 'off' });
    await signInAll(api, ['zy.staff', 'zy.deputy', 'zy.leader', 'zy.admin'], tokens);
    // A second person of the service center, who may issue documents too.
    await gqlOk('zy.admin', `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: {
        username: 'zy.staff2',
        displayName: '服务中心 周喆',
        password: 'Batch-Test-2026',
        roles: [{ role: 'SERVICE_CENTER_STAFF' }],
      },
    });
    tokens['zy.staff2'] = await api.login('zy.staff2', 'Batch-Test-2026');
    departments = await departmentIdsByCode(api);
    // A district referral (letter), a park assignment (sheet), and one only registered.
    const referred = await registered('供电线路迁改');
    await referred.act('zy.staff', 'verifyCase', { notes: '已核实' });
    await referred.act('zy.staff', 'screenCase', {
      jurisdiction: 'DISTRICT',
      major: false,
      policyHeavy: false,
      referredDepartmentIds: [departments.STATE_GRID_QIANJIANG],
      opinion: '函告区级部门',
    });
    await referred.act('zy.deputy', 'approveCase');
    const assigned = await registered('招工困难');
    await assigned.act('zy.staff', 'verifyCase', { notes: '已核实' });
    await assigned.act('zy.staff', 'screenCase', {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '交办',
    });
    await assigned.act('zy.leader', 'approveCase');
    const plain = await registered('道路破损');
    for (const c of [referred, assigned, plain]) cases.push(c.get());

    runner = new JobRunner({
      ...testJobDeps(api),
      logger,
      backend: { kind: 'postgres', url: api.ownerUrl },
      queueName: `test-batch-${process.pid}`,
    });
  });

  afterAll(async () => {
    await runner?.stop();
    await api?.close();
  });

  it('issues every chosen document of the filtered cases in a job, counting progress, into one ZIP', async () => {
    const started = (
      await gqlOk('zy.staff', START, {
        input: {
          filter: { keyword: KEYWORD },
          sort: 'REGISTRATION_ASC',
          kinds: ['REGISTRATION_FORM', 'ASSIGNMENT_SHEET', 'REFERRAL_LETTER'],
        },
      })
    ).startDocumentBatch as Batch;
    // Three registration forms, one referral letter, one assignment sheet.
    expect(started).toMatchObject({ status: 'PENDING', total: 5, issued: 0, failed: 0, downloadUrl: null });
    const early = await fetch(`${api.url}/api/document-batches/${started.id}/zip`, {
      headers: { authorization: `Bearer ${tokens['zy.staff']}` },
    });
    expect(early.status).toBe(409);

    await expect(runJob(started.id)).resolves.toMatchObject({ status: 'DONE', issued: 5, failed: 0 });
    const done = (await gqlOk('zy.staff', GET, { id: started.id })).documentBatch as Batch;
    expect(done).toMatchObject({
      status: 'DONE',
      issued: 5,
      failed: 0,
      failures: [],
      downloadUrl: `/api/document-batches/${started.id}/zip`,
    });
    expect(done.fileName).toMatch(/^批量文书-\d{8}-\d{4}\.zip$/);

    const response = await fetch(`${api.url}${done.downloadUrl}`, {
      headers: { authorization: `Bearer ${tokens['zy.staff']}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const zip = unzip(Buffer.from(await response.arrayBuffer()));
    // One folder per case in registration order, each case's form first.
    const [a, b, c] = cases.map((x) => x.registrationNo);
    expect(zip.names.map((n) => n.split('/')[0])).toEqual([a, a, b, b, c]);
    expect(zip.names[0]).toMatch(/登记表.*\.docx$/);
    expect(zip.names[1]).toMatch(/^.+\/.*函.*\.docx$/);
    expect(zip.names[3]).toMatch(/交办单.*\.docx$/);
    expect(zip.body(zip.names[0])).toContain(a);
    expect(zip.body(zip.names[0])).toContain('赵珺玥');
    expect(zip.body(zip.names[4])).toContain(c);

    // Each file is the case's issued document, issued by the person who asked.
    const { rows } = await api.owner.query(
      `SELECT d.case_id, d.kind, u.username FROM document_batch_items i
         JOIN issued_documents d ON d.id = i.issued_document_id JOIN users u ON u.id = d.issued_by
        WHERE i.batch_id = $1 ORDER BY i.position`,
      [started.id],
    );
    expect(rows.map((r) => [r.case_id, r.kind, r.username])).toEqual([
      [cases[0].id, 'REGISTRATION_FORM', 'zy.staff'],
      [cases[0].id, 'REFERRAL_LETTER', 'zy.staff'],
      [cases[1].id, 'REGISTRATION_FORM', 'zy.staff'],
      [cases[1].id, 'ASSIGNMENT_SHEET', 'zy.staff'],
      [cases[2].id, 'REGISTRATION_FORM', 'zy.staff'],
    ]);
    const caseView = await gqlOk(
      'zy.staff',
      `query($id: ID!) { case(id: $id) { issuedDocuments { kind } } }`,
      {
        id: cases[1].id,
      },
    );
    expect(caseView.case.issuedDocuments.map((d: { kind: string }) => d.kind)).toEqual([
      'REGISTRATION_FORM',
      'ASSIGNMENT_SHEET',
    ]);

    // PDF output is off on this server: Word files only, no conversion jobs, none to ask for.
    const files = await gqlOk(
      'zy.staff',
      `query($id: ID!) { case(id: $id) { issuedDocuments { id pdfStatus pdfConvertible } } }`,
      { id: cases[0].id },
    );
    for (const file of files.case.issuedDocuments)
      expect(file).toMatchObject({ pdfStatus: null, pdfConvertible: false });
    const pdfJobs = await api.owner.query(
      `SELECT count(*) FROM outbox WHERE job_name = 'document.convertPdf'`,
    );
    expect(pdfJobs.rows[0].count).toBe('0');
    const noPdf = await gql(
      'zy.staff',
      `mutation($input: ConvertIssuedDocumentPdfInput!) { convertIssuedDocumentPdf(input: $input) { id } }`,
      { input: { issuedDocumentId: files.case.issuedDocuments[0].id } },
    );
    expect(noPdf.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'id', message: expect.stringMatching(/PDF 输出已关闭/) },
    ]);

    // The job delivered again issues nothing more.
    const count = async () =>
      Number((await api.owner.query(`SELECT count(*) FROM issued_documents`)).rows[0].count);
    const before = await count();
    await expect(runJob(started.id)).resolves.toMatchObject({ status: 'DONE', issued: 5 });
    expect(await count()).toBe(before);

    // The batch is its requester's: another person reads it as missing.
    const other = await gql('zy.staff2', GET, { id: started.id });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const otherZip = await fetch(`${api.url}${done.downloadUrl}`, {
      headers: { authorization: `Bearer ${tokens['zy.staff2']}` },
    });
    expect(otherZip.status).toBe(404);
    expect((await gqlOk('zy.staff2', `{ myDocumentBatches { id } }`)).myDocumentBatches).toEqual([]);
    const mine = await gqlOk('zy.staff', `{ myDocumentBatches { id status } }`);
    expect(mine.myDocumentBatches[0]).toEqual({ id: started.id, status: 'DONE' });
  });

  it('records what cannot be issued and lists it in the ZIP, going on with the rest', async () => {
    const started = (
      await gqlOk('zy.staff', START, {
        input: { filter: { keyword: KEYWORD }, sort: 'REGISTRATION_ASC', kinds: ['REGISTRATION_FORM'] },
      })
    ).startDocumentBatch as Batch;
    expect(started.total).toBe(3);
    // Before the job runs, the requester loses the service center's role and may see no case.
    const staffId = (await api.owner.query(`SELECT id FROM users WHERE username = 'zy.staff'`)).rows[0].id;
    const { rows: roles } = await api.owner.query(
      `DELETE FROM role_assignments WHERE user_id = $1 RETURNING park_id, user_id, role, department_id`,
      [staffId],
    );
    try {
      await expect(runJob(started.id)).resolves.toMatchObject({ status: 'DONE', issued: 0, failed: 3 });
    } finally {
      for (const r of roles)
        await api.owner.query(
          `INSERT INTO role_assignments (park_id, user_id, role, department_id) VALUES ($1, $2, $3, $4)`,
          [r.park_id, r.user_id, r.role, r.department_id],
        );
    }
    const done = (await gqlOk('zy.staff', GET, { id: started.id })).documentBatch as Batch;
    expect(done).toMatchObject({ status: 'DONE', issued: 0, failed: 3 });
    expect(done.failures.map((f) => f.registrationNo)).toEqual(cases.map((c) => c.registrationNo));
    expect(done.failures[0].message).toMatch(/没有权限/);
    const response = await fetch(`${api.url}${done.downloadUrl}`, {
      headers: { authorization: `Bearer ${tokens['zy.staff']}` },
    });
    const zip = unzip(Buffer.from(await response.arrayBuffer()));
    expect(zip.names).toEqual(['未生成清单.txt']);
    expect(zip.text('未生成清单.txt')).toContain(
      `${cases[0].registrationNo}\t企业反映困难问题登记表\t没有权限`,
    );
  });

  it('refuses kinds that take a number, an empty selection and a filter matching nothing, changing nothing', async () => {
    const batches = async () =>
      Number((await api.owner.query(`SELECT count(*) FROM document_batches`)).rows[0].count);
    const before = await batches();
    const numbered = await gql('zy.staff', START, {
      input: { filter: { keyword: KEYWORD }, kinds: ['CIRCULAR_NOTICE'] },
    });
    expect(numbered.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(numbered.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'kinds', message: expect.stringMatching(/通报/) },
    ]);
    const none = await gql('zy.staff', START, {
      input: { filter: { keyword: '没有这样的案件' }, kinds: ['REGISTRATION_FORM'] },
    });
    expect(none.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'filter', message: expect.stringMatching(/没有符合条件的案件/) },
    ]);
    const noDocuments = await gql('zy.staff', START, {
      input: { filter: { keyword: '道路破损' }, kinds: ['SUPERVISION_LETTER'] },
    });
    expect(noDocuments.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'kinds', message: expect.stringMatching(/没有这些文书/) },
    ]);
    expect(await batches()).toBe(before);
  });
});
