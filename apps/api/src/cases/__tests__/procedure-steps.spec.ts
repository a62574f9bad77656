import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParkRules } from '@qifu/domain';
import pino from 'pino';
import {
  errorCode,
  errorFields,
  startTestApi,
  type TestApi,
  nodesOf,
} from '../../__tests__/support/test-api.js';
import {
  actsOnAnswer,
  caseReport,
  registerCaseMutation,
  registeredCase,
} from '../../__tests__/support/case-acts.js';
import { departmentIdsByCode, savedEnterpriseId, signInAll } from '../../__tests__/support/park-session.js';
import { refreshCaseDashboard } from '../../dashboards/dashboard-jobs.js';

// The park's steps, follow-up sample and admissibility (rules `steps`, `followUp`, `admissibility`)
// as registration and the acts over the API carry them out.

const CASE_FIELDS = `id registrationNo status version enterpriseId allowedActions skippedSteps stepDueNow notInRegister
  followUpSampling { sampled basis percent bucket everyNth ordinal }
  deadlines { stage doneOn }
  timeline { type actorName statusAfter data }`;
const REGISTER = registerCaseMutation(CASE_FIELDS);
const LATEST = `{ parkRules { version rules } }`;
const PUBLISH = `mutation($input: PublishParkRulesInput!) { publishParkRules(input: $input) { version } }`;
const LEDGER = `query($filter: LedgerFilter) { ledger(filter: $filter, first: 200) { edges { node { id notInRegister } } } }`;

const NEW_CODE = '91350100M000100Y43';
const CLOSED_DOWN = '91110000802100433B';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers, checked by shape.
type CaseResult = { id: string; version: number; status: string; [key: string]: any };

