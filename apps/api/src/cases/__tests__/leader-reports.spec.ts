import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  errorCode,
  errorFields,
  nodesOf,
  startTestApi,
  type TestApi,
} from '../../__tests__/support/test-api.js';
import { savedEnterpriseId, signInAll } from '../../__tests__/support/park-session.js';
import { caseReport, registeredCase } from '../../__tests__/support/case-acts.js';

// Art. 6: 重大疑难应及时向分管业务领导汇报 — the act, its timeline entry and the leaders' notification.

const CASE_FIELDS = `id version status allowedActions timeline { type data }`;
const REPORT = `mutation($input: ReportToLeaderInput!) { reportToLeader(input: $input) { ${CASE_FIELDS} } }`;

describe('reportToLeader (Zhengyang rules)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let registered: { id: string; version: number };

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(api, ['zy.staff', 'zy.leader', 'zy.head'], tokens);
    const enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], {
      name: '重庆正阳储能科技有限公司',
      address: '正阳工业园区8号',
    });
    registered = await registeredCase(
      api,
      tokens['zy.staff'],
      caseReport('powerSupply', {
        enterpriseId,
        title: '储能项目并网受阻',
        description: '储能电站并网涉及电力、规划和消防，三个月未能推进。',
      }),
      'id version',
    );
  });
  afterAll(() => api.close());

  it('records the report on the timeline and tells the leaders in charge', async () => {
    const summary = '并网涉及三个部门，属重大疑难，已当面汇报分管领导';
    const result = await api.gql(
      REPORT,
      { input: { caseId: registered.id, version: registered.version, summary } },
      tokens['zy.staff'],
    );
    expect(result.errors).toBeUndefined();
    const reported = result.data!.reportToLeader;
    expect(reported).toMatchObject({ status: 'REGISTERED', version: registered.version + 1 });
    expect(reported.timeline.at(-1)).toMatchObject({ type: 'ReportedToLeader', data: { summary } });

    const inbox = await api.gql(
      `{ notifications(first: 5) { edges { node { kind title caseId } } } }`,
      {},
      tokens['zy.leader'],
    );
    expect(inbox.errors).toBeUndefined();
    expect(nodesOf(inbox.data!.notifications)).toContainEqual({
      kind: 'REPORTED_TO_LEADER',
      title: expect.stringContaining('重大疑难问题汇报'),
      caseId: registered.id,
    });
    const headInbox = await api.gql(
      `{ notifications(first: 20) { edges { node { kind } } } }`,
      {},
      tokens['zy.head'],
    );
    expect(nodesOf(headInbox.data!.notifications)).not.toContainEqual({ kind: 'REPORTED_TO_LEADER' });
  });

  it('refuses an empty summary naming the field, and other roles', async () => {
    const [{ version }] = (await api.owner.query(`SELECT version FROM cases WHERE id = $1`, [registered.id]))
      .rows;
    const empty = await api.gql(
      REPORT,
      { input: { caseId: registered.id, version, summary: '' } },
      tokens['zy.staff'],
    );
    expect([errorCode(empty), errorFields(empty)]).toEqual(['BAD_USER_INPUT', ['summary']]);
    const leader = await api.gql(
      REPORT,
      { input: { caseId: registered.id, version, summary: '汇报' } },
      tokens['zy.leader'],
    );
    expect(errorCode(leader)).toBe('FORBIDDEN');
  });
});
