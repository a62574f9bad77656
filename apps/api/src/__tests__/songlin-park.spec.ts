import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../common/clock.js';
import { caseActs, caseReport } from './support/case-acts.js';
import { onboardPark, type OnboardedPark } from './support/park-onboarding.js';
import { errorCode, errorFields, startTestApi, type TestApi } from './support/test-api.js';

/**
 * Songlin (infra/parks/songlin.yaml), onboarded with no code change: a two-step sign-off for several
 * departments and for district matters, one for a single department, and answers rated 优/良/中/差.
 * Its routes run end to end through GraphQL on a clock moved by the test; every date below was
 * counted by hand on the 2026 calendar (Mid-Autumn 25–27 Sep; National Day 1–7 Oct; Sun 20 Sep and
 * Sat 10 Oct worked).
 */
const FILE = fileURLToPath(new URL('../../../../infra/parks/songlin.yaml', import.meta.url));

const CASE = `query($id: ID!) { case(id: $id) {
  id version status registrationNo approverRole gradeCode leadDepartmentId allowedActions
  approvalChain { index role current signedByName }
  deadlines { stage from dueOn doneOn trace { date counted reason } }
  documents { kind number dueOn departmentId data }
} }`;

/** 09:00 in Beijing on a date. */
const at = (date: string) => new Date(`${date}T01:00:00Z`);

