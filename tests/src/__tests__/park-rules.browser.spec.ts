// The park admin edits the park's rules in the console and publishes them: a category renamed, and a
// deadline changed that new cases use while a case registered before keeps its own.
import type { Page } from 'playwright-core';
import { addWorkingDays, createWorkingDayCalendar, isoDateInChina } from '@qifu/domain';
import { apiUrl, gql, login } from '../support/api.js';
import {
  describeInBrowser,
  expectText,
  input,
  signIn,
  switchUser,
  withChromium,
} from '../support/browser.js';

const CURRENT_RULES = `{ parkRules { version rules } }`;

interface Deadline {
  stage: string;
  dueOn: string;
}

/** Registers a case through the API as the service center would, and returns its id and deadlines. */
async function register(token: string, title: string): Promise<{ id: string; deadlines: Deadline[] }> {
  const result = await gql(
    `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id deadlines { stage dueOn } } }`,
    {
      input: {
        enterpriseName: '重庆正阳新材料有限公司',
        reportedAt: new Date().toISOString(),
        categoryCode: 'OTHER',
        channelCode: 'HOTLINE',
        reportFormCode: 'PHONE',
        contactName: '赵经理',
        contactPhone: '023-79421111',
        title,
        description: '厂区门前道路破损，货车进出困难。',
      },
    },
    token,
  );
  if (result.errors) throw new Error(`registerCase: ${JSON.stringify(result.errors)}`);
  return result.data.registerCase;
}

const dueOf = (deadlines: Deadline[], stage: string): string | undefined =>
  deadlines.find((deadline) => deadline.stage === stage)?.dueOn;

describeInBrowser('park rules in the console', () => {
  let page: Page;
  withChromium((opened) => (page = opened), { pagePerTest: true });

  beforeEach(async () => {
    await signIn(page, 'zy.admin');
    await page.click('[data-test=nav-rules]');
    await page.locator('[data-test=rules-base]').waitFor();
  });

  /** Publish → the dialog lists what changes → confirm with a note; waits for the new version. */
  async function publish(expectedChange: string, note: string): Promise<number> {
    const before = (await gql(CURRENT_RULES, undefined, await login('zy.admin'))).data.parkRules
      .version as number;
    await page.click('[data-test=rules-publish]');
    await expectText(page, '[data-test=publish-changes]', expectedChange);
    await input(page, 'publish-note').fill(note);
    await page.click('[data-test=publish-confirm]');
    await expectText(page, '[data-test=rules-base]', `基于第 ${before + 1} 版`);
    return before + 1;
  }

  it('renames a category and publishes it as a new version of the rules', async () => {
    const label = input(page, 'category-label-zh-0');
    expect(await label.inputValue()).not.toBe('政策落实与兑现');
    await label.fill('政策落实与兑现');
    await page.locator('[data-test=rules-dirty]').waitFor();

    const version = await publish('政策落实与兑现', '问题类别改名');

    const { data } = await gql(CURRENT_RULES, undefined, await login('zy.staff'));
    expect(data.parkRules.version).toBe(version);
    expect(data.parkRules.rules.categories[0].labelZh).toBe('政策落实与兑现');
    // The editor now starts from the published version, with nothing left unpublished.
    await page.locator('[data-test=rules-dirty]').waitFor({ state: 'detached' });
    expect(await label.inputValue()).toBe('政策落实与兑现');
  });

  it('changes the verification deadline: new cases use it, a case registered before keeps its own', async () => {
    const staff = await login('zy.staff');
    const before = await register(staff, '道路破损（规则修改前）');
    const today = isoDateInChina();
    const calendar = createWorkingDayCalendar();
    expect(dueOf(before.deadlines, 'verification')).toBe(addWorkingDays(calendar, today, 1).due);

    await page.click('[data-test=rules-tab-deadlines]');
    const amount = input(page, 'deadline-amount-verification');
    await amount.fill('3');
    await amount.blur();
    await page.locator('[data-test=rules-dirty]').waitFor();
    await publish('核实', '核实时限改为 3 个工作日');

    const after = await register(staff, '道路破损（规则修改后）');
    expect(dueOf(after.deadlines, 'verification')).toBe(addWorkingDays(calendar, today, 3).due);

    // Both cases in the service center's console, each with the deadline of the rules it was
    // registered under.
    await switchUser(page, 'zy.staff');
    for (const [registered, days] of [
      [before, 1],
      [after, 3],
    ] as const) {
      await page.goto(`${apiUrl()}/cases/${registered.id}`);
      await expectText(
        page,
        '[data-test=deadline-verification] [data-test=deadline-due-on]',
        addWorkingDays(calendar, today, days).due,
      );
    }
  });
});
