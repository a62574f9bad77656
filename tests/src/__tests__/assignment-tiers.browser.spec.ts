// Assignment tiers (主办 / 分办 / 协办) and outside offices by clicks, in Qinglan park onboarded from its
// file (infra/parks/qinglan.yaml): the service center screens a case to a lead, a split and an assisting
// department; the assisting department reports its part; the lead department sees the split part still
// owed. The park admin creates an account for the district's supervision office, which then reads a
// case handed over to it.
import type { Page } from 'playwright-core';
import { addDaysToIsoDate } from '@qifu/domain';
import { DEMO_PASSWORD, gql, login } from '../support/api.js';
import {
  actInConsole,
  describeInBrowser,
  expectText,
  input,
  openCase,
  pick,
  signIn,
  switchUser,
  withChromium,
} from '../support/browser.js';
import { ownerQuery, repoPath, runCli } from '../support/server.js';

async function gqlAs(user: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await gql(query, variables, await login(user));
  if (result.errors) throw new Error(`${user}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The platform creates the park and its administrator, the operator imports the file, the admin adds people. */
async function onboardQinglan(): Promise<Record<string, string>> {
  const { districts } = await gqlAs('platform', `{ districts { id code } }`);
  let district = (districts as { id: string; code: string }[]).find((d) => d.code === 'lanjiang');
  if (!district) {
    const { createDistrict } = await gqlAs(
      'platform',
      `mutation($input: CreateDistrictInput!) { createDistrict(input: $input) { id code } }`,
      { input: { code: 'lanjiang', name: '澜江区' } },
    );
    district = createDistrict;
  }
  await gqlAs('platform', `mutation($input: CreateParkInput!) { createPark(input: $input) { id } }`, {
    input: {
      districtId: district!.id,
      code: 'qinglan',
      name: '青岚高新技术产业园',
      adminUsername: 'qinglan.admin',
      adminDisplayName: '青岚园区管理员',
      adminPassword: DEMO_PASSWORD,
    },
  });
  expect(await runCli(['park', 'import', repoPath('infra/parks/qinglan.yaml')])).toMatch(
    /^qinglan: rules version 2 published/,
  );
  const { departments } = await gqlAs('qinglan.admin', `{ departments { id code } }`);
  const dep = Object.fromEntries((departments as { id: string; code: string }[]).map((d) => [d.code, d.id]));
  const people: [string, string, string, string | null][] = [
    ['qinglan.staff', '企业服务中心 林岚', 'SERVICE_CENTER_STAFF', null],
    ['qinglan.economy', '经济运行局 周敏', 'DEPARTMENT_HANDLER', dep.ECONOMY_BUREAU],
    ['qinglan.safety', '安全环保局 何静', 'DEPARTMENT_HANDLER', dep.SAFETY_BUREAU],
  ];
  for (const [username, displayName, role, departmentId] of people)
    await gqlAs('qinglan.admin', `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { username, displayName, password: DEMO_PASSWORD, roles: [{ role, departmentId }] },
    });
  return dep;
}

