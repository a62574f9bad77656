import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { isoDateInChina } from '../../common/dates.js';

const CASE_FIELDS = `id registrationNo status version approverRole leadDepartmentId departmentIds gradeCode allowedActions
  deadlines { stage dueOn unit amount doneOn trace { date reason } }
  documents { kind number departmentName dueOn doneOn data }
  timeline { type statusAfter actorName }`;
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { ${CASE_FIELDS} } }`;
const act = (mutation: string) =>
  `mutation($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${CASE_FIELDS} } }`;

// A valid unified social credit code (GB 32100 check character).
const CREDIT_CODE = '91500114MA5U3XKL2T';

describe('the case lifecycle (Zhengyang rules)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let enterpriseId: string;
  const year = isoDateInChina().slice(0, 4);

  beforeAll(async () => {
    api = await startTestApi();
    for (const user of ['zy.staff', 'zy.leader', 'zy.deputy', 'zy.head', 'zy.handler'])
      tokens[user] = await api.login(user);
    departments = Object.fromEntries(
      (await api.owner.query(`SELECT code, id FROM departments`)).rows.map((r) => [r.code, r.id]),
    );
    const saved = await api.gql(
      `mutation($input: EnterpriseInput!) { saveEnterprise(input: $input) { id } }`,
      { input: { creditCode: CREDIT_CODE, name: '重庆正阳精密机械有限公司', address: '正阳工业园区1号' } },
      tokens['zy.staff'],
    );
    expect(saved.errors).toBeUndefined();
    enterpriseId = saved.data!.saveEnterprise.id;
  });
  afterAll(() => api.close());

  const registration = (overrides: Record<string, unknown> = {}) => ({
    enterpriseId,
    reportedAt: new Date().toISOString(),
    categoryCode: 'POWER_SUPPLY',
    channelCode: 'HOTLINE',
    reportFormCode: 'PHONE',
    contactName: '王经理',
    contactTitle: '总经理',
    contactPhone: '023-79420000',
    title: '新厂房用电增容',
    description: '新厂房投产需要增容至 2000 千伏安，申请已提交三个月未办结。',
    ...overrides,
  });

  async function run(user: string, mutation: string, input: Record<string, unknown>) {
    const result = await api.gql(act(mutation), { input }, tokens[user]);
    if (result.errors) throw new Error(`${mutation} by ${user}: ${JSON.stringify(result.errors)}`);
    return result.data![mutation];
  }

  it('registers with gap-free numbers from the park’s format, and a verification deadline', async () => {
    const first = await api.gql(REGISTER, { input: registration() }, tokens['zy.staff']);
    const second = await api.gql(
      REGISTER,
      { input: registration({ title: '另一问题' }) },
      tokens['zy.staff'],
    );
    expect(first.data!.registerCase.registrationNo).toBe(`企业困难问题〔${year}〕第1号`);
    expect(second.data!.registerCase.registrationNo).toBe(`企业困难问题〔${year}〕第2号`);
    expect(first.data!.registerCase.status).toBe('REGISTERED');
    expect(first.data!.registerCase.deadlines[0]).toMatchObject({ stage: 'verification', doneOn: null });
    expect(first.data!.registerCase.allowedActions).toContain('verify');
  });

  it('refuses bad registrations naming the field, and spends no number', async () => {
    const bad = await api.gql(
      REGISTER,
      { input: registration({ categoryCode: 'NOPE' }) },
      tokens['zy.staff'],
    );
    expect([errorCode(bad), errorFields(bad)]).toEqual(['BAD_USER_INPUT', ['categoryCode']]);
    const email = await api.gql(
      REGISTER,
      { input: registration({ contactEmail: 'not-mail' }) },
      tokens['zy.staff'],
    );
    expect(errorFields(email)).toEqual(['contactEmail']);
    const forbidden = await api.gql(REGISTER, { input: registration() }, tokens['zy.leader']);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    const next = await api.gql(REGISTER, { input: registration() }, tokens['zy.staff']);
    expect(next.data!.registerCase.registrationNo).toBe(`企业困难问题〔${year}〕第3号`);
  });

  it('an enterprise not in the park is registered, rejected as inadmissible and counted', async () => {
    const result = await api.gql(
      REGISTER,
      {
        input: registration({
          enterpriseId: undefined,
          enterpriseName: '外地贸易公司',
          enterpriseCreditCode: '91500000MA5U0000XX',
        }),
      },
      tokens['zy.staff'],
    );
    expect(errorFields(result)).toEqual(['enterpriseCreditCode']);
    const outside = await api.gql(
      REGISTER,
      {
        input: registration({
          enterpriseId: undefined,
          enterpriseName: '外地贸易公司',
          enterpriseCreditCode: '91110108MA01AAAA1Q',
        }),
      },
      tokens['zy.staff'],
    );
    expect(outside.data!.registerCase.status).toBe('REJECTED');
    expect(outside.data!.registerCase.timeline.map((e: { type: string }) => e.type)).toEqual([
      'CaseRegistered',
      'CaseRejected',
    ]);
  });

  it('single park department: leader in charge approves, assignment sheet numbered, department handles, A, satisfied, closed', async () => {
    const registered = (await api.gql(REGISTER, { input: registration() }, tokens['zy.staff'])).data!
      .registerCase;
    let c = await run('zy.staff', 'verifyCase', { caseId: registered.id, version: 1, notes: '已电话核实' });
    c = await run('zy.staff', 'screenCase', {
      caseId: c.id,
      version: c.version,
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '由经发部牵头办理',
    });
    expect(c).toMatchObject({ status: 'PENDING_APPROVAL', approverRole: 'LEADER_IN_CHARGE' });
    // Only the route's approver may approve.
    const wrong = await api.gql(
      act('approveCase'),
      { input: { caseId: c.id, version: c.version } },
      tokens['zy.deputy'],
    );
    expect(errorCode(wrong)).toBe('FORBIDDEN');
    const stale = await api.gql(
      act('approveCase'),
      { input: { caseId: c.id, version: c.version - 1 } },
      tokens['zy.leader'],
    );
    expect([errorCode(stale), errorFields(stale)]).toEqual(['CONFLICT', ['version']]);

    c = await run('zy.leader', 'approveCase', { caseId: c.id, version: c.version, opinion: '同意' });
    expect(c.status).toBe('ASSIGNED');
    const sheet = c.documents.find((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET');
    expect(sheet).toMatchObject({ number: `正阳园区管委交〔${year}〕第1号`, departmentName: '经济发展部' });
    expect(sheet.dueOn).toBe(
      c.deadlines.find(
        (d: { stage: string; doneOn: string | null }) => d.stage === 'departmentReply' && !d.doneOn,
      ).dueOn,
    );

    c = await run('zy.handler', 'startHandling', { caseId: c.id, version: c.version });
    c = await run('zy.handler', 'submitResult', {
      caseId: c.id,
      version: c.version,
      replyToEnterprise: '已协调供电公司',
      result: '已完成增容',
    });
    c = await run('zy.head', 'reviewResult', { caseId: c.id, version: c.version, approved: true });
    expect(c.status).toBe('RESPONDED');
    c = await run('zy.staff', 'gradeCase', { caseId: c.id, version: c.version, gradeCode: 'A' });
    c = await run('zy.staff', 'recordFollowUp', {
      caseId: c.id,
      version: c.version,
      satisfactionCode: 'SATISFIED',
    });
    c = await run('zy.staff', 'closeOutCase', { caseId: c.id, version: c.version });
    expect(c.status).toBe('CLOSED');
    expect(c.timeline.map((e: { statusAfter: string }) => e.statusAfter)).toEqual([
      'REGISTERED',
      'VERIFIED',
      'PENDING_APPROVAL',
      'ASSIGNED',
      'IN_PROGRESS',
      'RESULT_SUBMITTED',
      'RESPONDED',
      'GRADED',
      'FOLLOWED_UP',
      'CLOSED',
    ]);
  });

  it('district matter: executive deputy director approves, one letter per bureau with cc, replies recorded', async () => {
    const registered = (
      await api.gql(REGISTER, { input: registration({ categoryCode: 'LAND_APPROVAL' }) }, tokens['zy.staff'])
    ).data!.registerCase;
    let c = await run('zy.staff', 'verifyCase', { caseId: registered.id, version: 1, notes: '已核实' });
    c = await run('zy.staff', 'screenCase', {
      caseId: c.id,
      version: c.version,
      jurisdiction: 'DISTRICT',
      major: true,
      policyHeavy: false,
      referredDepartmentIds: [departments.DISTRICT_PLANNING_RESOURCES, departments.STATE_GRID_QIANJIANG],
      opinion: '涉及区级部门，商函办理',
    });
    expect(c.approverRole).toBe('EXECUTIVE_DEPUTY_DIRECTOR');
    c = await run('zy.deputy', 'approveCase', { caseId: c.id, version: c.version });
    expect(c.status).toBe('REFERRED');
    const letters = c.documents.filter((d: { kind: string }) => d.kind === 'REFERRAL_LETTER');
    expect(letters.map((l: { number: string }) => l.number)).toEqual([
      `正阳园区管委函〔${year}〕1号`,
      `正阳园区管委函〔${year}〕2号`,
    ]);
    expect(letters[0].data.cc).toEqual(['DISTRICT_PRIVATE_ECONOMY_OFFICE', 'DISTRICT_RECTIFICATION_OFFICE']);
    const reply = c.deadlines.find((d: { stage: string }) => d.stage === 'referralReply');
    expect(reply).toMatchObject({ amount: 5, unit: 'WORKING_DAYS' });
    for (const bureau of [departments.DISTRICT_PLANNING_RESOURCES, departments.STATE_GRID_QIANJIANG]) {
      c = await run('zy.staff', 'recordReferralReply', {
        caseId: c.id,
        version: c.version,
        departmentId: bureau,
        repliedOn: isoDateInChina(),
        responsiblePerson: '张科长',
        contact: '023-79421111',
        content: '已安排办理',
      });
    }
    expect(c.status).toBe('RESPONDED');
    expect(c.documents.every((d: { doneOn: string | null }) => d.doneOn)).toBe(true);
  });

  it('the ledger filters, pages with a cursor, and department people see only their cases', async () => {
    const all = await api.gql(
      `{ ledger(first: 2) { totalCount nextCursor items { registrationNo status } } }`,
      {},
      tokens['zy.staff'],
    );
    expect(all.errors).toBeUndefined();
    expect(all.data!.ledger.items).toHaveLength(2);
    const total = all.data!.ledger.totalCount as number;
    const next = await api.gql(
      `query($after: String) { ledger(first: 50, after: $after) { items { registrationNo } } }`,
      { after: all.data!.ledger.nextCursor },
      tokens['zy.staff'],
    );
    expect(next.data!.ledger.items).toHaveLength(total - 2);
    const closed = await api.gql(
      `{ ledger(filter: { statuses: [CLOSED] }) { totalCount } }`,
      {},
      tokens['zy.staff'],
    );
    expect(closed.data!.ledger.totalCount).toBe(1);
    const keyword = await api.gql(
      `{ ledger(filter: { keyword: "另一" }) { totalCount } }`,
      {},
      tokens['zy.staff'],
    );
    expect(keyword.data!.ledger.totalCount).toBe(1);
    const handler = await api.gql(`{ ledger { totalCount items { status } } }`, {}, tokens['zy.handler']);
    expect(handler.data!.ledger.totalCount).toBe(1);
  });
});
