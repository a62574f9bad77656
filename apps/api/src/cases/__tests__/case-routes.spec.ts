import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { isoDateInChina } from '../../common/dates.js';
import { loadParkConfig } from '../../rules/park-config-files.js';
import { importParkConfig } from '../../rules/park-import.js';
import { ParkRulesService } from '../../rules/park-rules.service.js';

const FIELDS = `id registrationNo status version approverRole gradeCode satisfactionCode
  deadlines { stage dueOn doneOn amount unit } documents { kind number dueOn } timeline { type statusAfter }`;
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { ${FIELDS} } }`;
const mutationOf = (name: string) =>
  `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${FIELDS} } }`;

type CaseResult = { id: string; version: number; status: string; [key: string]: unknown };

describe('case routes and outcomes', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  const year = isoDateInChina().slice(0, 4);

  beforeAll(async () => {
    api = await startTestApi();
    for (const user of ['zy.staff', 'zy.leader', 'zy.deputy', 'zy.head', 'zy.handler'])
      tokens[user] = await api.login(user);
    departments = Object.fromEntries(
      (await api.owner.query(`SELECT code, id FROM departments`)).rows.map((r) => [r.code, r.id]),
    );
  });
  afterAll(() => api.close());

  async function run(
    user: string,
    name: string,
    c: { id: string; version: number },
    input: Record<string, unknown> = {},
  ) {
    const result = await api.gql(
      mutationOf(name),
      { input: { caseId: c.id, version: c.version, ...input } },
      tokens[user],
    );
    if (result.errors) throw new Error(`${name} by ${user}: ${JSON.stringify(result.errors)}`);
    return result.data![name] as CaseResult;
  }

  async function register(user = 'zy.staff', overrides: Record<string, unknown> = {}) {
    const result = await api.gql(
      REGISTER,
      {
        input: {
          enterpriseName: '重庆黔江某科技有限公司',
          reportedAt: new Date().toISOString(),
          categoryCode: 'RECRUITMENT',
          channelCode: 'SERVICE_HALL',
          reportFormCode: 'IN_PERSON_OR_LETTER',
          contactName: '李女士',
          contactPhone: '13800000000',
          title: '招工困难',
          description: '旺季用工缺口约 200 人，希望协助对接劳务资源。',
          ...overrides,
        },
      },
      tokens[user],
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.registerCase as CaseResult;
  }

  /** Registers (with an enterprise of the park) and brings a park case to RESPONDED through `approver`. */
  async function responded(lead: string, cooperating: string[] = []) {
    const enterprise = await api.gql(
      `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "重庆正阳精密机械有限公司" }) { id } }`,
      {},
      tokens['zy.staff'],
    );
    let c = await register('zy.staff', {
      enterpriseId: enterprise.data!.saveEnterprise.id,
      enterpriseName: undefined,
    });
    c = await run('zy.staff', 'verifyCase', c, { notes: '已核实' });
    c = await run('zy.staff', 'screenCase', c, {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments[lead],
      cooperatingDepartmentIds: cooperating.map((code) => departments[code]),
      opinion: '交办',
    });
    c = await run(c.approverRole === 'LEADER_IN_CHARGE' ? 'zy.leader' : 'zy.deputy', 'approveCase', c);
    c = await run('zy.handler', 'startHandling', c);
    c = await run('zy.handler', 'submitResult', c, { replyToEnterprise: '已答复企业', result: '已办理' });
    return run('zy.head', 'reviewResult', c, { approved: true });
  }

  it('several departments go to the executive deputy director', async () => {
    const c = await responded('ECONOMIC_DEVELOPMENT', ['FINANCE', 'INVESTMENT_PROMOTION']);
    expect(c.approverRole).toBe('EXECUTIVE_DEPUTY_DIRECTOR');
    expect(c.status).toBe('RESPONDED');
  });

  it('Art. 11: the service center submits a case to the Party Working Committee, on the record, and the case goes on', async () => {
    const c = await responded('ECONOMIC_DEVELOPMENT');
    const input = {
      caseId: c.id,
      version: c.version,
      ground: 'FRAUD',
      reason: '办理结果与现场核查不符，涉嫌虚报',
    };

    const byHead = await api.gql(mutationOf('escalateCase'), { input }, tokens['zy.head']);
    expect(errorCode(byHead)).toBe('FORBIDDEN');
    const unknownGround = await api.gql(
      mutationOf('escalateCase'),
      { input: { ...input, ground: 'LATE' } },
      tokens['zy.staff'],
    );
    expect([errorCode(unknownGround), errorFields(unknownGround)]).toEqual(['BAD_USER_INPUT', ['ground']]);

    const escalated = await run('zy.staff', 'escalateCase', c, { ground: 'FRAUD', reason: input.reason });
    expect(escalated).toMatchObject({ status: 'RESPONDED', version: c.version + 1 });
    expect((escalated.timeline as { type: string }[]).at(-1)).toEqual({
      type: 'CaseEscalated',
      statusAfter: 'RESPONDED',
    });
    const { rows } = await api.owner.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND type = 'CaseEscalated'`,
      [c.id],
    );
    expect(rows).toEqual([{ data: expect.objectContaining({ ground: 'FRAUD', reason: input.reason }) }]);
  });

  it('B stays under tracking with a review date until graded A', async () => {
    let c = await responded('ECONOMIC_DEVELOPMENT');
    c = await run('zy.staff', 'gradeCase', c, { gradeCode: 'B' });
    expect(c.status).toBe('TRACKING');
    const deadlines = c.deadlines as { stage: string; doneOn: string | null }[];
    expect(deadlines.find((d) => d.doneOn === null)?.stage).toBe('bGradeReviewInterval');
    c = await run('zy.staff', 'gradeCase', c, { gradeCode: 'A' });
    expect(c).toMatchObject({ status: 'GRADED', gradeCode: 'A' });
  });

  it('C needs a reason', async () => {
    const c = await responded('ECONOMIC_DEVELOPMENT');
    const bare = await api.gql(
      mutationOf('gradeCase'),
      { input: { caseId: c.id, version: c.version, gradeCode: 'C' } },
      tokens['zy.staff'],
    );
    expect([errorCode(bare), errorFields(bare)]).toEqual(['BAD_USER_INPUT', ['reason']]);
    const graded = await run('zy.staff', 'gradeCase', c, {
      gradeCode: 'C',
      reason: '受用地政策限制，一时难以解决',
    });
    expect(graded.gradeCode).toBe('C');
  });

  it('an unsatisfied enterprise: no close-out, special supervision reopens, then A and closed', async () => {
    let c = await responded('ECONOMIC_DEVELOPMENT');
    c = await run('zy.staff', 'gradeCase', c, { gradeCode: 'A' });
    c = await run('zy.staff', 'recordFollowUp', c, {
      satisfactionCode: 'UNSATISFIED',
      note: '企业认为未解决',
    });
    const close = await api.gql(
      mutationOf('closeOutCase'),
      { input: { caseId: c.id, version: c.version } },
      tokens['zy.staff'],
    );
    expect(errorCode(close)).toBe('BAD_USER_INPUT');
    c = await run('zy.staff', 'specialSupervision', c, {
      event: 'UNSATISFIED',
      reason: '企业不满意，专项督办',
    });
    expect(c).toMatchObject({ status: 'IN_PROGRESS', gradeCode: null, satisfactionCode: null });
    c = await run('zy.handler', 'submitResult', c, { replyToEnterprise: '再次答复', result: '已彻底解决' });
    c = await run('zy.head', 'reviewResult', c, { approved: true });
    c = await run('zy.staff', 'gradeCase', c, { gradeCode: 'A' });
    c = await run('zy.staff', 'recordFollowUp', c, { satisfactionCode: 'SATISFIED' });
    c = await run('zy.staff', 'closeOutCase', c);
    expect(c.status).toBe('CLOSED');
  });

  it('an overdue stage gets a numbered supervision letter; one in time does not', async () => {
    const enterprise = await api.gql(
      `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "重庆正阳精密机械有限公司" }) { id } }`,
      {},
      tokens['zy.staff'],
    );
    let c = await register('zy.staff', {
      enterpriseId: enterprise.data!.saveEnterprise.id,
      enterpriseName: undefined,
    });
    c = await run('zy.staff', 'verifyCase', c, { notes: '已核实' });
    c = await run('zy.staff', 'screenCase', c, {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '交办',
    });
    c = await run('zy.leader', 'approveCase', c);
    const running = (c.deadlines as { dueOn: string; doneOn: string | null }[]).find(
      (d) => d.doneOn === null,
    )!;
    const early = await api.gql(
      mutationOf('superviseOverdue'),
      { input: { caseId: c.id, version: c.version, dueOn: running.dueOn } },
      tokens['zy.staff'],
    );
    expect([errorCode(early), errorFields(early)]).toEqual(['BAD_USER_INPUT', ['dueOn']]);
    // Time passes: the department's reply deadline is now in the past.
    await api.owner.query(
      `UPDATE cases SET deadlines = jsonb_set(deadlines, ARRAY[(jsonb_array_length(deadlines) - 1)::text, 'dueOn'], '"2026-01-05"'),
              next_due_on = '2026-01-05' WHERE id = $1`,
      [c.id],
    );
    const overdue = await api.gql(
      `{ ledger(filter: { overdue: true }) { items { id } } }`,
      {},
      tokens['zy.staff'],
    );
    expect(overdue.data!.ledger.items.map((i: { id: string }) => i.id)).toContain(c.id);
    c = await run('zy.staff', 'superviseOverdue', c, { dueOn: '2026-01-05', note: '请加快办理' });
    const letter = (c.documents as { kind: string; number: string }[]).find(
      (d) => d.kind === 'SUPERVISION_LETTER',
    );
    expect(letter?.number).toMatch(new RegExp(`〔${year}〕`));
  });

  it('the second park’s rules give its cases other numbers, routes and deadlines, with no code change', async () => {
    const { parkId } = await importParkConfig(
      api.db,
      new ParkRulesService(api.db),
      loadParkConfig('wulingshan'),
    );
    // People of the new park (the users API is tested elsewhere).
    await api.owner.query(
      `INSERT INTO users (username, display_name, password_hash, home_park_id)
       SELECT 'wl.staff', '武陵山服务中心', password_hash, $1 FROM users WHERE username = 'zy.staff'`,
      [parkId],
    );
    await api.owner.query(
      `INSERT INTO users (username, display_name, password_hash, home_park_id)
       SELECT 'wl.leader', '武陵山分管领导', password_hash, $1 FROM users WHERE username = 'zy.staff'`,
      [parkId],
    );
    await api.owner.query(
      `INSERT INTO role_assignments (park_id, user_id, role)
       SELECT $1, id, CASE username WHEN 'wl.staff' THEN 'SERVICE_CENTER_STAFF' ELSE 'LEADER_IN_CHARGE' END
         FROM users WHERE username IN ('wl.staff', 'wl.leader')`,
      [parkId],
    );
    tokens['wl.staff'] = await api.login('wl.staff');
    tokens['wl.leader'] = await api.login('wl.leader');
    const rules = loadParkConfig('wulingshan').rules;
    const bureau = (
      await api.owner.query(`SELECT id FROM departments WHERE park_id = $1 AND kind = 'DISTRICT' LIMIT 1`, [
        parkId,
      ])
    ).rows[0].id;
    let c = await register('wl.staff', {
      categoryCode: rules.categories[0].code,
      channelCode: rules.intakeChannels[0].code,
      reportFormCode: rules.reportForms[0].code,
    });
    // Not in Wulingshan's enterprise register: rejected under its rules, numbered in its format.
    expect(c.registrationNo).toBe(`武陵山园区诉求〔${year}〕1号`);
    expect(c.status).toBe('REJECTED');
    await api.owner.query(
      `INSERT INTO enterprises (park_id, credit_code, name) VALUES ($1, '91110108MA01AAAA1Q', '武陵山食品有限公司')`,
      [parkId],
    );
    c = await register('wl.staff', {
      enterpriseName: undefined,
      enterpriseCreditCode: '91110108MA01AAAA1Q',
      categoryCode: rules.categories[0].code,
      channelCode: rules.intakeChannels[0].code,
      reportFormCode: rules.reportForms[0].code,
    });
    expect(c.registrationNo).toBe(`武陵山园区诉求〔${year}〕2号`);
    c = await run('wl.staff', 'verifyCase', c, { notes: '已核实' });
    c = await run('wl.staff', 'screenCase', c, {
      jurisdiction: 'DISTRICT',
      major: false,
      policyHeavy: false,
      referredDepartmentIds: [bureau],
      opinion: '函告区级部门',
    });
    // Wulingshan: district letters are signed by the leader in charge (Zhengyang: executive deputy director).
    expect(c.approverRole).toBe('LEADER_IN_CHARGE');
    c = await run('wl.leader', 'approveCase', c);
    const letter = (c.documents as { kind: string; number: string }[]).find(
      (d) => d.kind === 'REFERRAL_LETTER',
    );
    expect(letter?.number).toBe(`武陵山园区函〔${year}〕1号`);
    // Its bureaus reply in 7 working days (Zhengyang: 5).
    const reply = (c.deadlines as { stage: string; amount: number; unit: string }[]).find(
      (d) => d.stage === 'referralReply',
    );
    expect(reply).toMatchObject({ amount: 7, unit: 'WORKING_DAYS' });
  });
});