describeInBrowser('assignment tiers and outside offices through the console (Qinglan)', () => {
  let page: Page;
  withChromium((opened) => (page = opened));
  let dep: Record<string, string>;
  let enterpriseId: string;

  /** A case registered and verified by the service center, hoping for 经济运行局. */
  async function verifiedCase(title: string): Promise<{ id: string; registrationNo: string }> {
    const { registerCase } = await gqlAs(
      'qinglan.staff',
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id version registrationNo } }`,
      {
        input: {
          enterpriseId,
          reportedAt: new Date().toISOString(),
          categoryCode: 'PROJECT_ADVANCEMENT',
          channelCode: 'HOTLINE',
          reportFormCode: 'PHONE',
          contactName: '韩女士',
          contactPhone: '13800000002',
          title,
          description: '新建厂房竣工验收涉及规划核实、消防和环评多个环节。',
          hopedDepartmentIds: [dep.ECONOMY_BUREAU],
        },
      },
    );
    await gqlAs('qinglan.staff', `mutation($input: VerifyCaseInput!) { verifyCase(input: $input) { id } }`, {
      input: { caseId: registerCase.id, version: registerCase.version, notes: '已电话核实' },
    });
    return { id: registerCase.id, registrationNo: registerCase.registrationNo };
  }

  beforeAll(async () => {
    dep = await onboardQinglan();
    const { saveEnterprise } = await gqlAs(
      'qinglan.staff',
      `mutation($input: SaveEnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
      { input: { creditCode: '91500000MA60QL0X1Q', name: '青岚智能装备有限公司' } },
    );
    enterpriseId = saveEnterprise.id;
  });

  const tierOf = (code: string) => `[data-test=case-department-tier-${code}]`;

  /** Picks from a select and waits until its dropdown is gone (the next one shows the same labels). */
  async function choose(testId: string, label: string): Promise<void> {
    await pick(page, testId, label);
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
  }

  it('screened in three tiers; the assisting department reports; the lead sees the split part owed', async () => {
    const c = await verifiedCase('厂房竣工验收（分办协办）');
    await signIn(page, 'qinglan.staff');
    await openCase(page, c.id, c.registrationNo);
    await actInConsole(page, 'screen', async () => {
      await choose('action-field-cooperating-department-ids', '规划建设局');
      await choose('action-field-cooperating-department-ids', '安全环保局');
      await expectText(page, '[data-test=action-department-tiers] legend', '承办方式');
      await choose('action-tier-PLANNING_BUREAU', '分办');
      await choose('action-tier-SAFETY_BUREAU', '协办');
      await input(page, 'action-field-opinion').fill(
        '经济运行局主办，规划建设局分办规划核实，安全环保局协办',
      );
      // Qinglan's service center assigns directly.
      await expectText(page, '[data-test=action-approval-route]', '无需审签');
    });
    await expectText(page, '[data-test=case-status]', '已交办');
    await expectText(page, '[data-test=case-lead-tier]', '主办');
    await expectText(page, tierOf('PLANNING_BUREAU'), '未报送');
    await expectText(page, '[data-test=deadline-tierReport]', '安全环保局（协办）');

    await switchUser(page, 'qinglan.safety');
    await openCase(page, c.id, c.registrationNo);
    await actInConsole(page, 'reportPart', async () => {
      await expectText(page, '[data-test=action-tier-hint]', '协办部室');
      await input(page, 'action-field-report').fill('已出具消防验收意见，同意组织验收');
    });
    await expectText(page, tierOf('SAFETY_BUREAU'), '已报送');
    await expectText(page, '[data-test=case-timeline]', '已出具消防验收意见');

    await switchUser(page, 'qinglan.economy');
    await openCase(page, c.id, c.registrationNo);
    await expectText(page, tierOf('PLANNING_BUREAU'), '分办');
    await expectText(page, tierOf('PLANNING_BUREAU'), '未报送');
    await expectText(page, tierOf('SAFETY_BUREAU'), '已报送');
    // The assisting department reported to the lead department: it was told.
    await page.goto(`${new URL(page.url()).origin}/notifications`);
    await expectText(page, '[data-test=notification-row]', '分办协办报送');
  });

  it('the park admin creates an office viewer, who reads the case handed over to its office', async () => {
    // Through the API: a case assigned to 经济运行局, overdue, supervised and handed over.
    const c = await verifiedCase('厂房竣工验收（超期移交）');
    const act = async (name: string, input: Record<string, unknown> = {}) => {
      const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
      const { case: now } = await gqlAs('qinglan.staff', `query($id: ID!) { case(id: $id) { version } }`, {
        id: c.id,
      });
      await gqlAs('qinglan.staff', `mutation($input: ${type}!) { ${name}(input: $input) { id } }`, {
        input: { caseId: c.id, version: now.version, ...input },
      });
    };
    await act('screenCase', {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: dep.ECONOMY_BUREAU,
      opinion: '经济运行局职能',
    });
    // Time passes: the reply deadline fell due five days ago.
    const past = addDaysToIsoDate(new Date().toISOString().slice(0, 10), -5);
    await ownerQuery(
      `UPDATE case_documents SET due_on = $2::text::date WHERE case_id = $1 AND done_on IS NULL AND kind = 'ASSIGNMENT_SHEET'`,
      [c.id, past],
    );
    await ownerQuery(
      `UPDATE cases SET next_due_on = $2::text::date,
              deadlines = (SELECT jsonb_agg(CASE WHEN d ->> 'doneOn' IS NULL
                                                 THEN jsonb_set(d, '{dueOn}', to_jsonb($2::text)) ELSE d END
                                            ORDER BY i)
                             FROM jsonb_array_elements(deadlines) WITH ORDINALITY AS t(d, i))
        WHERE id = $1`,
      [c.id, past],
    );
    await act('superviseOverdue', { note: '请抓紧办理' });
    await act('handOverToOffice', { officeCodes: ['DISTRICT_SUPERVISION_OFFICE'] });

    await switchUser(page, 'qinglan.admin');
    await page.click('[data-test=nav-users]');
    await page.click('[data-test=create-office-account]');
    await page.locator('[data-test=create-office-account-dialog]').waitFor();
    await pick(page, 'office-account-office', '澜江区委区政府督查室');
    await input(page, 'office-account-username').fill('lanjiang.supervision');
    await input(page, 'office-account-display-name').fill('澜江区委区政府督查室 赵敏');
    await input(page, 'office-account-password').fill(DEMO_PASSWORD);
    await page.click('[data-test=office-account-submit]');
    await page.locator('[data-test=create-office-account-dialog]').waitFor({ state: 'hidden' });
    await expectText(page, '[data-test=office-accounts-table]', 'lanjiang.supervision');

    await switchUser(page, 'lanjiang.supervision');
    await page.click('[data-test=nav-office-cases]');
    await page.locator('[data-test=office-case-link]', { hasText: c.registrationNo }).click();
    await expectText(page, '[data-test=office-case-registration-no]', c.registrationNo);
    await expectText(page, '[data-test=office-case-links]', '已移交');
    await expectText(page, '[data-test=deadline-departmentReply]', '已逾期');
  });
});
