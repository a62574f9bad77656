// npm run bench:uploads [-- --api path/to/main.js] [--keep]: memory of the API while it is sent
// archives built to exhaust it, then a legitimate file. Starts the built API on a throwaway
// database (qifu_bench_uploads_<pid>) with the demo park, then for each scenario sends one file as
// the console does and records the answer, the seconds, and the API process's peak resident memory
// (VmHWM, reset before each scenario, and VmRSS polled). --api runs another build (e.g. an older
// checkout's apps/api/dist/main.js) to compare. Exits non-zero if a bomb is accepted or a legitimate
// file refused.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { repoRoot } from './lib/embedded-postgres.mjs';
import { markdownTable, measureMemory, startBenchApi, withClient } from './lib/bench-support.mjs';
import { build, nxEnv } from './lib/run.mjs';
import { Blob, Buffer } from 'node:buffer';

const USAGE = `usage: npm run bench:uploads -- [--api PATH] [--keep]
  --api    the API entry point to measure (default apps/api/dist/main.js, built first)
  --keep   keep the database (qifu_bench_uploads_<pid>) afterwards
Uses DATABASE_URL (owner), default postgres://postgres@127.0.0.1:5432/postgres.`;

const MEGABYTE = 1024 * 1024;
const zipBombModule = path.join(repoRoot, 'apps/api/dist/bench/zip-bomb.js');
const documentsLib = path.join(repoRoot, 'libs/documents/dist/index.js');
const domainLib = path.join(repoRoot, 'libs/domain/dist/index.js');
const DEMO_PASSWORD = 'Zhengyang@2022';

const log = (line) => process.stderr.write(`[bench:uploads] ${line}\n`);

