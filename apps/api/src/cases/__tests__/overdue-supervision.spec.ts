import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDaysToIsoDate } from '@qifu/domain';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import {
  departmentIdsByCode,
  openDeadlinesDueOn,
  savedEnterpriseId,
  signInAll,
} from '../../__tests__/support/park-session.js';
import { actsOnAnswer, caseReport } from '../../__tests__/support/case-acts.js';
import { isoDateInChina } from '../../common/dates.js';

// Art. 10 (未按时办结的，及时发函督办) over the API: the letter states the case's own overdue
// deadline, and there is no letter without one.

const CASE_FIELDS = `id version status allowedActions
  overdueDeadlines { stage dueOn departmentId }
  documents { kind number departmentId departmentName dueOn data }`;

type CaseDocument = {
  kind: string;
  number: string;
  departmentId: string | null;
  departmentName: string | null;
  dueOn: string | null;
  data: Record<string, unknown>;
};
type CaseResult = {
  id: string;
  version: number;
  status: string;
  allowedActions: string[];
  overdueDeadlines: { stage: string; dueOn: string; departmentId: string | null }[];
  documents: CaseDocument[];
};

describe('supervision of overdue cases (Art. 10)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let enterpriseId: string;
  const today = isoDateInChina();
  const yesterday = addDaysToIsoDate(today, -1);

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(api, ['zy.staff', 'zy.leader', 'zy.deputy', 'zy.handler'], tokens);
    departments = await departmentIdsByCode(api);
    enterpriseId = await savedEnterpriseId(api, tokens['zy.staff']);
  });
  afterAll(() => api.close());

  const { attempt, run, verified } = actsOnAnswer<CaseResult>(() => ({ api, tokens }), CASE_FIELDS);

  async function reload(c: CaseResult): Promise<CaseResult> {
    const result = await api.gql<{ case: CaseResult }>(
      `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`,
      { id: c.id },
      tokens['zy.staff'],
    );
    return result.data!.case;
  }

  async function screened(screening: Record<string, unknown>): Promise<CaseResult> {
    const c = await verified('zy.staff', caseReport('powerSupply', { enterpriseId }));
    return run('zy.staff', 'screenCase', c, { major: false, policyHeavy: false, ...screening });
  }

  /**
   * Time passes: the API has no clock a test can move, so the case's open deadlines and its open
   * assignment sheet and referral letters are set to fall due on `dueOn`.
   */
  async function dueOnDay(c: CaseResult, dueOn: string): Promise<void> {
    await openDeadlinesDueOn(api, c.id, dueOn);
  }

  /** A park case assigned to 经济发展部 and being handled. */
  async function handled(): Promise<CaseResult> {
    const c = await screened({
      jurisdiction: 'PARK',
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '交办',
    });
    return run('zy.handler', 'startHandling', await run('zy.leader', 'approveCase', c));
  }

  const letters = (c: CaseResult) => c.documents.filter((d) => d.kind === 'SUPERVISION_LETTER');

  it('refuses a letter while the handling deadline runs, naming the field, and does not offer it', async () => {
    let c = await handled();
    c = await reload(c);
    expect(c.overdueDeadlines).toEqual([]);
    expect(c.allowedActions).not.toContain('superviseOverdue');

    const early = await attempt('zy.staff', 'superviseOverdue', c, { note: '请抓紧' });
    expect([errorCode(early), errorFields(early)]).toEqual(['BAD_USER_INPUT', ['deadlines']]);
    expect(early.errors?.[0].extensions?.fields?.[0].message).toMatch(/^尚未超期：时限为\d{4}-\d{2}-\d{2}/);
    // A date of the user's choosing is no part of the act any more.
    const typed = await attempt('zy.staff', 'superviseOverdue', c, { dueOn: yesterday });
    expect(errorCode(typed)).toBe('BAD_USER_INPUT');
    expect(letters(await reload(c))).toEqual([]);
  });

  it("states the case's own overdue handling deadline, to the lead department", async () => {
    let c = await handled();
    const dueOn = addDaysToIsoDate(today, -3);
    await dueOnDay(c, dueOn);
    c = await reload(c);
    expect(c.overdueDeadlines).toEqual([
      { stage: 'departmentReply', dueOn, departmentId: departments.ECONOMIC_DEVELOPMENT },
    ]);
    expect(c.allowedActions).toContain('superviseOverdue');

    c = await run('zy.staff', 'superviseOverdue', c, { note: '请抓紧办理' });
    expect(letters(c)).toEqual([
      expect.objectContaining({
        departmentName: '经济发展部',
        data: { overdueSince: dueOn, stage: 'departmentReply', note: '请抓紧办理' },
      }),
    ]);
    // The handling deadline itself is still the one on record.
    expect(c.status).toBe('IN_PROGRESS');
  });

  it('writes to each bureau that has not replied, stating its referral letter’s reply date', async () => {
    let c = await screened({
      jurisdiction: 'DISTRICT',
      referredDepartmentIds: [departments.DISTRICT_PLANNING_RESOURCES, departments.STATE_GRID_QIANJIANG],
      opinion: '发函区级部门',
    });
    c = await run('zy.deputy', 'approveCase', c);
    expect(c.status).toBe('REFERRED');
    c = await run('zy.staff', 'recordReferralReply', c, {
      departmentId: departments.DISTRICT_PLANNING_RESOURCES,
      repliedOn: today,
      responsiblePerson: '张科长',
      contact: '023-79421111',
      content: '已安排专人办理',
    });
    await dueOnDay(c, yesterday);
    c = await reload(c);
    expect(c.overdueDeadlines).toEqual([
      { stage: 'referralReply', dueOn: yesterday, departmentId: departments.STATE_GRID_QIANJIANG },
    ]);

    c = await run('zy.staff', 'superviseOverdue', c);
    expect(letters(c)).toEqual([
      expect.objectContaining({
        departmentName: '国网黔江供电公司',
        data: { overdueSince: yesterday, stage: 'referralReply', note: '' },
      }),
    ]);
  });
});
