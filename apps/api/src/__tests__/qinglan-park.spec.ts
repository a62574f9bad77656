import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../common/clock.js';
import { remindDeadline, superviseOverdue, sweepDeadlines } from '../jobs/deadline-jobs.js';
import { docxText } from './support/docx-text.js';
import { testJobDeps } from './support/job-deps.js';
import { caseActs, caseReport } from './support/case-acts.js';
import { onboardPark, type OnboardedPark } from './support/park-onboarding.js';
import { errorCode, errorFields, startTestApi, type TestApi } from './support/test-api.js';

/**
 * Qinglan (infra/parks/qinglan.yaml), onboarded with no code change: the service center assigns
 * directly (no sign-off); work is split between a lead (主办), split (分办, 7 working days) and
 * assisting (协办, 3 working days) departments, each on its own clock; the lead may ask once for up
 * to 5 more working days (2 working days before its due date) or object within 2; every third
 * answered case is followed up; the district's supervision office is copied on supervision letters
 * and receives cases still overdue 3 working days after one. Every date below was counted by hand on
 * the 2026 calendar (Dragon Boat Festival: Fri 19 – Sun 21 June off, no make-up day).
 */
const FILE = fileURLToPath(new URL('../../../../infra/parks/qinglan.yaml', import.meta.url));

const CASE = `query($id: ID!) { case(id: $id) {
  id version status registrationNo leadDepartmentId allowedActions notInRegister
  approvalChain { role }
  departmentTiers { departmentId tierCode reported }
  deadlines { stage from dueOn doneOn departmentId tierCode originalDueOn
              extensions { fromDueOn toDueOn decidedByName } trace { date counted extension } }
  overdueDeadlines { stage dueOn departmentId tierCode }
  followUpSampling { sampled basis ordinal }
  documents { id kind number dueOn departmentId data }
} }`;

/** 09:00 in Beijing on a date. */
const at = (date: string) => new Date(`${date}T01:00:00Z`);

// GraphQL answers are loosely typed in tests; the assertions check their shape.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Deadline = any;

