// Art. 5–10 by clicks: one enterprise difficulty for a single park department, from the service
// center's intake to close-out, each role signing in to the console in turn and doing its part.
import type { Download, Page } from 'playwright-core';
import { isoDateInChina } from '@qifu/domain';
import { gql, login } from '../support/api.js';
import {
  actInConsole,
  describeInBrowser,
  expectText,
  input,
  pick,
  signIn,
  switchUser,
  withChromium,
} from '../support/browser.js';

const ENTERPRISE = '重庆正阳精密机械有限公司';

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
const CREDIT_CODE = '91500114MA5U3XKL2T';

describeInBrowser('a case through the console, single park department', () => {
  let page: Page;
  withChromium((opened) => (page = opened));

  beforeAll(async () => {
    // The enterprise directory is the service center's; the walk starts at a reported difficulty.
    const saved = await gql(
      `mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
      { input: { creditCode: CREDIT_CODE, name: ENTERPRISE, address: '正阳工业园区1号' } },
      await login('zy.staff'),
    );
    if (saved.errors) throw new Error(`saveEnterprise: ${JSON.stringify(saved.errors)}`);
  });

  async function expectStatus(label: string): Promise<void> {
    await expectText(page, '[data-test=case-status]', label);
  }

  /** A work queue in the menu, then the case by its number. */
  async function openFromQueue(nav: string, registrationNo: string): Promise<void> {
    await page.click(`[data-test=${nav}]`);
    await page.click(`[data-test="ledger-row-${registrationNo}"]`);
    await expectText(page, '[data-test=case-registration-no]', registrationNo);
  }

  let registrationNo = '';

  it('registers, screens, approves, handles, reviews, grades, follows up and closes out', async () => {
    const year = isoDateInChina().slice(0, 4);

    // Service center: the registration form (Att. 2).
    await signIn(page, 'zy.staff');
    await page.click('[data-test=nav-intake]');
    await input(page, 'intake-enterprise-name').pressSequentially('正阳精密');
    await page.locator('.el-autocomplete-suggestion li', { hasText: CREDIT_CODE }).click();
    await expectText(page, '[data-test=intake-enterprise-hint]', CREDIT_CODE);
    await pick(page, 'intake-category-code', '用电保障');
    await input(page, 'intake-contact-name').fill('王经理');
    await input(page, 'intake-contact-title').fill('总经理');
    await input(page, 'intake-contact-phone').fill('023-79420000');
    await input(page, 'intake-title').fill('新厂房用电增容');
    await input(page, 'intake-description').fill(
      '新厂房投产需要增容至 2000 千伏安，申请已提交三个月未办结。',
    );
    await pick(page, 'intake-channel-code', '企业服务热线');
    await page.locator('[data-test=intake-report-form-code] .el-radio', { hasText: '来电反映' }).click();
    await page.click('[data-test=intake-submit]');
    const numberShown = page.locator('[data-test=registration-no]');
    await numberShown.waitFor();
    registrationNo = (await numberShown.textContent())!.trim();
    expect(registrationNo).toMatch(new RegExp(`^企业困难问题〔${year}〕第\\d+号$`));

    await page.click('[data-test=intake-open-case]');
    await expectText(page, '[data-test=case-registration-no]', registrationNo);
    await expectText(page, '[data-test=case-enterprise-name]', ENTERPRISE);
    await expectText(page, '[data-test=deadline-verification]', '核实');

    // Art. 6: verification, then screening to one park department.
    await actInConsole(page, 'verify', () => input(page, 'action-field-notes').fill('已电话核实，情况属实'));
    await expectStatus('已核实');
    await actInConsole(page, 'screen', async () => {
      await page.locator('[data-test=action-field-jurisdiction] .el-radio', { hasText: '园区' }).click();
      await pick(page, 'action-field-lead-department-id', '经济发展部');
      await input(page, 'action-field-opinion').fill('由经发部牵头办理');
      // Art. 7: one park department goes to the leader in charge.
      await expectText(page, '[data-test=action-approval-route]', '分管领导');
    });
    await expectStatus('待审批');
    // Approval is the leader's: the service center has nothing to do now.
    await page.locator('[data-test=action-none]').waitFor();

    // Leader in charge: the approval queue (Art. 7), the assignment sheet numbered (Att. 3).
    await switchUser(page, 'zy.leader');
    await openFromQueue('nav-approvals', registrationNo);
    await actInConsole(page, 'approve', () => input(page, 'action-field-opinion').fill('同意'));
    await expectStatus('已交办');
    await expectText(page, '[data-test=document-number]', `正阳园区管委交〔${year}〕第`);
    await page.locator('[data-test=deadline-departmentReply]').waitFor();

    // Department handler: the department inbox (Art. 9).
    await switchUser(page, 'zy.handler');
    await openFromQueue('nav-inbox', registrationNo);
    await actInConsole(page, 'startHandling');
    await actInConsole(page, 'submitResult', async () => {
      await input(page, 'action-field-reply-to-enterprise').fill('已协调供电公司现场勘查');
      await input(page, 'action-field-result').fill('供电公司已完成增容，新厂房已通电投产');
    });

    // Department head reviews before the result reaches the service center.
    await switchUser(page, 'zy.head');
    await openFromQueue('nav-inbox', registrationNo);
    await actInConsole(page, 'reviewResult');

    // Service center: grade (Art. 9), satisfaction (Art. 10), close-out.
    await switchUser(page, 'zy.staff');
    await openFromQueue('nav-todo', registrationNo);
    await actInConsole(page, 'grade', () =>
      page
        .locator('[data-test=action-field-grade-code] .el-radio', { hasText: '已经解决或基本解决' })
        .click(),
    );
    await actInConsole(page, 'recordFollowUp', () =>
      page
        .locator('[data-test=action-field-satisfaction-code] .el-radio', { hasText: /^\s*满意\s*$/ })
        .click(),
    );
    await actInConsole(page, 'closeOut');
    await expectStatus('已销号');

    // Every step is on the record, in order, by the people who took it.
    const events = page.locator('[data-test=timeline-event]');
    await expect(events.count()).resolves.toBe(10);
    const timeline = await page.locator('[data-test=case-timeline]').textContent();
    for (const who of ['张敏', '李强', '陈静', '刘洋']) expect(timeline).toContain(who);
  });

  it('issues the registration form and assignment sheet in a batch from the ledger, as one ZIP', async () => {
    expect(registrationNo).not.toBe('');
    await page.click('[data-test=nav-ledger]');
    await input(page, 'ledger-filter-keyword').fill(registrationNo);
    await page.click('[data-test=ledger-search]');
    await expectText(page, '[data-test=ledger-total]', '1');
    await page.click('[data-test=ledger-batch]');
    const dialog = page.locator('[data-test=batch-dialog]');
    await dialog.locator('.el-checkbox', { hasText: '交办单' }).click();
    await dialog.locator('[data-test=batch-start]').click();
    // The job runs in the API: the bar goes to 100 % and the ZIP is offered.
    await expectText(page, '[data-test=batch-counts]', '已完成');
    await expectText(page, '[data-test=batch-counts]', '已生成 2 份，未生成 0 份，共 2 份');
    await expect(dialog.locator('[role=progressbar]').getAttribute('aria-valuenow')).resolves.toBe('100');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.locator('[data-test=batch-download]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^批量文书-\d{8}-\d{4}\.zip$/);
    const zip = await readDownload(download);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    // Entry names are stored as they are: the case's folder, its form and its sheet.
    expect(zip.includes(Buffer.from(`${registrationNo}/企业反映困难问题登记表`))).toBe(true);
    expect(zip.includes(Buffer.from('企业反映困难问题交办单'))).toBe(true);
  });
});
