import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { onboardPark } from '../../__tests__/support/park-onboarding.js';
import { testJobDeps } from '../../__tests__/support/job-deps.js';
import {
  errorCode,
  errorFields,
  startTestApi,
  type TestApi,
  nodesOf,
} from '../../__tests__/support/test-api.js';
import {
  departmentIdsByCode,
  republishParkRules,
  savedEnterpriseId,
  signInAll,
} from '../../__tests__/support/park-session.js';
import { caseActs, caseReport } from '../../__tests__/support/case-acts.js';
import { ManualClock } from '../../common/clock.js';
import { remindDeadline } from '../../jobs/deadline-jobs.js';

// 挂钩联系: an enterprise's linked department and cadre, set in the register, recorded by the case
// at registration, routed on, and recording the follow-up where the park's rules say so.

const LINK = `mutation($input: SetEnterpriseLinkInput!) { setEnterpriseLink(input: $input) {
  id linkedDepartmentId linkedDepartmentName linkedCadreUserId linkedCadreName linkedCadrePhone } }`;
const CASE = `query($id: ID!) { case(id: $id) {
  id version status allowedActions satisfactionCode
  enterpriseLink { departmentId departmentName cadreUserId cadreName cadrePhone }
  deadlines { stage dueOn doneOn }
  timeline { type actorName data }
} }`;
const LEDGER = `{ ledger(first: 200) { edges { node { id } } } }`;

/** Beijing morning of a date. */
const morningOf = (date: string) => new Date(`${date}T01:00:00Z`);

