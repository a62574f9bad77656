import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  errorCode,
  errorFields,
  startTestApi,
  type TestApi,
  nodesOf,
} from '../../__tests__/support/test-api.js';
import { departmentIdsByCode, savedEnterpriseId, signInAll } from '../../__tests__/support/park-session.js';
import { actsOnAnswer, caseReport } from '../../__tests__/support/case-acts.js';

const ISSUE = `mutation($input: IssueCircularNoticeInput!) {
  issueCircularNotice(input: $input) {
    id departmentName grounds content issuedByName cases { registrationNo title }
  }
}`;
const LIST = `query($caseId: ID) { circularNotices(caseId: $caseId) { edges { node { id departmentName cases { id } } } } }`;

describe('circular notices (Art. 11)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let assigned: { id: string; registrationNo: string };

  const { run, verified, screenedInPark } = actsOnAnswer<{
    id: string;
    version: number;
    registrationNo: string;
  }>(() => ({ api, tokens }), 'id version registrationNo');

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(api, ['zy.staff', 'zy.leader', 'zy.head'], tokens);
    departments = await departmentIdsByCode(api);
    const enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], { name: '重庆正阳电子有限公司' });
    let c = await verified('zy.staff', caseReport('powerSupply', { enterpriseId, title: '双回路供电' }));
    c = await screenedInPark('zy.staff', c, {
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '经发部牵头',
    });
    assigned = await run('zy.leader', 'approveCase', c);
  });
  afterAll(() => api.close());

  const input = (overrides: Record<string, unknown> = {}) => ({
    departmentId: departments.ECONOMIC_DEVELOPMENT,
    grounds: ['DELAY'],
    caseIds: [assigned.id],
    content: '经济发展部对交办事项久拖不办，予以通报批评。',
    ...overrides,
  });

  it('the service center names the department, its cases and the grounds; the notice is listed with the case', async () => {
    const issued = await api.gql(ISSUE, { input: input() }, tokens['zy.staff']);
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueCircularNotice).toMatchObject({
      departmentName: '经济发展部',
      grounds: ['DELAY'],
      issuedByName: '服务中心 张敏',
      cases: [{ registrationNo: assigned.registrationNo, title: '双回路供电' }],
    });

    // The department named sees it too, from its case.
    const listed = await api.gql(LIST, { caseId: assigned.id }, tokens['zy.head']);
    expect(nodesOf(listed.data!.circularNotices)).toEqual([
      { id: issued.data!.issueCircularNotice.id, departmentName: '经济发展部', cases: [{ id: assigned.id }] },
    ]);
    const audit = await api.owner.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'circularNotice.issued'`,
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses a case the department was not given, an unknown ground, and names each field; nothing is saved', async () => {
    const before = (await api.owner.query(`SELECT count(*)::int AS n FROM circular_notices`)).rows[0].n;
    const wrong = await api.gql(
      ISSUE,
      { input: input({ departmentId: departments.FINANCE, grounds: ['LATE'], content: ' ' }) },
      tokens['zy.staff'],
    );
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(errorFields(wrong)).toEqual(['grounds[0]', 'content', 'caseIds[0]']);
    expect((await api.owner.query(`SELECT count(*)::int AS n FROM circular_notices`)).rows[0].n).toBe(before);
  });

  it('only the service center issues notices', async () => {
    const byHead = await api.gql(ISSUE, { input: input() }, tokens['zy.head']);
    expect(errorCode(byHead)).toBe('FORBIDDEN');
  });
});
