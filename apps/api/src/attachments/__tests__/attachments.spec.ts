import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readDefaultTemplate } from '@qifu/documents';
import ExcelJS from 'exceljs';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pngjs from 'pngjs';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { secondPark } from '../../__tests__/support/park-onboarding.js';
import { departmentIdsByCode, savedEnterpriseId } from '../../__tests__/support/park-session.js';
import { actsOnAnswer, caseReport, registeredCase } from '../../__tests__/support/case-acts.js';
import { craftZip, entriesOf } from '../../bench/zip-bomb.js';

const MAX_BYTES = 256 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small but real PDF: what a scanned further page looks like to the magic-byte check. */
function pdf(size = 2000): Buffer {
  const body = Buffer.alloc(size, 0x20);
  Buffer.from('%PDF-1.7\n%âãÏÓ\n').copy(body);
  Buffer.from('\n%%EOF\n').copy(body, size - 7);
  return body;
}

/** The start of a Windows executable (MZ header, NUL bytes and all). */
function exe(size = 4096): Buffer {
  const body = randomBytes(size);
  Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]).copy(body);
  return body;
}

/** A real PNG: a signature alone is not an image. */
function png(): Buffer {
  const image = new pngjs.PNG({ width: 4, height: 4 });
  image.data.fill(0x80);
  return pngjs.PNG.sync.write(image);
}

async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('用电明细').addRow(['月份', '用电量（千瓦时）']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Mode bits of every file and directory under `dir` (itself included), by relative path. */
async function modesUnder(dir: string): Promise<{ files: Set<string>; dirs: Set<string> }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Set<string>();
  const dirs = new Set<string>([((await stat(dir)).mode & 0o777).toString(8)]);
  for (const entry of entries) {
    const mode = ((await stat(path.join(entry.parentPath, entry.name))).mode & 0o777).toString(8);
    (entry.isDirectory() ? dirs : files).add(mode);
  }
  return { files, dirs };
}