describe('procedure steps over the API', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let enterpriseId: string;

  beforeAll(async () => {
    api = await startTestApi();
    await signInAll(api, ['zy.admin', 'zy.staff', 'zy.deputy', 'zy.leader', 'zy.head', 'zy.handler'], tokens);
    departments = await departmentIdsByCode(api);
    enterpriseId = await savedEnterpriseId(api, tokens['zy.staff'], { address: '正阳工业园区1号' });
    await savedEnterpriseId(api, tokens['zy.staff'], {
      creditCode: CLOSED_DOWN,
      name: '已迁出企业',
      operating: false,
    });
  });
  afterAll(() => api.close());

  /** Publishes Zhengyang's rules with these sections changed, in force today. */
  async function publish(patch: Partial<Pick<ParkRules, 'steps' | 'followUp' | 'admissibility'>>) {
    const { version, rules } = (await api.gql(LATEST, {}, tokens['zy.admin'])).data!.parkRules;
    const result = await api.gql(
      PUBLISH,
      { input: { rules: { ...rules, ...patch }, baseVersion: version } },
      tokens['zy.admin'],
    );
    return result;
  }

  async function publishOk(patch: Parameters<typeof publish>[0]) {
    const result = await publish(patch);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  }

  const registration = (overrides: Record<string, unknown> = {}) =>
    caseReport('powerSupply', { enterpriseId, ...overrides });
  const outsider = (overrides: Record<string, unknown> = {}) =>
    registration({ enterpriseId: undefined, enterpriseName: '重庆新来科技有限公司', ...overrides });

  const register = (input: Record<string, unknown>): Promise<CaseResult> =>
    registeredCase(api, tokens['zy.staff'], input, CASE_FIELDS);

  const { attempt: tryRun, run } = actsOnAnswer<CaseResult>(() => ({ api, tokens }), CASE_FIELDS);

  /** From REGISTERED (verification passed over) to RESPONDED, head review absent. */
  async function answered(c: CaseResult) {
    c = await run('zy.staff', 'screenCase', c, {
      jurisdiction: 'PARK',
      major: false,
      policyHeavy: false,
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '由经发部牵头办理',
    });
    c = await run('zy.leader', 'approveCase', c, { opinion: '同意' });
    c = await run('zy.handler', 'startHandling', c);
    return run('zy.handler', 'submitResult', c, { replyToEnterprise: '已答复企业', result: '已协调增容' });
  }

  const ledger = async (filter: Record<string, unknown>) =>
    nodesOf((await api.gql(LEDGER, { filter }, tokens['zy.staff'])).data!.ledger) as {
      id: string;
      notInRegister: string | null;
    }[];

  it('refuses rules whose steps do not fit together, naming the field', async () => {
    const refused = await publish({
      followUp: { mode: 'PERCENT', onUnsatisfied: 'RECORD_ONLY' } as ParkRules['followUp'],
      admissibility: { notInRegister: 'ADMIT' } as unknown as ParkRules['admissibility'],
    });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(errorFields(refused)).toEqual(
      expect.arrayContaining(['rules.followUp.percent', 'rules.admissibility.notInRegister']),
    );
  });

  it('Zhengyang as seeded: an enterprise not in the register is rejected at once (Art. 2)', async () => {
    const c = await register(outsider());
    expect(c).toMatchObject({ status: 'REJECTED', notInRegister: null, enterpriseId: null });
    expect(c.timeline.map((e: { type: string }) => e.type)).toEqual(['CaseRegistered', 'CaseRejected']);
  });

  it('FLAG_FOR_VERIFICATION: registered and flagged, in the ledger filter until verification confirms it', async () => {
    await publishOk({ admissibility: { notInRegister: 'FLAG_FOR_VERIFICATION' } });
    let c = await register(outsider());
    expect(c).toMatchObject({ status: 'REGISTERED', notInRegister: 'FLAGGED', stepDueNow: 'verification' });
    expect(c.timeline[0].data).toMatchObject({ notInRegister: 'FLAG_FOR_VERIFICATION' });
    expect((await ledger({ flaggedForVerification: true })).map((r) => r.id)).toEqual([c.id]);
    expect((await ledger({ flaggedForVerification: false })).map((r) => r.id)).not.toContain(c.id);

    const unconfirmed = await tryRun('zy.staff', 'verifyCase', c, { notes: '已电话核实' });
    expect([errorCode(unconfirmed), errorFields(unconfirmed)]).toEqual([
      'BAD_USER_INPUT',
      ['enterpriseConfirmed'],
    ]);
    c = await run('zy.staff', 'verifyCase', c, {
      notes: '已到现场核实，企业在园生产',
      enterpriseConfirmed: true,
    });
    expect(c).toMatchObject({ status: 'VERIFIED', notInRegister: 'CONFIRMED' });
    expect(await ledger({ flaggedForVerification: true })).toEqual([]);
    // A known enterprise that left the park is flagged too.
    const left = await register(registration({ enterpriseId: undefined, enterpriseCreditCode: CLOSED_DOWN }));
    expect(left).toMatchObject({ status: 'REGISTERED', notInRegister: 'FLAGGED' });
  });

  it('ACCEPT_AND_ADD: the enterprise joins the register with the case, on the audit trail', async () => {
    await publishOk({ admissibility: { notInRegister: 'ACCEPT_AND_ADD' } });
    const before = Number((await api.owner.query(`SELECT count(*) FROM cases`)).rows[0].count);
    const noCode = await api.gql(REGISTER, { input: outsider() }, tokens['zy.staff']);
    expect([errorCode(noCode), errorFields(noCode)]).toEqual(['BAD_USER_INPUT', ['enterpriseCreditCode']]);
    expect(Number((await api.owner.query(`SELECT count(*) FROM cases`)).rows[0].count)).toBe(before);

    const c = await register(
      outsider({ enterpriseCreditCode: NEW_CODE, enterpriseAddress: '正阳工业园区8号' }),
    );
    expect(c).toMatchObject({ status: 'REGISTERED', notInRegister: 'ADDED' });
    const { rows } = await api.owner.query(
      `SELECT id, name, address, operating FROM enterprises WHERE credit_code = $1`,
      [NEW_CODE],
    );
    expect(rows).toEqual([
      { id: c.enterpriseId, name: '重庆新来科技有限公司', address: '正阳工业园区8号', operating: true },
    ]);
    expect(c.timeline[0].data).toMatchObject({
      notInRegister: 'ACCEPT_AND_ADD',
      enterpriseId: c.enterpriseId,
    });
    const audit = await api.owner.query(
      `SELECT action, before, after FROM audit_events WHERE subject_type = 'Enterprise' AND subject_id = $1`,
      [c.enterpriseId],
    );
    expect(audit.rows).toEqual([
      {
        action: 'enterprise.registered',
        before: null,
        after: expect.objectContaining({
          creditCode: NEW_CODE,
          operating: true,
          addedWithCase: c.registrationNo,
        }),
      },
    ]);
    // One that had left the park is marked operating again.
    const back = await register(registration({ enterpriseId: undefined, enterpriseCreditCode: CLOSED_DOWN }));
    expect(back.notInRegister).toBe('ADDED');
    const { rows: returned } = await api.owner.query(
      `SELECT e.operating, a.action FROM enterprises e JOIN audit_events a ON a.subject_id = e.id::text
        WHERE e.credit_code = $1 AND a.subject_type = 'Enterprise' ORDER BY a.id DESC LIMIT 1`,
      [CLOSED_DOWN],
    );
    expect(returned).toEqual([{ operating: true, action: 'enterprise.updated' }]);
  });

  it('optional verification, no head review, every 2nd case followed up: skips, samples and deadlines', async () => {
    await publishOk({
      steps: { verification: 'OPTIONAL', headReview: 'ABSENT', grading: 'REQUIRED', followUp: 'REQUIRED' },
      followUp: { mode: 'EVERY_NTH', everyNth: 2, onUnsatisfied: 'SPECIAL_SUPERVISION' },
      admissibility: { notInRegister: 'REJECT' },
    });
    const cases: CaseResult[] = [];
    for (const title of ['第一件', '第二件']) {
      let c = await register(registration({ title }));
      expect(c).toMatchObject({ stepDueNow: 'verification', skippedSteps: [] });
      expect(c.allowedActions).toEqual(expect.arrayContaining(['verify', 'skipStep']));
      const handlerSkip = await tryRun('zy.leader', 'skipCaseStep', c, {
        step: 'verification',
        reason: '-',
      });
      expect(errorCode(handlerSkip)).toBe('FORBIDDEN');
      const noReason = await tryRun('zy.staff', 'skipCaseStep', c, { step: 'verification', reason: ' ' });
      expect([errorCode(noReason), errorFields(noReason)]).toEqual(['BAD_USER_INPUT', ['reason']]);
      c = await run('zy.staff', 'skipCaseStep', c, {
        step: 'verification',
        reason: '企业负责人现场反映，情况清楚',
      });
      expect(c).toMatchObject({ status: 'REGISTERED', skippedSteps: ['verification'], stepDueNow: null });
      expect(c.timeline.at(-1)).toMatchObject({
        type: 'StepSkipped',
        actorName: expect.any(String),
        data: { step: 'verification', reason: '企业负责人现场反映，情况清楚' },
      });
      expect(
        c.deadlines.map((d: { stage: string; doneOn: string | null }) => [d.stage, d.doneOn === null]),
      ).toEqual([
        ['verification', false],
        ['screening', true],
      ]);
      c = await answered(c);
      expect(c.status).toBe('RESPONDED');
      expect(c.allowedActions).not.toContain('reviewResult');
      c = await run('zy.staff', 'gradeCase', c, { gradeCode: 'A' });
      cases.push(c);
    }
    const [first, second] = cases;
    expect(first.followUpSampling).toEqual({
      sampled: false,
      basis: 'EVERY_NTH',
      percent: null,
      bucket: null,
      everyNth: 2,
      ordinal: 1,
    });
    expect(first.timeline.at(-1).data.followUpSampling).toMatchObject({ sampled: false, ordinal: 1 });
    expect(first.deadlines.some((d: { stage: string }) => d.stage === 'followUp')).toBe(false);
    expect(second.followUpSampling).toMatchObject({ sampled: true, ordinal: 2 });
    expect(second.deadlines.at(-1)).toMatchObject({ stage: 'followUp', doneOn: null });
    const { rows: count } = await api.owner.query(
      `SELECT last_value FROM number_counters WHERE kind = 'FOLLOW_UP_SAMPLE'`,
    );
    expect(count).toEqual([{ last_value: 2 }]);

    // Not sampled: closed out without a follow-up. Sampled: not before its follow-up.
    const closed = await run('zy.staff', 'closeOutCase', first);
    expect(closed.status).toBe('CLOSED');
    const early = await tryRun('zy.staff', 'closeOutCase', second);
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0].message).toContain('请先回访');
    const followed = await run('zy.staff', 'recordFollowUp', second, { satisfactionCode: 'SATISFIED' });
    await run('zy.staff', 'closeOutCase', followed);

    // The dashboards count the closed case as graded and completed, and not as owing a follow-up.
    await refreshCaseDashboard(
      { db: api.db, logger: pino({ level: 'silent' }) },
      {
        parkId: (await api.owner.query(`SELECT park_id FROM cases WHERE id = $1`, [first.id])).rows[0]
          .park_id,
        caseId: first.id,
      },
    );
    const { rows: metrics } = await api.owner.query(
      `SELECT metric, code FROM dashboard_contributions WHERE case_id = $1 ORDER BY metric`,
      [first.id],
    );
    expect(metrics.map((m) => m.metric)).toEqual(expect.arrayContaining(['graded', 'completedOnTime']));
    expect(metrics.map((m) => m.metric)).not.toContain('satisfactionAnswered');
    expect(metrics.map((m) => m.metric)).not.toContain('openDue');
  });

  it('no grading, optional follow-up: answered cases are followed up or skipped, then closed out', async () => {
    await publishOk({
      steps: { verification: 'ABSENT', headReview: 'OPTIONAL', grading: 'ABSENT', followUp: 'OPTIONAL' },
      followUp: { mode: 'ALL', onUnsatisfied: 'RECORD_ONLY' },
    });
    let c = await register(registration());
    expect(c.allowedActions).not.toContain('verify');
    expect(c.deadlines.map((d: { stage: string }) => d.stage)).toEqual(['screening']);
    c = await answered(c);
    expect(c.status).toBe('RESULT_SUBMITTED');
    const wrongStep = await tryRun('zy.staff', 'skipCaseStep', c, { step: 'grading', reason: '无需' });
    expect([errorCode(wrongStep), errorFields(wrongStep)]).toEqual(['BAD_USER_INPUT', ['step']]);
    c = await run('zy.staff', 'skipCaseStep', c, { step: 'headReview', reason: '部室负责人出差' });
    expect(c).toMatchObject({
      status: 'RESPONDED',
      stepDueNow: 'followUp',
      followUpSampling: { sampled: true, basis: 'ALL' },
    });
    c = await run('zy.staff', 'skipCaseStep', c, { step: 'followUp', reason: '企业已书面确认办结' });
    c = await run('zy.staff', 'closeOutCase', c);
    expect(c).toMatchObject({ status: 'CLOSED', skippedSteps: ['headReview', 'followUp'] });
    const { rows } = await api.owner.query(
      `SELECT completed_on IS NOT NULL AS completed FROM cases WHERE id = $1`,
      [c.id],
    );
    expect(rows).toEqual([{ completed: true }]);
  });
});
