// Official documents by clicks: a district referral's registration form and letter as Word and PDF,
// a park template with new wording used for the next letter, and the ledger as a workbook that
// LibreOffice opens with the rows the console shows.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Download, Page } from 'playwright-core';
import PizZip from 'pizzip';
import { creditCodeCheckChar, isoDateInChina } from '@qifu/domain';
import { gql, login } from '../support/api.js';
import { repoPath } from '../support/server.js';
import {
  describeInBrowser,
  expectText,
  input,
  signIn,
  switchUser,
  withChromium,
} from '../support/browser.js';

const run = promisify(execFile);
const ENTERPRISE = '重庆犇垚新材料有限公司';
const CREDIT_CODE = `91500114MA5U4ABC1${creditCodeCheckChar('91500114MA5U4ABC1')}`;
const NEW_WORDING = '请于收函后五个工作日内书面回复（园区新版模板）';

async function bytesOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The visible text of a .docx body, header included (a letter's masthead is in its header). */
function docxText(docx: Buffer): string {
  const zip = new PizZip(docx);
  return Object.keys(zip.files)
    .filter((name) => /^word\/(document|header\d+)\.xml$/.test(name))
    .map((name) =>
      zip
        .file(name)!
        .asText()
        .replace(/<[^>]+>/g, ''),
    )
    .join('\n');
}

describeInBrowser('official documents through the console', () => {
  let page: Page;
  withChromium((opened) => (page = opened));
  let registrationNo = '';
  let caseId = '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-documents-e2e-'));
  const year = isoDateInChina().slice(0, 4);

  async function act(user: string, name: string, input: Record<string, unknown>, version: number) {
    const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
    const result = await gql(
      `mutation($input: ${type}!) { ${name}(input: $input) { id version } }`,
      { input: { caseId, version, ...input } },
      await login(user),
    );
    if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    return result.data[name].version as number;
  }

  /** Clicks the button and returns the file the browser receives. */
  async function downloaded(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: download.suggestedFilename(), bytes: await bytesOf(download) };
  }

  async function pdfText(pdf: Buffer, name: string): Promise<string> {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, pdf);
    return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, '');
  }

  beforeAll(async () => {
    // A district matter, referred by letter (Art. 7.2): registered, verified, screened, approved.
    const staff = await login('zy.staff');
    const saved = await gql(
      `mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
      { input: { creditCode: CREDIT_CODE, name: ENTERPRISE, address: '正阳工业园区8号' } },
      staff,
    );
    if (saved.errors) throw new Error(`saveEnterprise: ${JSON.stringify(saved.errors)}`);
    const registered = await gql(
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id version registrationNo } }`,
      {
        input: {
          enterpriseId: saved.data.saveEnterprise.id,
          reportedAt: new Date().toISOString(),
          categoryCode: 'POWER_SUPPLY',
          channelCode: 'HOTLINE',
          reportFormCode: 'PHONE',
          contactName: '吴祎',
          contactPhone: '13908260002',
          title: '专线接入进度慢',
          description: '新厂区 10 千伏专线接入申请已逾两个月未获答复。',
        },
      },
      staff,
    );
    if (registered.errors) throw new Error(`registerCase: ${JSON.stringify(registered.errors)}`);
    ({ id: caseId, registrationNo } = registered.data.registerCase);
    let version = registered.data.registerCase.version as number;
    version = await act('zy.staff', 'verifyCase', { notes: '已核实' }, version);
    const bureau = await gql(`{ departments { id code } }`, {}, staff);
    const stateGrid = (bureau.data.departments as { id: string; code: string }[]).find(
      (d) => d.code === 'STATE_GRID_QIANJIANG',
    )!.id;
    version = await act(
      'zy.staff',
      'screenCase',
      {
        jurisdiction: 'DISTRICT',
        major: false,
        policyHeavy: false,
        referredDepartmentIds: [stateGrid],
        opinion: '属区级部门职能，发函国网黔江供电公司。',
      },
      version,
    );
    await act('zy.deputy', 'approveCase', { opinion: '同意发函' }, version);
  });

  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('uploads a park template with new wording and puts it in force', async () => {
    const zip = new PizZip(fs.readFileSync(repoPath('libs/documents/templates/referral-letter.docx')));
    const body = zip.file('word/document.xml')!.asText();
    expect(body).toContain('{closing}');
    zip.file('word/document.xml', body.replace('{closing}', `${NEW_WORDING}{closing}`));
    const file = path.join(tmp, '商函-园区版.docx');
    fs.writeFileSync(file, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }));

    await signIn(page, 'zy.admin');
    await page.click('[data-test=nav-document-templates]');
    const card = page.locator('[data-test=template-kind-REFERRAL_LETTER]');
    await card.locator('[data-test=template-upload]').setInputFiles(file);
    await card.locator('[data-test=template-version]', { hasText: '商函-园区版.docx' }).waitFor();
    await card.locator('[data-test=template-activate]').first().click();
    await card.locator('[data-test=template-current]', { hasText: /第 \d+ 版/ }).waitFor();
  });

  it('issues the registration form and the letter as Word and PDF from the case page', async () => {
    await switchUser(page, 'zy.staff');
    await page.goto(`${new URL(page.url()).origin}/cases/${caseId}`);
    await expectText(page, '[data-test=case-registration-no]', registrationNo);
    const documents = page.locator('[data-test=issuable-document]');
    for (const label of ['登记表', '商函']) {
      const row = documents.filter({ hasText: label });
      await row.locator('[data-test=issue-document]').click();
      // The PDF is made by a job in the API with LibreOffice.
      await row.locator('[data-test=pdf-status]', { hasText: 'PDF 可下载' }).waitFor({ timeout: 60_000 });
    }

    const form = documents.filter({ hasText: '登记表' });
    const formDocx = await downloaded(() => form.locator('[data-test=download-docx]').click());
    expect(formDocx.name).toMatch(/\.docx$/);
    expect(docxText(formDocx.bytes)).toContain(registrationNo);
    expect(docxText(formDocx.bytes)).toContain('吴祎');

    const letter = documents.filter({ hasText: '商函' });
    const letterDocx = await downloaded(() => letter.locator('[data-test=download-docx]').click());
    const letterText = docxText(letterDocx.bytes);
    expect(letterText).toContain(`正阳园区管委函〔${year}〕`);
    expect(letterText).toContain(NEW_WORDING);
    expect(letterText).toContain('国网黔江供电公司');

    const letterPdf = await downloaded(() => letter.locator('[data-test=download-pdf]').click());
    expect(letterPdf.name).toMatch(/\.pdf$/);
    const text = await pdfText(letterPdf.bytes, 'letter.pdf');
    expect(text).toContain(`正阳园区管委函〔${year}〕`);
    expect(text).toContain(NEW_WORDING);
    expect(text).toContain(ENTERPRISE);
    const formPdf = await downloaded(() => form.locator('[data-test=download-pdf]').click());
    expect(await pdfText(formPdf.bytes, 'form.pdf')).toContain('吴祎');

    // The PDF shows in the page too.
    await letter.locator('[data-test=preview-pdf]').click();
    await page.locator('[data-test=pdf-preview-frame]').waitFor();
  });

  it('exports the ledger as a workbook LibreOffice opens with the rows the console shows', async () => {
    await page.keyboard.press('Escape');
    await page.click('[data-test=nav-ledger]');
    await input(page, 'ledger-filter-keyword').fill('犇垚新材料');
    await page.click('[data-test=ledger-search]');
    await expectText(page, '[data-test=ledger-total]', '1');
    // The total reads "1" inside "10" too: wait until the table itself shows the one case searched for.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-test=ledger-table] .el-table__body tr').length === 1,
    );
    const shown = await page.locator('[data-test=ledger-table] .el-table__body tr').count();
    const workbook = await downloaded(() => page.click('[data-test=ledger-export]'));
    expect(workbook.name).toMatch(/^台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(tmp, 'ledger.xlsx');
    fs.writeFileSync(file, workbook.bytes);
    // A LibreOffice of its own (own profile), beside the API's converter.
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        tmp,
        file,
      ],
      { timeout: 60_000 },
    );
    const rows = fs.readFileSync(path.join(tmp, 'ledger.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1 + shown);
    expect(rows[0]).toContain('登记编号');
    expect(rows[1]).toContain(registrationNo);
    expect(rows[1]).toContain(ENTERPRISE);
  });
});