const CASE_ATTACHMENTS = `query($id: ID!) {
  case(id: $id) {
    attachments { id fileName contentType sizeBytes sha256 uploadedAt uploaderName downloadUrl }
    timeline { type caseVersion actorName statusBefore statusAfter data }
  }
}`;

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('case attachments (可另附页) over HTTP', () => {
  let api: TestApi;
  let storageDir: string;
  let tmpDir: string;
  const tokens: Record<string, string> = {};
  let registered: string;
  let assigned: string;

  async function gqlOk(user: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await api.gql(query, variables, tokens[user]);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  const { run, screenedInPark } = actsOnAnswer<{ id: string; version: number }>(
    () => ({ api, tokens }),
    'id version',
  );

  function upload(caseId: string, bytes: Uint8Array, fileName: string, token?: string, field = 'file') {
    const form = new FormData();
    form.append(field, new Blob([bytes], { type: 'application/octet-stream' }), fileName);
    return fetch(`${api.url}/api/cases/${caseId}/attachments`, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  const download = (url: string, token?: string) =>
    fetch(`${api.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  async function stored() {
    const rows = await api.owner.query(`SELECT count(*)::int AS n FROM case_attachments`);
    return {
      rows: rows.rows[0].n as number,
      files: await filesUnder(storageDir),
      tmp: await filesUnder(tmpDir),
    };
  }

  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(os.tmpdir(), 'qifu-attachments-'));
    tmpDir = await mkdtemp(path.join(os.tmpdir(), 'qifu-uploads-'));
    api = await startTestApi({
      ATTACHMENTS_DIR: path.join(storageDir, 'store'),
      ATTACHMENTS_TMP_DIR: path.join(tmpDir, 'incoming'),
      ATTACHMENTS_MAX_BYTES: String(MAX_BYTES),
    });
    for (const user of ['zy.staff', 'zy.leader', 'zy.handler', 'zy.admin', 'platform']) {
      tokens[user] = await api.login(user);
    }
    const departments = await departmentIdsByCode(api);
    // A handler of another department than the one the case is assigned to.
    await gqlOk('zy.admin', `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: {
        username: 'zy.finance',
        displayName: '财金部 赵磊',
        password: 'Finance@2024',
        roles: [{ role: 'DEPARTMENT_HANDLER', departmentId: departments.FINANCE }],
      },
    });
    tokens['zy.finance'] = await api.login('zy.finance', 'Finance@2024');

    const enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], { name: '重庆正阳铝业有限公司' });
    const register = (title: string) =>
      registeredCase(
        api,
        tokens['zy.staff'],
        caseReport('powerSupply', { enterpriseId, contactName: '张伟', contactPhone: '023-79429609', title }),
        'id version',
      );
    registered = (await register('新建产线用电增容')).id;
    let c = await run('zy.staff', 'verifyCase', await register('双回路供电'), { notes: '已核实' });
    c = await screenedInPark('zy.staff', c, {
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '经发部牵头',
    });
    assigned = (await run('zy.leader', 'approveCase', c)).id;
  });

  afterAll(async () => {
    await api.close();
    await rm(storageDir, { recursive: true, force: true });
    await rm(tmpDir, { recursive: true, force: true });
  });

  it('the service center attaches a page; it is listed with the case, on its timeline, audited, and downloads byte for byte', async () => {
    const bytes = pdf(40_000);
    const response = await upload(registered, bytes, '用电增容申请（第2页）.pdf', tokens['zy.staff']);
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; downloadUrl: string };
    expect(created).toMatchObject({
      fileName: '用电增容申请（第2页）.pdf',
      contentType: 'application/pdf',
      sizeBytes: 40_000,
      sha256: sha256(bytes),
      uploaderName: '服务中心 张敏',
      downloadUrl: `/api/attachments/${created.id}`,
    });

    const data = await gqlOk('zy.staff', CASE_ATTACHMENTS, { id: registered });
    expect(data.case.attachments).toEqual([
      expect.objectContaining({ id: created.id, fileName: '用电增容申请（第2页）.pdf', sizeBytes: 40_000 }),
    ]);
    expect(data.case.timeline.map((e: { type: string }) => e.type)).toEqual([
      'CaseRegistered',
      'AttachmentAdded',
    ]);
    expect(data.case.timeline[1]).toMatchObject({
      caseVersion: 1,
      actorName: '服务中心 张敏',
      statusBefore: 'REGISTERED',
      statusAfter: 'REGISTERED',
      data: { attachmentId: created.id, fileName: '用电增容申请（第2页）.pdf', sizeBytes: 40_000 },
    });
    const audit = await api.owner.query(
      `SELECT action, subject_id, after FROM audit_events WHERE action = 'case.attachmentAdded'`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'case.attachmentAdded',
        subject_id: registered,
        after: expect.objectContaining({ attachmentId: created.id, sha256: sha256(bytes) }),
      },
    ]);

    const got = await download(created.downloadUrl, tokens['zy.staff']);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-length')).toBe('40000');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="________2__.pdf"; filename*=UTF-8''${encodeURIComponent('用电增容申请（第2页）.pdf')}`,
    );
    const back = new Uint8Array(await got.arrayBuffer());
    expect(sha256(back)).toBe(sha256(bytes));
    expect(Buffer.from(back).equals(bytes)).toBe(true);

    // An act after the attachment keeps its own version: the event sits beside the version it saw.
    await run('zy.staff', 'verifyCase', { id: registered, version: 1 }, { notes: '已电话核实' });
    const after = await gqlOk('zy.staff', CASE_ATTACHMENTS, { id: registered });
    expect(
      after.case.timeline.map((e: { type: string; caseVersion: number }) => [e.type, e.caseVersion]),
    ).toEqual([
      ['CaseRegistered', 1],
      ['AttachmentAdded', 1],
      ['CaseVerified', 2],
    ]);
  });

  it('refuses a file above the size limit with 413 naming the field, and keeps nothing', async () => {
    const before = await stored();
    const response = await upload(registered, pdf(MAX_BYTES + 1), '扫描件.pdf', tokens['zy.staff']);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { fields: { path: string }[]; message: string; code: string };
    expect(body).toMatchObject({ fields: [{ path: 'file' }], code: 'PAYLOAD_TOO_LARGE' });
    expect(body.message).toMatch(/^file: /);
    expect(await stored()).toEqual(before);

    // Exactly at the limit is accepted.
    const atLimit = await upload(registered, pdf(MAX_BYTES), '扫描件.pdf', tokens['zy.staff']);
    expect(atLimit.status).toBe(201);
  });

  it('refuses a program renamed .pdf (magic bytes) and a file of a kind not accepted, keeping nothing', async () => {
    const before = await stored();
    const renamed = await upload(registered, exe(), '发票.pdf', tokens['zy.staff']);
    expect(renamed.status).toBe(415);
    expect(await renamed.json()).toMatchObject({
      fields: [{ path: 'file' }],
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const program = await upload(registered, exe(), 'setup.exe', tokens['zy.staff']);
    expect(program.status).toBe(415);
    const png = await upload(registered, pdf(), '照片.png', tokens['zy.staff']);
    expect(png.status).toBe(415);
    const empty = await upload(registered, new Uint8Array(0), '空白.txt', tokens['zy.staff']);
    expect(empty.status).toBe(400);
    const wrongField = await upload(registered, pdf(), '附页.pdf', tokens['zy.staff'], 'document');
    expect(wrongField.status).toBe(400);
    expect(await wrongField.json()).toMatchObject({ fields: [{ path: 'file' }] });
    expect(await stored()).toEqual(before);
  });

  it('accepts the other kinds of the form by content: Word, Excel, images and text', async () => {
    const ole2 = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      randomBytes(600),
    ]);
    const docx = await readDefaultTemplate('REGISTRATION_FORM');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(600)]);
    // 企业联系人：张伟 in GB18030, as Notepad saves it on a Chinese Windows ("ANSI").
    const gb18030 = Buffer.from([
      0xc6, 0xf3, 0xd2, 0xb5, 0xc1, 0xaa, 0xcf, 0xb5, 0xc8, 0xcb, 0xa3, 0xba, 0xd5, 0xc5, 0xce, 0xb0, 0x0d,
      0x0a,
    ]);
    const cases: [Buffer, string, string][] = [
      [ole2, '情况说明.doc', 'application/msword'],
      [docx, '情况说明.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [ole2, '用电明细.xls', 'application/vnd.ms-excel'],
      [await xlsx(), '用电明细.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [png(), '现场照片.PNG', 'image/png'],
      [jpeg, '现场照片.jpeg', 'image/jpeg'],
      [Buffer.from('企业联系人：张伟\t电话：023-79429609\r\n'), '补充说明.txt', 'text/plain; charset=utf-8'],
      [Buffer.from('\ufeff补充说明\n'), '带BOM.txt', 'text/plain; charset=utf-8'],
      [gb18030, '补充说明（GB18030）.txt', 'text/plain; charset=gb18030'],
    ];
    for (const [bytes, name, contentType] of cases) {
      const response = await upload(assigned, bytes, name, tokens['zy.staff']);
      expect({ name, status: response.status }).toEqual({ name, status: 201 });
      expect(await response.json()).toMatchObject({ fileName: name, contentType, sizeBytes: bytes.length });
    }
  });

  it('refuses HTML, SVG and a program named .pdf that carry %PDF- in their first kilobyte', async () => {
    const before = await stored();
    const html = Buffer.from(
      '<html><body><script>alert(document.cookie)</script><!-- %PDF-1.7 --></body></html>',
    );
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><text>%PDF-1.4</text></svg>\n%%EOF\n',
    );
    const program = exe();
    Buffer.from('%PDF-1.7').copy(program, 200);
    for (const [bytes, name] of [
      [html, '发票.pdf'],
      [svg, '发票扫描.pdf'],
      [program, '合同.pdf'],
      [Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20)]), '没有结尾.pdf'],
    ] as const) {
      const response = await upload(registered, bytes, name, tokens['zy.staff']);
      expect({ name, status: response.status }).toEqual({ name, status: 415 });
      expect(await response.json()).toMatchObject({
        fields: [{ path: 'file' }],
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses as text what does not decode as text: binary without NUL bytes, control characters', async () => {
    const before = await stored();
    const noNul = Buffer.from(randomBytes(4096).map((byte) => byte || 1));
    const escapes = Buffer.from('正常的一行\n\u001b[2J\u001b]0;清屏\u0007\n');
    for (const [bytes, name] of [
      [noNul, '说明.txt'],
      [escapes, '终端.txt'],
      [png(), '截图.txt'],
      [Buffer.from([0xe4, 0xbc, 0x81, 0xff, 0xfe, 0x41]), '乱码.txt'],
    ] as const) {
      const response = await upload(registered, bytes, name, tokens['zy.staff']);
      expect({ name, status: response.status }).toEqual({ name, status: 415 });
      expect(await response.json()).toMatchObject({
        fields: [{ path: 'file' }],
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses a Word or Excel file that is a zip bomb or holds another archive: 400 BAD_USER_INPUT on file', async () => {
    const before = await stored();
    const workbook = await xlsx();
    const bomb = craftZip(
      entriesOf(workbook, {
        'xl/worksheets/sheet1.xml': [{ data: Buffer.alloc(1024 * 1024, 0x20), times: 100 }],
      }),
    );
    const inner = craftZip([{ name: 'a.txt', parts: [{ data: Buffer.from('a') }] }]);
    const nested = craftZip([
      ...entriesOf(await readDefaultTemplate('REGISTRATION_FORM')),
      { name: 'word/embeddings/package.zip', parts: [{ data: inner }], stored: true },
    ]);
    for (const [bytes, name] of [
      [bomb, '用电明细.xlsx'],
      [nested, '情况说明.docx'],
    ] as const) {
      const response = await upload(registered, bytes, name, tokens['zy.staff']);
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(await response.json()).toMatchObject({ fields: [{ path: 'file' }], code: 'BAD_USER_INPUT' });
    }
    // A workbook named .docx is not what it says.
    expect((await upload(registered, workbook, '情况说明.docx', tokens['zy.staff'])).status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it('keeps stored files readable by the API’s user only: 0600 files in 0700 directories', async () => {
    expect((await upload(registered, pdf(), '权限.pdf', tokens['zy.staff'])).status).toBe(201);
    expect(await modesUnder(path.join(storageDir, 'store'))).toEqual({
      files: new Set(['600']),
      dirs: new Set(['700']),
    });
    expect((await modesUnder(path.join(tmpDir, 'incoming'))).dirs).toEqual(new Set(['700']));
  });

  it('a department attaches to its own cases only; leaders may read but not attach', async () => {
    const mine = await upload(assigned, pdf(), '经发部意见.pdf', tokens['zy.handler']);
    expect(mine.status).toBe(201);
    const created = (await mine.json()) as { downloadUrl: string };

    const before = await stored();
    for (const [user, caseId] of [
      ['zy.finance', assigned],
      ['zy.handler', registered],
      ['zy.leader', assigned],
      ['zy.admin', assigned],
      ['platform', assigned],
    ]) {
      const refused = await upload(caseId, pdf(), '越权.pdf', tokens[user]);
      expect({ user, status: refused.status }).toEqual({ user, status: 403 });
    }
    expect(await stored()).toEqual(before);

    expect((await download(created.downloadUrl, tokens['zy.leader'])).status).toBe(200);
    expect((await download(created.downloadUrl, tokens['zy.finance'])).status).toBe(403);
    expect((await download(created.downloadUrl, tokens['zy.admin'])).status).toBe(403);
    const finance = await api.gql(CASE_ATTACHMENTS, { id: assigned }, tokens['zy.finance']);
    expect(finance.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers 401 without a token and 404 for an unknown case or file', async () => {
    expect((await upload(registered, pdf(), '附页.pdf')).status).toBe(401);
    const [{ id }] = (await api.owner.query(`SELECT id FROM case_attachments LIMIT 1`)).rows;
    expect((await download(`/api/attachments/${id}`)).status).toBe(401);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await upload(unknown, pdf(), '附页.pdf', tokens['zy.staff'])).status).toBe(404);
    expect((await upload('not-a-uuid', pdf(), '附页.pdf', tokens['zy.staff'])).status).toBe(404);
    expect((await download(`/api/attachments/${unknown}`, tokens['zy.staff'])).status).toBe(404);
  });

  it('another park neither sees a file nor attaches to a case of this park (row-level security)', async () => {
    tokens['wl.admin'] = (await secondPark(api)).adminToken;
    await gqlOk('wl.admin', `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: {
        username: 'wl.staff',
        displayName: '武陵山服务中心',
        password: 'Wulingshan@2024',
        roles: [{ role: 'SERVICE_CENTER_STAFF' }],
      },
    });
    const other = await api.login('wl.staff', 'Wulingshan@2024');

    const [{ id }] = (
      await api.owner.query(`SELECT id FROM case_attachments WHERE case_id = $1 LIMIT 1`, [registered])
    ).rows;
    expect((await download(`/api/attachments/${id}`, other)).status).toBe(404);
    const before = await stored();
    expect((await upload(registered, pdf(), '跨园区.pdf', other)).status).toBe(404);
    expect(await stored()).toEqual(before);
  });
});