async function enterpriseWorkbook(rows) {
  const { creditCodeCheckChar } = await import(pathToFileURL(domainLib).href);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业名录');
  sheet.addRow(['统一社会信用代码', '企业名称', '详细地址', '联系人', '联系电话']);
  for (let i = 0; i < rows; i++) {
    sheet.addRow([
      `915001140${String(i).padStart(8, '0')}`.replace(
        /^.{17}$/,
        (first17) => first17 + creditCodeCheckChar(first17),
      ),
      `重庆正阳第${i}精密机械有限公司`,
      `正阳工业园区${i}号`,
      '王经理',
      '023-79420000',
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function gql(ctx, query, variables) {
  const response = await fetch(`${ctx.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function importWorkbook(ctx, file) {
  const result = await gql(
    ctx,
    `mutation($input: ImportEnterprisesXlsxInput!) { importEnterprisesXlsx(input: $input) }`,
    {
      input: { file: file.toString('base64') },
    },
  );
  if (result.errors) {
    const [error] = result.errors;
    const fields = (error.extensions?.fields ?? []).map((f) => f.path);
    const more = fields.length > 3 ? ` (+${fields.length - 3})` : '';
    return `${error.extensions?.code} ${fields.slice(0, 3).join(',')}${more}`.trim();
  }
  return `imported ${result.data.importEnterprisesXlsx}`;
}

async function uploadFile(ctx, urlPath, file, fileName) {
  const form = new FormData();
  form.append('file', new Blob([file]), fileName);
  const response = await fetch(`${ctx.baseUrl}${urlPath}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${ctx.token}` },
  });
  const body = await response.json().catch(() => ({}));
  return `HTTP ${response.status} ${body.code ?? ''} ${body.field ?? ''}`.trim();
}

/**
 * The scenarios: `file(kit)` builds what is sent, `send(ctx, file)` sends it as `user` and resolves
 * to the answer in short, `expect` is the answer it must give (a regular expression).
 */
const SCENARIOS = [
  {
    label: 'enterprise import: workbook bomb, 200 MB inflated',
    user: 'zy.staff',
    file: async (kit) => kit.workbookBomb(await enterpriseWorkbook(1), 200),
    send: importWorkbook,
    expect: /^BAD_USER_INPUT file$/,
  },
  {
    label: 'template upload: .docx bomb, 200 MB inflated',
    user: 'zy.admin',
    file: async (kit) => {
      const template = await kit.readDefaultTemplate('ASSIGNMENT_SHEET');
      return kit.craftZip(
        kit.entriesOf(template, {
          'word/document.xml': [{ data: Buffer.alloc(MEGABYTE, 0x20), times: 200 }],
        }),
      );
    },
    send: (ctx, file) => uploadFile(ctx, '/api/document-templates/ASSIGNMENT_SHEET', file, '交办单.docx'),
    expect: /^HTTP 4\d\d /,
  },
  {
    label: 'case attachment: .xlsx bomb, 200 MB inflated',
    user: 'zy.staff',
    file: async (kit) => kit.workbookBomb(await enterpriseWorkbook(1), 200),
    send: (ctx, file) => uploadFile(ctx, `/api/cases/${ctx.caseId}/attachments`, file, '用电明细.xlsx'),
    expect: /^HTTP 4\d\d /,
  },
  {
    label: 'enterprise import: 10,000-row workbook',
    user: 'zy.staff',
    file: () => enterpriseWorkbook(10_000),
    send: importWorkbook,
    expect: /^imported 10000$/,
  },
];

async function main() {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const env = { ...process.env, ...nxEnv };
  log('building the API and the documents library');
  if ((await build(['@qifu/api', '@qifu/documents'], env)) !== 0) return 1;
  const apiMain = path.resolve(values.api ?? path.join(repoRoot, 'apps/api/dist/main.js'));
  const bombs = await import(pathToFileURL(zipBombModule).href);
  const { readDefaultTemplate } = await import(pathToFileURL(documentsLib).href);
  const kit = { ...bombs, readDefaultTemplate };

  const database = `qifu_bench_uploads_${process.pid}`;
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${database}`;
  const storage = await mkdtemp(path.join(os.tmpdir(), 'qifu-bench-uploads-'));
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`));
  const results = [];
  let api;
  try {
    api = await startBenchApi(
      apiMain,
      {
        ...env,
        DATABASE_URL: dbUrl.href,
        APP_DATABASE_PASSWORD: process.env.APP_DATABASE_PASSWORD ?? 'qifu_app_bench',
        QIFU_SEED: 'demo',
        WORKER_IN_API: 'false',
        PDF_CONVERSION: 'off',
        ATTACHMENTS_DIR: path.join(storage, 'store'),
        ATTACHMENTS_TMP_DIR: path.join(storage, 'tmp'),
      },
      { timeoutMs: 90_000 },
    );
    const { baseUrl } = api;
    const ctx = { baseUrl };
    const login = async (username) => {
      const result = await gql(
        ctx,
        `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
        {
          input: { username, password: DEMO_PASSWORD },
        },
      );
      if (!result.data?.signIn) throw new Error(`login ${username}: ${JSON.stringify(result.errors)}`);
      return result.data.signIn.accessToken;
    };
    const tokens = { 'zy.admin': await login('zy.admin'), 'zy.staff': await login('zy.staff') };
    const staff = tokens['zy.staff'];
    const enterprise = await gql(
      { ...ctx, token: staff },
      `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "重庆正阳铝业有限公司" }) { id } }`,
    );
    const registered = await gql(
      { ...ctx, token: staff },
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`,
      {
        input: {
          enterpriseId: enterprise.data.saveEnterprise.id,
          reportedAt: new Date().toISOString(),
          categoryCode: 'POWER_SUPPLY',
          channelCode: 'HOTLINE',
          reportFormCode: 'PHONE',
          contactName: '张伟',
          contactPhone: '023-79429609',
          title: '新建产线用电增容',
          description: '新建产线需增容至2000千伏安。',
        },
      },
    );
    if (!registered.data) throw new Error(`registerCase: ${JSON.stringify(registered.errors)}`);
    ctx.caseId = registered.data.registerCase.id;
    log(`API up on ${baseUrl} (pid ${api.child.pid})`);

    for (const scenario of SCENARIOS) {
      const file = await scenario.file(kit);
      const sender = { ...ctx, token: tokens[scenario.user] };
      log(`${scenario.label}: ${(file.length / 1024).toFixed(0)} KB`);
      const t0 = performance.now();
      const measured = await measureMemory(api.child.pid, () => scenario.send(sender, file)).catch(
        (error) => ({
          result: `failed: ${error.message}`,
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      results.push({ scenario, size: file.length, seconds, measured });
    }
  } finally {
    await api?.stop();
    if (!values.keep)
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await rm(storage, { recursive: true, force: true });
  }

  const rows = results.map(({ scenario, size, seconds, measured }) => [
    scenario.label,
    `${(size / 1024).toFixed(0)}`,
    String(measured.result),
    seconds.toFixed(2),
    measured.baselineMb ? measured.baselineMb.toFixed(0) : '—',
    measured.peakMb ? measured.peakMb.toFixed(0) : '—',
    scenario.expect.test(String(measured.result)) ? 'as expected' : 'UNEXPECTED',
  ]);
  console.log('');
  console.log(
    markdownTable(
      ['file', 'KB', 'answer', 'seconds', 'API RSS before MB', 'API peak RSS MB', 'result'],
      rows,
    ),
  );
  console.log('');
  return rows.every((row) => row[6] === 'as expected') ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
