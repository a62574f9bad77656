import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { departmentIdsByCode, savedEnterpriseId, signInAll } from '../../__tests__/support/park-session.js';
import {
  actMutation,
  actsOnAnswer,
  caseReport,
  registerCaseMutation,
  registeredCase,
} from '../../__tests__/support/case-acts.js';
import { isoDateInChina } from '../../common/dates.js';

// Each route walked end to end, in both example parks, is in tests/src/__tests__/case-scenarios.spec.ts.
// Here: refusals naming the field, stale versions, Art. 11 escalation and the ledger's filters.

const CASE_FIELDS = `id registrationNo status version approverRole gradeCode
  timeline { type statusAfter }`;
const REGISTER = registerCaseMutation(CASE_FIELDS);
const act = (mutation: string) => actMutation(mutation, CASE_FIELDS);

type CaseResult = { id: string; version: number; status: string; [key: string]: unknown };

describe('cases over the API (Zhengyang rules)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let enterpriseId: string;
  const year = isoDateInChina().slice(0, 4);

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(api, ['zy.staff', 'zy.leader', 'zy.deputy', 'zy.head', 'zy.handler'], tokens);
    departments = await departmentIdsByCode(api);
    enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], { address: '正阳工业园区1号' });
  });
  afterAll(() => api.close());

  const registration = (overrides: Record<string, unknown> = {}) =>
    caseReport('powerSupply', { enterpriseId, contactTitle: '总经理', ...overrides });

  const { run } = actsOnAnswer<CaseResult>(() => ({ api, tokens }), CASE_FIELDS);

  const register = (overrides: Record<string, unknown> = {}): Promise<CaseResult> =>
    registeredCase(api, tokens['zy.staff'], registration(overrides), CASE_FIELDS);

  /** Registered, verified and screened for the economic development department alone. */
  async function pendingApproval() {
    let c = await register();
    c = await run('zy.staff', 'verifyCase', c, { notes: '已电话核实' });
    return run('zy.staff', 'screenCase', c, {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '由经发部牵头办理',
    });
  }

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
    const mistyped = await api.gql(
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
    expect(errorFields(mistyped)).toEqual(['enterpriseCreditCode']);
    const forbidden = await api.gql(REGISTER, { input: registration() }, tokens['zy.leader']);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    const first = await register({ title: '另一问题' });
    expect(first.registrationNo).toBe(`企业困难问题〔${year}〕第1号`);
  });

  it('approval: only the route’s approver, and only on the version they saw', async () => {
    const c = await pendingApproval();
    expect(c.approverRole).toBe('LEADER_IN_CHARGE');
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
    expect((await run('zy.leader', 'approveCase', c, { opinion: '同意' })).status).toBe('ASSIGNED');
  });

  it('Art. 11: the service center submits a case to the Party Working Committee, on the record, and the case goes on', async () => {
    let c = await pendingApproval();
    c = await run('zy.leader', 'approveCase', c);
    c = await run('zy.handler', 'startHandling', c);
    c = await run('zy.handler', 'submitResult', c, { replyToEnterprise: '已答复企业', result: '已办理' });
    c = await run('zy.head', 'reviewResult', c, { approved: true });
    const input = {
      caseId: c.id,
      version: c.version,
      ground: 'FRAUD',
      reason: '办理结果与现场核查不符，涉嫌虚报',
    };

    const byHead = await api.gql(act('escalateCase'), { input }, tokens['zy.head']);
    expect(errorCode(byHead)).toBe('FORBIDDEN');
    const unknownGround = await api.gql(
      act('escalateCase'),
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

    c = await run('zy.staff', 'gradeCase', escalated, { gradeCode: 'A' });
    c = await run('zy.staff', 'recordFollowUp', c, { satisfactionCode: 'SATISFIED' });
    expect((await run('zy.staff', 'closeOutCase', c)).status).toBe('CLOSED');
  });

  it('the ledger filters, pages with a cursor, and department people see only their cases', async () => {
    const all = await api.gql(
      `{ ledger(first: 2) { totalCount pageInfo { endCursor } edges { node { registrationNo status } } } }`,
      {},
      tokens['zy.staff'],
    );
    expect(all.errors).toBeUndefined();
    expect(all.data!.ledger.edges).toHaveLength(2);
    const total = all.data!.ledger.totalCount as number;
    expect(total).toBe(3);
    const next = await api.gql(
      `query($after: String) { ledger(first: 50, after: $after) { edges { node { registrationNo } } } }`,
      { after: all.data!.ledger.pageInfo.endCursor },
      tokens['zy.staff'],
    );
    expect(next.data!.ledger.edges).toHaveLength(total - 2);
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
    // The first case was never screened: no department sees it.
    const handler = await api.gql(
      `{ ledger { totalCount edges { node { status } } } }`,
      {},
      tokens['zy.handler'],
    );
    expect(handler.data!.ledger.totalCount).toBe(2);
  });
});