describe('an enterprise’s linked department and cadre (挂钩联系)', () => {
  let api: TestApi;
  const clock = new ManualClock(morningOf('2026-12-01'));
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  const users: Record<string, string> = {};
  let enterpriseId: string;

  const { gqlOk, caseOf, act, registeredAndVerified, screenedInPark } = caseActs(() => ({ api, tokens }), {
    caseQuery: CASE,
    reader: 'zy.staff',
  });
  // The case as libs/domain holds it, as stored (the API does not serve it).
  const stateOf = async (id: string) =>
    (await api.owner.query(`SELECT state FROM cases WHERE id = $1`, [id])).rows[0].state;
  const ledgerOf = async (user: string) =>
    nodesOf<{ id: string }>((await gqlOk(user, LEDGER)).ledger).map((item) => item.id);

  const registered = (title: string) =>
    registeredAndVerified(
      'zy.staff',
      caseReport('powerSupply', {
        enterpriseId,
        reportedAt: clock.now().toISOString(),
        title,
        categoryCode: 'PROJECT_ADVANCEMENT',
      }),
    );

  const screen = (id: string, lead: string) =>
    screenedInPark('zy.staff', id, {
      leadDepartmentId: departments[lead],
      opinion: '园区部室职能',
    });

  beforeAll(async () => {
    api = await startTestApi({}, { clock });
    await signInAll(api, ['zy.admin', 'zy.staff', 'zy.leader', 'zy.handler', 'zy.head'], tokens);
    departments = await departmentIdsByCode(api);
    // The linked department's handler, and a cadre who handles cases of another department.
    for (const [username, displayName, department] of [
      ['zy.invest', '招商投资促进部 何平', 'INVESTMENT_PROMOTION'],
      ['zy.cadre', '财政金融部 包保干部 罗军', 'FINANCE'],
    ]) {
      await gqlOk('zy.admin', `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: {
          username,
          displayName,
          password: 'Zhengyang@2026!',
          roles: [{ role: 'DEPARTMENT_HANDLER', departmentId: departments[department] }],
        },
      });
      tokens[username] = await api.login(username, 'Zhengyang@2026!');
    }
    for (const row of (await api.owner.query(`SELECT id, username FROM users`)).rows)
      users[row.username as string] = row.id as string;

    // The rules: a case led by the enterprise's linked department is assigned without sign-off,
    // and the linked department (not the cadre) records follow-ups beside the service center.
    await republishParkRules(
      api,
      tokens['zy.admin'],
      (rules) => ({
        ...rules,
        approvalRoutes: [
          {
            code: 'LINKED_LEAD',
            labelZh: '挂钩联系部门牵头：直接交办',
            labelEn: 'Led by the linked department: assigned directly',
            condition: { jurisdiction: 'PARK', leadIsLinkedDepartment: true, departmentCountMax: 1 },
            approvalSteps: [],
            sendsReferralLetter: false,
          },
          ...rules.approvalRoutes,
        ],
        followUp: { ...rules.followUp, recordedBy: ['SERVICE_CENTER', 'LINKED_DEPARTMENT'] },
      }),
      '挂钩联系部门参与回访',
    );
    await api.owner.query(`UPDATE park_rules_versions SET effective_from = '2026-11-01'`);
    enterpriseId = await savedEnterpriseId(api, tokens['zy.staff']);
  });
  afterAll(() => api?.close());

  it('the park admin links the enterprise to a park department and a cadre, on the audit trail', async () => {
    const { setEnterpriseLink } = await gqlOk('zy.admin', LINK, {
      input: {
        enterpriseId,
        linkedDepartmentId: departments.INVESTMENT_PROMOTION,
        linkedCadreUserId: users['zy.cadre'],
        linkedCadrePhone: '13800000003',
      },
    });
    expect(setEnterpriseLink).toEqual({
      id: enterpriseId,
      linkedDepartmentId: departments.INVESTMENT_PROMOTION,
      linkedDepartmentName: '招商投资促进部',
      linkedCadreUserId: users['zy.cadre'],
      linkedCadreName: '财政金融部 包保干部 罗军',
      linkedCadrePhone: '13800000003',
    });
    const audit = await api.owner.query(
      `SELECT actor_user_id, before, after FROM audit_events WHERE action = 'enterprise.linked' AND subject_id = $1`,
      [enterpriseId],
    );
    expect(audit.rows).toEqual([
      {
        actor_user_id: users['zy.admin'],
        before: expect.objectContaining({ linkedDepartmentId: null, linkedCadreUserId: null }),
        after: expect.objectContaining({
          linkedDepartmentName: '招商投资促进部',
          linkedCadreName: '财政金融部 包保干部 罗军',
        }),
      },
    ]);
    // The service center sees it in the register; saving the enterprise's details keeps the link.
    await gqlOk(
      'zy.staff',
      `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "重庆正阳精密机械有限公司", address: "正阳工业园区1号" }) { id } }`,
    );
    const { enterprises } = await gqlOk(
      'zy.staff',
      `{ enterprises(keyword: "精密") { edges { node { linkedDepartmentName linkedCadreName linkedCadrePhone } } } }`,
    );
    expect(nodesOf(enterprises)).toEqual([
      {
        linkedDepartmentName: '招商投资促进部',
        linkedCadreName: '财政金融部 包保干部 罗军',
        linkedCadrePhone: '13800000003',
      },
    ]);
  });

  it('refuses another park’s department or person, a district bureau, and people who may not link', async () => {
    const songlin = await onboardPark(
      api,
      fileURLToPath(new URL('../../../../../infra/parks/songlin.yaml', import.meta.url)),
      [{ username: 'songlin.staff', displayName: '孙悦', role: 'SERVICE_CENTER_STAFF' }],
      { effectiveFrom: '2026-09-01' },
    );
    const songlinStaff = (await api.owner.query(`SELECT id FROM users WHERE username = 'songlin.staff'`))
      .rows[0].id as string;
    const refused = async (input: Record<string, unknown>, user = 'zy.admin') => {
      const result = await api.gql(LINK, { input: { enterpriseId, ...input } }, tokens[user]);
      return [errorCode(result), errorFields(result)];
    };
    // Another park's department or person is not found, as an id that names nothing.
    expect(await refused({ linkedDepartmentId: songlin.departments.ECONOMY_BUREAU })).toEqual([
      'NOT_FOUND',
      ['linkedDepartmentId'],
    ]);
    expect(await refused({ linkedCadreUserId: songlinStaff })).toEqual(['NOT_FOUND', ['linkedCadreUserId']]);
    expect(await refused({ linkedDepartmentId: departments.DISTRICT_TAXATION })).toEqual([
      'BAD_USER_INPUT',
      ['linkedDepartmentId'],
    ]);
    // The park administrator alone does not work on cases, so cannot be a cadre.
    expect(await refused({ linkedCadreUserId: users['zy.admin'] })).toEqual([
      'BAD_USER_INPUT',
      ['linkedCadreUserId'],
    ]);
    expect(await refused({ linkedDepartmentId: departments.FINANCE }, 'zy.handler')).toEqual([
      'FORBIDDEN',
      [],
    ]);
    // Nothing changed.
    const { rows } = await api.owner.query(
      `SELECT linked_department_id, linked_cadre_user_id FROM enterprises WHERE id = $1`,
      [enterpriseId],
    );
    expect(rows).toEqual([
      { linked_department_id: departments.INVESTMENT_PROMOTION, linked_cadre_user_id: users['zy.cadre'] },
    ]);
  });

  it('the case records the link at registration and routes on it', async () => {
    const id = await registered('二期项目施工许可');
    let c = await caseOf(id);
    expect(c.enterpriseLink).toEqual({
      departmentId: departments.INVESTMENT_PROMOTION,
      departmentName: '招商投资促进部',
      cadreUserId: users['zy.cadre'],
      cadreName: '财政金融部 包保干部 罗军',
      cadrePhone: '13800000003',
    });
    expect(await stateOf(id)).toMatchObject({
      linkedDepartmentId: departments.INVESTMENT_PROMOTION,
      linkedCadreUserId: users['zy.cadre'],
    });
    // Led by the linked department: assigned at screening, no sign-off.
    c = await screen(id, 'INVESTMENT_PROMOTION');
    expect(c.status).toBe('ASSIGNED');
    expect((await stateOf(id)).routeCode).toBe('LINKED_LEAD');
    // Another lead: the park's usual route, the leader in charge signs.
    const other = await registered('厂区道路开口');
    c = await screen(other, 'ECONOMIC_DEVELOPMENT');
    expect(c.status).toBe('PENDING_APPROVAL');
    expect((await stateOf(other)).routeCode).toBe('PARK_SINGLE_DEPARTMENT');
  });

  it('the linked department sees the case, is told of the follow-up and records it; the cadre, not listed, does not see it', async () => {
    clock.set(morningOf('2026-12-02'));
    const id = await registered('新厂房用电增容');
    await screen(id, 'ECONOMIC_DEVELOPMENT');
    await act('zy.leader', 'approveCase', id, { opinion: '同意' });
    // Before the follow-up, the linked department follows the case along (read-only).
    expect(await ledgerOf('zy.invest')).toContain(id);
    expect((await caseOf(id, 'zy.invest')).allowedActions).toEqual([]);
    expect(await ledgerOf('zy.cadre')).not.toContain(id);
    const hidden = await api.gql(CASE, { id }, tokens['zy.cadre']);
    expect(errorCode(hidden)).toBe('NOT_FOUND');

    await act('zy.handler', 'startHandling', id);
    await act('zy.handler', 'submitResult', id, { replyToEnterprise: '已电话答复', result: '已协调供电所' });
    await act('zy.head', 'reviewResult', id, { approved: true });
    let c = await act('zy.staff', 'gradeCase', id, { gradeCode: 'A' });
    const due = c.deadlines.find((d: { stage: string; doneOn: string | null }) => d.stage === 'followUp');

    // The follow-up reminder goes to the service center and the linked department's people.
    const parkId = (await api.owner.query(`SELECT id FROM parks WHERE code = 'zhengyang'`)).rows[0].id;
    const deps = testJobDeps(api, clock);
    await remindDeadline(deps, { parkId, caseId: id, stage: 'followUp', dueOn: due.dueOn });
    const told = await api.owner.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.case_id = $1 AND n.kind = 'FOLLOW_UP_DUE' ORDER BY 1`,
      [id],
    );
    expect(told.rows.map((r) => r.username)).toEqual(['zy.invest', 'zy.staff']);

    expect((await caseOf(id, 'zy.invest')).allowedActions).toContain('recordFollowUp');
    expect((await caseOf(id, 'zy.handler')).allowedActions).not.toContain('recordFollowUp');
    c = await act('zy.invest', 'recordFollowUp', id, { satisfactionCode: 'SATISFIED', note: '企业表示满意' });
    expect(c).toMatchObject({ status: 'FOLLOWED_UP', satisfactionCode: 'SATISFIED' });
    expect(c.timeline.at(-1)).toMatchObject({ type: 'FollowUpRecorded', actorName: '招商投资促进部 何平' });
    c = await act('zy.staff', 'closeOutCase', id);
    expect(c.status).toBe('CLOSED');
  });

  it('an enterprise linked after registration: its earlier cases keep what they recorded', async () => {
    await gqlOk('zy.staff', LINK, { input: { enterpriseId, linkedDepartmentId: departments.FINANCE } });
    const before = (await api.owner.query(`SELECT id FROM cases ORDER BY registration_seq LIMIT 1`)).rows[0]
      .id;
    expect((await caseOf(before)).enterpriseLink.departmentName).toBe('招商投资促进部');
    const after = await caseOf(await registered('融资对接'));
    expect(after.enterpriseLink).toEqual({
      departmentId: departments.FINANCE,
      departmentName: '财政金融部',
      cadreUserId: null,
      cadreName: null,
      cadrePhone: null,
    });
  });
});
