// Extensions (延期申请) and objections (异议) by clicks: the park's rules allow both; the lead
// department objects to one assignment and asks for more time on another; the service center and
// the leader in charge decide them on the case page, and what they decided shows there.
import type { Page } from 'playwright-core';
import { addDaysToIsoDate } from '@qifu/domain';
import { gql, login } from '../support/api.js';
import {
  actInConsole,
  describeInBrowser,
  expectText,
  input,
  openCase,
  signIn,
  switchUser,
  withChromium,
} from '../support/browser.js';

const CREDIT_CODE = '91500114MA5U3XKL2T';

async function gqlAs(user: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await gql(query, variables, await login(user));
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** A case of the park, registered and assigned today to 经济发展部 through the API. */
async function assignedCase(title: string): Promise<{ id: string; registrationNo: string; dueOn: string }> {
  const { departments } = await gqlAs('zy.staff', `{ departments { id code } }`);
  const lead = (departments as { id: string; code: string }[]).find(
    (d) => d.code === 'ECONOMIC_DEVELOPMENT',
  )!.id;
  const { saveEnterprise } = await gqlAs(
    'zy.staff',
    `mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
    { input: { creditCode: CREDIT_CODE, name: '重庆正阳精密机械有限公司' } },
  );
  const { registerCase } = await gqlAs(
    'zy.staff',
    `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id version registrationNo } }`,
    {
      input: {
        enterpriseId: saveEnterprise.id,
        reportedAt: new Date().toISOString(),
        categoryCode: 'POWER_SUPPLY',
        channelCode: 'HOTLINE',
        reportFormCode: 'PHONE',
        contactName: '王女士',
        contactPhone: '13900000001',
        title,
        description: '二期厂房用电增容报装进度缓慢。',
      },
    },
  );
  let version = registerCase.version as number;
  const act = async (user: string, name: string, input: Record<string, unknown>) => {
    const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
    const data = await gqlAs(user, `mutation($input: ${type}!) { ${name}(input: $input) { version } }`, {
      input: { caseId: registerCase.id, version, ...input },
    });
    version = data[name].version;
  };
  await act('zy.staff', 'verifyCase', { notes: '已电话核实' });
  await act('zy.staff', 'screenCase', {
    jurisdiction: 'PARK',
    major: false,
    policyHeavy: false,
    leadDepartmentId: lead,
    opinion: '交经济发展部办理',
  });
  await act('zy.leader', 'approveCase', { opinion: '同意' });
  const { case: c } = await gqlAs(
    'zy.staff',
    `query($id: ID!) { case(id: $id) { deadlines { stage dueOn doneOn } } }`,
    {
      id: registerCase.id,
    },
  );
  const reply = (c.deadlines as { stage: string; dueOn: string; doneOn: string | null }[]).find(
    (d) => d.stage === 'departmentReply' && !d.doneOn,
  )!;
  return { id: registerCase.id, registrationNo: registerCase.registrationNo, dueOn: reply.dueOn };
}

describeInBrowser('extensions and objections through the console', () => {
  let page: Page;
  withChromium((opened) => (page = opened));

  beforeAll(async () => {
    // The park admin's rules: extensions decided by the leader in charge, objections by the office.
    const { parkRules } = await gqlAs('zy.admin', `{ parkRules { version rules } }`);
    await gqlAs(
      'zy.admin',
      `mutation($input: PublishParkRulesInput!) { publishParkRules(input: $input) { version } }`,
      {
        input: {
          baseVersion: parkRules.version,
          note: '增加延期申请和交办异议',
          rules: {
            ...parkRules.rules,
            extensions: {
              departmentReply: {
                requestBeforeWorkingDays: 1,
                decidedBy: ['LEADER_IN_CHARGE'],
                maxCount: 1,
                maxLength: { amount: 5, unit: 'WORKING_DAYS' },
              },
            },
            objections: { windowWorkingDays: 3, decidedBy: ['SERVICE_CENTER_STAFF'], decisionWorkingDays: 2 },
          },
        },
      },
    );
  });

  it('a department objects to an assignment and the office’s decision is recorded', async () => {
    const c = await assignedCase('用电增容（交办异议）');
    await signIn(page, 'zy.handler');
    await openCase(page, c.id, c.registrationNo);
    await actInConsole(page, 'objectToAssignment', () =>
      input(page, 'action-field-reason').fill('该事项属规划建设部职能'),
    );
    await expectText(page, '[data-test=case-pending-objection]', '该事项属规划建设部职能');

    await switchUser(page, 'zy.staff');
    await openCase(page, c.id, c.registrationNo);
    await actInConsole(page, 'decideObjection', async () => {
      await expectText(page, '[data-test=action-pending-objection]', '经济发展部');
      await input(page, 'action-field-note').fill('经核，属经济发展部职能，维持原交办');
    });
    await page.locator('[data-test=case-pending-objection]').waitFor({ state: 'detached' });
    await expectText(page, '[data-test=case-timeline]', '处理异议');
    const { case: after } = await gqlAs(
      'zy.staff',
      `query($id: ID!) { case(id: $id) { objectionSettled timeline { type data } } }`,
      { id: c.id },
    );
    expect(after.objectionSettled).toBe(true);
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'ObjectionDecided',
      data: { outcome: 'MAINTAINED', note: '经核，属经济发展部职能，维持原交办' },
    });
  });

  it('a department asks for an extension; the leader approves and the new date shows with its trace', async () => {
    const c = await assignedCase('用电增容（申请延期）');
    const newDueOn = addDaysToIsoDate(c.dueOn, 3);
    await switchUser(page, 'zy.handler');
    await openCase(page, c.id, c.registrationNo);
    await actInConsole(page, 'requestExtension', async () => {
      // Element Plus keeps the picker's attributes on its popper: the input is the dialog's date editor.
      const date = page.locator('[data-test=action-dialog] .el-date-editor input').first();
      await date.fill(newDueOn);
      await date.press('Enter');
      await input(page, 'action-field-reason').fill('需等待供电公司现场勘查');
    });
    await expectText(page, '[data-test=case-pending-extension]', `${c.dueOn} 延至 ${newDueOn}`);

    await switchUser(page, 'zy.leader');
    await openCase(page, c.id, c.registrationNo);
    await actInConsole(page, 'decideExtension', () =>
      expectText(page, '[data-test=action-pending-extension]', newDueOn),
    );
    const reply = page.locator('[data-test=deadline-departmentReply]');
    await expectText(page, '[data-test=deadline-departmentReply] [data-test=deadline-due-on]', newDueOn);
    await expectText(
      page,
      '[data-test=deadline-departmentReply] [data-test=deadline-original-due-on]',
      c.dueOn,
    );
    await expectText(
      page,
      '[data-test=deadline-departmentReply] [data-test=deadline-extensions]',
      '需等待供电公司现场勘查',
    );
    await reply.locator('summary').click();
    await expectText(page, '[data-test=deadline-departmentReply] [data-test=deadline-trace]', '延期');
    await page.locator('[data-test=case-pending-extension]').waitFor({ state: 'detached' });
  });
});