describe('Qinglan: three tiers, extensions, objections, sampled follow-up and an outside supervision office, from its file alone', () => {
  let api: TestApi;
  let park: OnboardedPark;
  const clock = new ManualClock(at('2026-06-15'));
  let enterpriseId: string;
  let dep: Record<string, string>;

  const { gqlOk, caseOf, attempt, act, registeredAndVerified, screenedInPark } = caseActs(
    () => ({ api, tokens: park.tokens }),
    {
      caseQuery: CASE,
      reader: 'qinglan.staff',
    },
  );
  const message = (result: { errors?: readonly { message: string }[] }) => result.errors?.[0]?.message ?? '';

  const registered = (title: string) =>
    registeredAndVerified(
      'qinglan.staff',
      caseReport('powerSupply', {
        enterpriseId,
        reportedAt: clock.now().toISOString(),
        title,
        categoryCode: 'PROJECT_ADVANCEMENT',
      }),
    );

  /** Screened on the clock's day to 经济运行局 (lead), 规划建设局 (split) and 安全环保局 (assisting). */
  async function assignedInThreeTiers(title: string) {
    const id = await registered(title);
    const c = await screenedInPark('qinglan.staff', id, {
      leadDepartmentId: dep.ECONOMY_BUREAU,
      cooperatingDepartmentIds: [dep.PLANNING_BUREAU, dep.SAFETY_BUREAU],
      departmentTiers: [
        { departmentId: dep.PLANNING_BUREAU, tierCode: 'SPLIT' },
        { departmentId: dep.SAFETY_BUREAU, tierCode: 'ASSISTING' },
      ],
      opinion: '经济运行局主办，规划建设局分办规划核实，安全环保局协办',
    });
    return { id, c };
  }

  /** Screened on the clock's day to 经济运行局 alone. */
  async function assignedToOne(title: string) {
    const id = await registered(title);
    const c = await screenedInPark('qinglan.staff', id, {
      leadDepartmentId: dep.ECONOMY_BUREAU,
      opinion: '经济运行局职能',
    });
    return { id, c };
  }

  const reply = (c: { deadlines: Deadline[] }) =>
    c.deadlines.filter((d: Deadline) => d.stage === 'departmentReply').at(-1);
  const clockOf = (c: { deadlines: Deadline[] }, departmentId: string) =>
    c.deadlines.find((d: Deadline) => d.stage === 'tierReport' && d.departmentId === departmentId);
  const counted = (d: Deadline) =>
    d.trace.filter((day: { counted: boolean }) => day.counted).map((day: { date: string }) => day.date);

  beforeAll(async () => {
    api = await startTestApi({}, { clock });
    const department = (code: string, name: string, suffix: string) => [
      {
        username: `qinglan.${suffix}.head`,
        displayName: `${name} 负责人`,
        role: 'DEPARTMENT_HEAD' as const,
        departmentCode: code,
      },
      {
        username: `qinglan.${suffix}`,
        displayName: `${name} 经办人`,
        role: 'DEPARTMENT_HANDLER' as const,
        departmentCode: code,
      },
    ];
    park = await onboardPark(
      api,
      FILE,
      [
        { username: 'qinglan.staff', displayName: '企业服务中心 林岚', role: 'SERVICE_CENTER_STAFF' },
        ...department('ECONOMY_BUREAU', '经济运行局', 'economy'),
        ...department('PLANNING_BUREAU', '规划建设局', 'planning'),
        ...department('SAFETY_BUREAU', '安全环保局', 'safety'),
        ...department('INVESTMENT_BUREAU', '投资促进局', 'investment'),
      ],
      { effectiveFrom: '2026-06-01' },
    );
    dep = park.departments;
    const { saveEnterprise } = await gqlOk(
      'qinglan.staff',
      `mutation { saveEnterprise(input: { creditCode: "91500000MA60QL0X1Q", name: "青岚智能装备有限公司" }) { id } }`,
    );
    enterpriseId = saveEnterprise.id;
  });
  afterAll(() => api?.close());

  it('assigns without a sign-off, each tier on its own clock, the sheet naming each department’s tier and date', async () => {
    clock.set(at('2026-06-15'));
    const { c } = await assignedInThreeTiers('厂房竣工验收');
    expect(c.registrationNo).toBe('青岚园诉〔2026〕001号');
    expect(c.status).toBe('ASSIGNED');
    expect(c.approvalChain).toEqual([]);
    expect(c.departmentTiers).toEqual([
      { departmentId: dep.PLANNING_BUREAU, tierCode: 'SPLIT', reported: false },
      { departmentId: dep.SAFETY_BUREAU, tierCode: 'ASSISTING', reported: false },
    ]);
    // Mon 15 June; 19–21 June off. Lead, 10 working days: 16, 17, 18, 22, 23, 24, 25, 26, 29, 30.
    expect(reply(c)).toMatchObject({ from: '2026-06-15', dueOn: '2026-06-30' });
    expect(counted(reply(c))).toEqual([
      '2026-06-16',
      '2026-06-17',
      '2026-06-18',
      '2026-06-22',
      '2026-06-23',
      '2026-06-24',
      '2026-06-25',
      '2026-06-26',
      '2026-06-29',
      '2026-06-30',
    ]);
    // Split, 7 working days: Thu 25 June. Assisting, 3 working days: Thu 18 June.
    expect(clockOf(c, dep.PLANNING_BUREAU)).toMatchObject({ tierCode: 'SPLIT', dueOn: '2026-06-25' });
    expect(clockOf(c, dep.SAFETY_BUREAU)).toMatchObject({ tierCode: 'ASSISTING', dueOn: '2026-06-18' });
    expect(counted(clockOf(c, dep.SAFETY_BUREAU))).toEqual(['2026-06-16', '2026-06-17', '2026-06-18']);
    const sheet = c.documents.find((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET');
    expect(sheet).toMatchObject({
      number: '青岚园交〔2026〕1号',
      dueOn: '2026-06-30',
      departmentId: dep.ECONOMY_BUREAU,
      data: {
        departmentTiers: { [dep.PLANNING_BUREAU]: 'SPLIT', [dep.SAFETY_BUREAU]: 'ASSISTING' },
        tierDueOn: { [dep.PLANNING_BUREAU]: '2026-06-25', [dep.SAFETY_BUREAU]: '2026-06-18' },
      },
    });
    // The Word file heads the row with the park's tiers and gives each department its tier and date.
    const { issueDocument } = await gqlOk(
      'qinglan.staff',
      `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { downloadUrl } }`,
      { input: { caseId: c.id, kind: 'ASSIGNMENT_SHEET', documentId: sheet.id ?? null } },
    );
    const file = await fetch(`${api.url}${issueDocument.downloadUrl}`, {
      headers: { authorization: `Bearer ${park.tokens['qinglan.staff']}` },
    });
    const text = docxText(Buffer.from(await file.arrayBuffer()));
    expect(text).toContain('分办、协办部室');
    expect(text).toContain('规划建设局（分办，2026年6月25日前报送）');
    expect(text).toContain('安全环保局（协办，2026年6月18日前报送）');
  });

  it('the assisting department reports to the lead, copied to the district business office; the split one answers its part before the lead’s result', async () => {
    clock.set(at('2026-06-15'));
    const { id } = await assignedInThreeTiers('消防验收与规划核实');
    await act('qinglan.economy', 'startHandling', id);

    clock.set(at('2026-06-17'));
    let c = await act('qinglan.safety', 'reportPart', id, { report: '已出具消防验收意见' });
    expect(clockOf(c, dep.SAFETY_BUREAU)).toMatchObject({ dueOn: '2026-06-18', doneOn: '2026-06-17' });
    // Told: the lead department's people; copied: the office named by the assisting tier.
    const told = await api.owner.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.case_id = $1 AND n.kind = 'PART_REPORTED' ORDER BY u.username`,
      [id],
    );
    expect(told.rows.map((r) => r.username)).toEqual(['qinglan.economy', 'qinglan.economy.head']);
    const linked = await api.owner.query(
      `SELECT office_code, occasion FROM office_cases WHERE case_id = $1`,
      [id],
    );
    expect(linked.rows).toEqual([{ office_code: 'DISTRICT_BUSINESS_OFFICE', occasion: 'RESULT_REPORT' }]);

    const early = await attempt('qinglan.economy', 'submitResult', id, c.version, {
      replyToEnterprise: '已答复企业',
      result: '已完成竣工验收协调',
    });
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(message(early)).toContain('分办部室尚未全部报送承办情况');
    // A split department answers the enterprise for its part.
    const noReply = await attempt('qinglan.planning', 'reportPart', id, c.version, {
      report: '已完成规划核实',
    });
    expect(errorFields(noReply)).toEqual(['replyToEnterprise']);

    clock.set(at('2026-06-24'));
    c = await act('qinglan.planning', 'reportPart', id, {
      report: '已完成规划核实',
      replyToEnterprise: '规划核实意见已送达企业',
    });
    expect(c.departmentTiers.every((t: { reported: boolean }) => t.reported)).toBe(true);
    c = await act('qinglan.economy', 'submitResult', id, {
      replyToEnterprise: '已答复企业',
      result: '已完成竣工验收协调',
    });
    expect(c.status).toBe('RESULT_SUBMITTED');
    expect(c.overdueDeadlines).toEqual([]);
  });

  it('supervises a late split department by letter copied to the supervision office, and hands it over 3 working days later', async () => {
    clock.set(at('2026-06-15'));
    const { id } = await assignedInThreeTiers('环评批复');
    await act('qinglan.safety', 'reportPart', id, { report: '已出具环评意见' });

    // Split due Thu 25 June; Fri 26 June it is late, the lead (due 30 June) is not.
    clock.set(at('2026-06-26'));
    let c = await caseOf(id);
    expect(c.overdueDeadlines).toEqual([
      { stage: 'tierReport', dueOn: '2026-06-25', departmentId: dep.PLANNING_BUREAU, tierCode: 'SPLIT' },
    ]);
    c = await act('qinglan.staff', 'superviseOverdue', id, { note: '请规划建设局抓紧办理' });
    const letter = c.documents.find((d: { kind: string }) => d.kind === 'SUPERVISION_LETTER');
    expect(letter).toMatchObject({
      number: '青岚园督〔2026〕1号',
      departmentId: dep.PLANNING_BUREAU,
      data: { overdueSince: '2026-06-25', stage: 'tierReport', cc: ['DISTRICT_SUPERVISION_OFFICE'] },
    });

    // Letter of Fri 26 June + 3 working days: Wed 1 July; the case is handed over.
    clock.set(at('2026-07-01'));
    c = await act('qinglan.staff', 'handOverToOffice', id, { note: '督办后仍未报送' });
    const handover = c.documents.find((d: { kind: string }) => d.kind === 'HANDOVER_LETTER');
    expect(handover).toMatchObject({
      number: '青岚园移〔2026〕1号',
      data: {
        officeCode: 'DISTRICT_SUPERVISION_OFFICE',
        overdueSince: '2026-06-25',
        // By then the lead (due 30 June) is late too: both are named.
        addresseeDepartmentIds: [dep.ECONOMY_BUREAU, dep.PLANNING_BUREAU],
      },
    });
  });

  it("another park's people cannot report a part of this park's case, nor see it: not found, nothing changes", async () => {
    clock.set(at('2026-06-15'));
    const { id, c } = await assignedInThreeTiers('围墙改建（他园越权）');
    for (const user of ['zy.staff', 'zy.handler']) {
      const answer = await api.gql(
        `mutation($input: ReportPartInput!) { reportPart(input: $input) { id } }`,
        { input: { caseId: id, version: c.version, report: '越权报送', replyToEnterprise: '越权答复' } },
        await api.login(user),
      );
      expect([user, errorCode(answer)]).toEqual([user, 'NOT_FOUND']);
    }
    const after = await caseOf(id);
    expect(after.version).toBe(c.version);
    expect(after.departmentTiers.every((t: { reported: boolean }) => !t.reported)).toBe(true);
  });

  it('reminds each department of its own clock and supervises a late one by itself, once', async () => {
    clock.set(at('2026-06-15'));
    const { id } = await assignedInThreeTiers('排水接驳');
    const deps = testJobDeps(api, clock);
    const jobsOf = async () =>
      (
        await api.owner.query(
          `SELECT job_key, data FROM outbox WHERE job_key LIKE $1 AND job_key NOT LIKE 'dashboard/%'
            ORDER BY job_key`,
          [`%${id}%`],
        )
      ).rows;

    // Wed 17 June: the assisting clock (Thu 18 June) is a working day away; only its department is told.
    clock.set(at('2026-06-17'));
    await sweepDeadlines(deps);
    expect((await jobsOf()).map((j) => j.job_key)).toEqual([
      `remind/${id}/tierReport-${dep.SAFETY_BUREAU}/2026-06-18`,
    ]);
    const [reminder] = await jobsOf();
    expect(await remindDeadline(deps, { parkId: park.parkId, ...reminder.data })).toBe(2);
    const told = await api.owner.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.case_id = $1 AND n.kind = 'DEADLINE_REMINDER' ORDER BY u.username`,
      [id],
    );
    expect(told.rows.map((r) => r.username)).toEqual(['qinglan.safety', 'qinglan.safety.head']);

    // Mon 22 June: it is late; the sweep supervises it by itself, with a letter to that department.
    clock.set(at('2026-06-22'));
    await sweepDeadlines(deps);
    const supervise = (await jobsOf()).find((j) => String(j.job_key).startsWith('supervise/'));
    expect(supervise.data).toMatchObject({ stage: 'tierReport', dueOn: '2026-06-18' });
    expect(await superviseOverdue(deps, { parkId: park.parkId, ...supervise.data })).toBe('supervised');
    expect(await superviseOverdue(deps, { parkId: park.parkId, ...supervise.data })).toBe('already');
    const letters = (await caseOf(id)).documents.filter(
      (d: { kind: string }) => d.kind === 'SUPERVISION_LETTER',
    );
    expect(letters.map((l: { departmentId: string }) => l.departmentId)).toEqual([dep.SAFETY_BUREAU]);
  });

  it('extends the lead’s deadline once, asked 2 working days ahead, by at most 5 working days', async () => {
    clock.set(at('2026-06-15'));
    const { id } = await assignedToOne('用地红线调整');
    await act('qinglan.economy', 'startHandling', id);

    // Due Tue 30 June: asked by Fri 26 June (2 working days before).
    clock.set(at('2026-06-29'));
    let c = await caseOf(id);
    const late = await attempt('qinglan.economy', 'requestExtension', id, c.version, {
      newDueOn: '2026-07-07',
      reason: '需等待规划委员会审议',
    });
    expect(errorCode(late)).toBe('BAD_USER_INPUT');
    expect(message(late)).toContain('2026-06-26');

    clock.set(at('2026-06-25'));
    // 5 working days past 30 June: 1, 2, 3, 6, 7 July; 8 July is a sixth.
    const tooLong = await attempt('qinglan.economy', 'requestExtension', id, c.version, {
      newDueOn: '2026-07-08',
      reason: '需等待规划委员会审议',
    });
    expect(errorFields(tooLong)).toEqual(['newDueOn']);
    await act('qinglan.economy', 'requestExtension', id, {
      newDueOn: '2026-07-07',
      reason: '需等待规划委员会审议',
    });
    // The department does not decide its own request; the service center does.
    c = await caseOf(id);
    expect(
      errorCode(await attempt('qinglan.economy.head', 'decideExtension', id, c.version, { approved: true })),
    ).toBe('FORBIDDEN');
    c = await act('qinglan.staff', 'decideExtension', id, { approved: true });
    expect(reply(c)).toMatchObject({
      dueOn: '2026-07-07',
      originalDueOn: '2026-06-30',
      extensions: [{ fromDueOn: '2026-06-30', toDueOn: '2026-07-07', decidedByName: '企业服务中心 林岚' }],
    });
    expect(
      reply(c)
        .trace.filter((d: { extension: boolean; counted: boolean }) => d.extension && d.counted)
        .map((d: { date: string }) => d.date),
    ).toEqual(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-06', '2026-07-07']);
    expect(c.documents.find((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET').dueOn).toBe('2026-07-07');
    // Once only.
    expect(c.allowedActions).not.toContain('requestExtension');
  });

  it('takes an objection within 2 working days and reassigns the case on a new clock', async () => {
    clock.set(at('2026-06-15'));
    const { id: tooLateId } = await assignedToOne('招商政策兑现（逾期异议）');
    const { id } = await assignedToOne('招商政策兑现');

    // Assigned Mon 15 June: objections until Wed 17 June.
    clock.set(at('2026-06-18'));
    const stale = await caseOf(tooLateId);
    const tooLate = await attempt('qinglan.economy', 'objectToAssignment', tooLateId, stale.version, {
      reason: '属投资促进局职能',
    });
    expect(message(tooLate)).toContain('2026-06-17');

    clock.set(at('2026-06-16'));
    let c = await act('qinglan.economy.head', 'objectToAssignment', id, { reason: '属投资促进局职能' });
    // Decided within 2 working days: Thu 18 June.
    expect(c.deadlines.find((d: Deadline) => d.stage === 'objectionDecision')).toMatchObject({
      from: '2026-06-16',
      dueOn: '2026-06-18',
    });

    clock.set(at('2026-06-17'));
    c = await act('qinglan.staff', 'decideObjection', id, {
      outcome: 'REASSIGNED',
      leadDepartmentId: dep.INVESTMENT_BUREAU,
      note: '调整为投资促进局主办',
    });
    expect(c).toMatchObject({ status: 'ASSIGNED', leadDepartmentId: dep.INVESTMENT_BUREAU });
    // Wed 17 June + 10 working days: 18, 22, 23, 24, 25, 26, 29, 30 June, 1, 2 July.
    expect(reply(c)).toMatchObject({ from: '2026-06-17', dueOn: '2026-07-02' });
    const sheets = c.documents.filter((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET');
    expect(sheets.map((s: { departmentId: string }) => s.departmentId)).toEqual([
      dep.ECONOMY_BUREAU,
      dep.INVESTMENT_BUREAU,
    ]);
  });

  it('follows up every third answered case: the others close straight after grading', async () => {
    clock.set(at('2026-07-06'));
    const answered = async (title: string) => {
      const { id } = await assignedToOne(title);
      await act('qinglan.economy', 'startHandling', id);
      await act('qinglan.economy', 'submitResult', id, { replyToEnterprise: '已答复', result: '已办结' });
      // The head's review is optional: the service center passes over it with a reason.
      await act('qinglan.staff', 'skipCaseStep', id, { step: 'headReview', reason: '事项简单，免审' });
      return act('qinglan.staff', 'gradeCase', id, { gradeCode: 'A' });
    };
    const graded = [];
    for (const title of ['水电接入（一）', '水电接入（二）', '水电接入（三）'])
      graded.push(await answered(title));
    const [first, second, third] = graded.map((c) => c.followUpSampling);
    expect(third).toMatchObject({ sampled: true, basis: 'EVERY_NTH' });
    expect([first.sampled, second.sampled]).toEqual([false, false]);
    expect(third.ordinal - first.ordinal).toBe(2);

    const closed = await act('qinglan.staff', 'closeOutCase', graded[0].id);
    expect(closed.status).toBe('CLOSED');
    expect(graded[2].allowedActions).not.toContain('closeOut');
    // Followed up within 5 working days of Mon 6 July: Mon 13 July. Unsatisfied is recorded only.
    expect(graded[2].deadlines.find((d: Deadline) => d.stage === 'followUp')).toMatchObject({
      from: '2026-07-06',
      dueOn: '2026-07-13',
    });
    await act('qinglan.staff', 'recordFollowUp', graded[2].id, { satisfactionCode: 'UNSATISFIED' });
    expect((await act('qinglan.staff', 'closeOutCase', graded[2].id)).status).toBe('CLOSED');
  });

  it('registers a case from an enterprise outside the register, flagged until verification confirms it', async () => {
    clock.set(at('2026-07-06'));
    const { registerCase } = await gqlOk(
      'qinglan.staff',
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id status } }`,
      {
        input: {
          enterpriseName: '青岚新入驻科技有限公司',
          reportedAt: clock.now().toISOString(),
          categoryCode: 'OTHER',
          channelCode: 'SERVICE_HALL',
          reportFormCode: 'IN_PERSON_OR_LETTER',
          contactName: '许先生',
          contactPhone: '13800000003',
          title: '新入驻企业办公用房',
          description: '企业刚入驻，尚未列入园区企业名录。',
        },
      },
    );
    let c = await caseOf(registerCase.id);
    expect(c).toMatchObject({ status: 'REGISTERED', notInRegister: 'FLAGGED' });
    const unconfirmed = await attempt('qinglan.staff', 'verifyCase', c.id, c.version, { notes: '已核实' });
    expect(errorFields(unconfirmed)).toEqual(['enterpriseConfirmed']);
    c = await act('qinglan.staff', 'verifyCase', c.id, {
      notes: '已核实营业执照',
      enterpriseConfirmed: true,
    });
    expect(c).toMatchObject({ status: 'VERIFIED', notInRegister: 'CONFIRMED' });
  });
});