describe('Songlin: a park with two-step sign-offs and 优/良/中/差, from its file alone', () => {
  let api: TestApi;
  let park: OnboardedPark;
  const clock = new ManualClock(at('2026-09-28'));
  let enterpriseId: string;

  const { gqlOk, attempt, act, registeredAndVerified, screenedInPark } = caseActs(
    () => ({ api, tokens: park.tokens }),
    {
      caseQuery: CASE,
      reader: 'songlin.staff',
    },
  );

  const registered = (title: string) =>
    registeredAndVerified(
      'songlin.staff',
      caseReport('powerSupply', { enterpriseId, reportedAt: clock.now().toISOString(), title }),
    );

  // GraphQL answers are loosely typed in tests; the assertions check their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const stage = (c: { deadlines: any[] }, name: string) =>
    c.deadlines.filter((d) => d.stage === name).at(-1)!;

  beforeAll(async () => {
    api = await startTestApi({}, { clock });
    park = await onboardPark(
      api,
      FILE,
      [
        { username: 'songlin.staff', displayName: '企业服务中心 孙悦', role: 'SERVICE_CENTER_STAFF' },
        { username: 'songlin.leader', displayName: '分管领导 钱明', role: 'LEADER_IN_CHARGE' },
        { username: 'songlin.deputy', displayName: '常务副主任 郑涛', role: 'EXECUTIVE_DEPUTY_DIRECTOR' },
        {
          username: 'songlin.head',
          displayName: '经济发展局 冯静',
          role: 'DEPARTMENT_HEAD',
          departmentCode: 'ECONOMY_BUREAU',
        },
        {
          username: 'songlin.handler',
          displayName: '经济发展局 蒋磊',
          role: 'DEPARTMENT_HANDLER',
          departmentCode: 'ECONOMY_BUREAU',
        },
      ],
      { effectiveFrom: '2026-09-01' },
    );
    const { saveEnterprise } = await gqlOk(
      'songlin.staff',
      `mutation { saveEnterprise(input: { creditCode: "91500114MA5U3XKL2T", name: "松林新材料有限公司" }) { id } }`,
    );
    enterpriseId = saveEnterprise.id;
  });
  afterAll(() => api?.close());

  it('several departments: the leader reviews, then the deputy signs; the reply is due across National Day', async () => {
    clock.set(at('2026-09-28'));
    const id = await registered('车间用电与道路规划');
    let c = await screenedInPark('songlin.staff', id, {
      leadDepartmentId: park.departments.ECONOMY_BUREAU,
      cooperatingDepartmentIds: [park.departments.PLANNING_BUREAU],
      opinion: '涉及经济发展局、规划建设局',
    });
    expect(c.registrationNo).toBe('松林开发区诉〔2026〕0001号');
    expect(c.approvalChain.map((s: { role: string; current: boolean }) => [s.role, s.current])).toEqual([
      ['LEADER_IN_CHARGE', true],
      ['EXECUTIVE_DEPUTY_DIRECTOR', false],
    ]);
    // Screening on Mon 28 Sep: approval (2 working days) due Wed 30 Sep.
    expect(stage(c, 'approval')).toMatchObject({ from: '2026-09-28', dueOn: '2026-09-30' });
    // The deputy signs second, not first.
    expect(errorCode(await attempt('songlin.deputy', 'approveCase', id, c.version))).toBe('FORBIDDEN');
    c = await act('songlin.leader', 'approveCase', id, { opinion: '拟同意，请主任审签' });
    expect(c).toMatchObject({ status: 'PENDING_APPROVAL', approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR' });

    clock.set(at('2026-09-29'));
    c = await act('songlin.deputy', 'approveCase', id, { opinion: '同意交办' });
    expect(c.status).toBe('ASSIGNED');
    expect(c.approvalChain.map((s: { signedByName: string | null }) => s.signedByName)).toEqual([
      '分管领导 钱明',
      '常务副主任 郑涛',
    ]);
    // Assigned Tue 29 Sep, 7 working days: 30 Sep; 1–7 Oct off; 8, 9, Sat 10 (worked), 12, 13, 14.
    const reply = stage(c, 'departmentReply');
    expect(reply).toMatchObject({ from: '2026-09-29', dueOn: '2026-10-14', doneOn: null });
    expect(
      reply.trace.filter((d: { counted: boolean }) => d.counted).map((d: { date: string }) => d.date),
    ).toEqual([
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
      '2026-10-13',
      '2026-10-14',
    ]);
    expect(reply.trace.find((d: { date: string }) => d.date === '2026-10-10')).toMatchObject({
      reason: 'MAKEUP_WORKDAY',
    });
    const sheet = c.documents.find((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET');
    expect(sheet).toMatchObject({ number: '松林开发区交〔2026〕1号', dueOn: '2026-10-14' });
  });

  it('a single department: one sign-off by the leader in charge assigns it', async () => {
    clock.set(at('2026-10-12'));
    const id = await registered('厂区道路开口');
    let c = await screenedInPark('songlin.staff', id, {
      leadDepartmentId: park.departments.ECONOMY_BUREAU,
      opinion: '经济发展局职能',
    });
    expect(c.approvalChain.map((s: { role: string }) => s.role)).toEqual(['LEADER_IN_CHARGE']);
    c = await act('songlin.leader', 'approveCase', id, { opinion: '同意' });
    // Mon 12 Oct + 7 working days: Wed 21 Oct.
    expect(c.status).toBe('ASSIGNED');
    expect(stage(c, 'departmentReply')).toMatchObject({ from: '2026-10-12', dueOn: '2026-10-21' });
  });

  it('a district matter: two sign-offs, then a letter copied to the district office, reply in 5 working days', async () => {
    clock.set(at('2026-09-29'));
    const id = await registered('用工备案');
    let c = await act('songlin.staff', 'screenCase', id, {
      jurisdiction: 'DISTRICT',
      major: false,
      policyHeavy: false,
      referredDepartmentIds: [park.departments.DISTRICT_HUMAN_RESOURCES],
      opinion: '区人力社保局职能',
    });
    c = await act('songlin.leader', 'approveCase', id, { opinion: '拟同意' });
    expect(c.status).toBe('PENDING_APPROVAL');
    c = await act('songlin.deputy', 'approveCase', id, { opinion: '同意发函' });
    expect(c.status).toBe('REFERRED');
    // Letter of Tue 29 Sep, 5 working days: 30 Sep, 8, 9, Sat 10, 12 Oct.
    const letter = c.documents.find((d: { kind: string }) => d.kind === 'REFERRAL_LETTER');
    expect(letter).toMatchObject({
      number: '松林开发区函〔2026〕1号',
      dueOn: '2026-10-12',
      departmentId: park.departments.DISTRICT_HUMAN_RESOURCES,
      data: { cc: ['DISTRICT_BUSINESS_ENVIRONMENT_OFFICE'] },
    });
  });

  it('rates the answer 优/良/中/差: 差 needs a reason and keeps the case under review; 优 lets it close', async () => {
    clock.set(at('2026-10-12'));
    const id = await registered('供电线路迁改');
    await screenedInPark('songlin.staff', id, {
      leadDepartmentId: park.departments.ECONOMY_BUREAU,
      opinion: '经济发展局职能',
    });
    await act('songlin.leader', 'approveCase', id, { opinion: '同意' });
    await act('songlin.handler', 'startHandling', id);
    await act('songlin.handler', 'submitResult', id, {
      replyToEnterprise: '已电话答复',
      result: '已协调供电所',
    });
    let c = await act('songlin.head', 'reviewResult', id, { approved: true });
    expect(c.status).toBe('RESPONDED');

    clock.set(at('2026-10-13'));
    const poor = await attempt('songlin.staff', 'gradeCase', id, c.version, { gradeCode: 'POOR' });
    expect(errorFields(poor)).toEqual(['reason']);
    c = await act('songlin.staff', 'gradeCase', id, { gradeCode: 'POOR', reason: '答复未说明迁改时间' });
    expect(c).toMatchObject({ status: 'TRACKING', gradeCode: 'POOR' });
    // Re-rated within 10 working days of Tue 13 Oct: Tue 27 Oct.
    expect(stage(c, 'bGradeReviewInterval')).toMatchObject({ from: '2026-10-13', dueOn: '2026-10-27' });

    clock.set(at('2026-10-20'));
    c = await act('songlin.staff', 'gradeCase', id, { gradeCode: 'EXCELLENT' });
    expect(c).toMatchObject({ status: 'GRADED', gradeCode: 'EXCELLENT' });
    // Follow-up within 5 working days of Tue 20 Oct: Tue 27 Oct.
    expect(stage(c, 'followUp')).toMatchObject({ from: '2026-10-20', dueOn: '2026-10-27' });
    await act('songlin.staff', 'recordFollowUp', id, { satisfactionCode: 'SATISFIED' });
    c = await act('songlin.staff', 'closeOutCase', id);
    expect(c.status).toBe('CLOSED');
  });
});
