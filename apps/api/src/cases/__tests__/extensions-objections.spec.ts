import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseActs, caseReport } from '../../__tests__/support/case-acts.js';
import { testJobDeps } from '../../__tests__/support/job-deps.js';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import {
  departmentIdsByCode,
  republishParkRules,
  savedEnterpriseId,
  signInAll,
} from '../../__tests__/support/park-session.js';
import { ManualClock } from '../../common/clock.js';
import { remindDeadline, superviseOverdue, sweepDeadlines } from '../../jobs/deadline-jobs.js';

const CASE = `query($id: ID!) { case(id: $id) {
  id version status leadDepartmentId allowedActions objectionSettled
  pendingExtension { fromDueOn newDueOn reason requestedOn }
  pendingObjection { departmentId reason raisedOn }
  deadlines { stage from dueOn doneOn originalDueOn
    extensions { fromDueOn toDueOn reason requestedOn decidedOn decidedByName }
    trace { date counted extension } }
  documents { kind number departmentId dueOn doneOn }
  timeline { type data }
} }`;

/** Beijing morning of a date, as the clock's instant. */
const morningOf = (date: string) => new Date(`${date}T01:00:00Z`);

describe('extensions and objections through the API', () => {
  let api: TestApi;
  const clock = new ManualClock(morningOf('2026-12-01'));
  const tokens: Record<string, string> = {};
  let departments: Record<string, string>;
  let enterpriseId: string;

  const { caseOf, attempt, act, registeredAndVerified, screenedInPark } = caseActs(() => ({ api, tokens }), {
    caseQuery: CASE,
    reader: 'zy.staff',
  });

  /** A case assigned to 经济发展部 on Tue 2026-12-01: its reply is due (10 working days) Tue 2026-12-15. */
  async function assignedCase(title: string): Promise<string> {
    clock.set(morningOf('2026-12-01'));
    const id = await registeredAndVerified(
      'zy.staff',
      caseReport('powerSupply', { enterpriseId, reportedAt: clock.now().toISOString(), title }),
    );
    await screenedInPark('zy.staff', id, {
      leadDepartmentId: departments.ECONOMIC_DEVELOPMENT,
      opinion: '交经济发展部办理',
    });
    await act('zy.leader', 'approveCase', id, { opinion: '同意' });
    return id;
  }

  beforeAll(async () => {
    api = await startTestApi({}, { clock });
    await signInAll(api, ['zy.admin', 'zy.staff', 'zy.leader', 'zy.handler', 'zy.head'], tokens);
    departments = await departmentIdsByCode(api);
    // The park's rules gain extensions and objections, as a three-tier rulebook states them.
    await republishParkRules(
      api,
      tokens['zy.admin'],
      (rules) => ({
        ...rules,
        extensions: {
          departmentReply: {
            requestBeforeWorkingDays: 2,
            decidedBy: ['LEADER_IN_CHARGE'],
            maxCount: 1,
            maxLength: { amount: 5, unit: 'WORKING_DAYS' },
          },
        },
        objections: { windowWorkingDays: 3, decidedBy: ['SERVICE_CENTER_STAFF'], decisionWorkingDays: 2 },
      }),
      '增加延期和异议',
    );
    // In force from before the clock's days (publication dates follow the real calendar).
    await api.owner.query(`UPDATE park_rules_versions SET effective_from = '2026-11-01'`);
    enterpriseId = await savedEnterpriseId(api, tokens['zy.staff']);
  });
  afterAll(() => api?.close());

  it('an approved extension moves the reply deadline with its trace, the sheet and the jobs', async () => {
    const id = await assignedCase('用电增容');
    clock.set(morningOf('2026-12-08'));
    await act('zy.handler', 'requestExtension', id, {
      newDueOn: '2026-12-22',
      reason: '需等待供电公司现场勘查',
    });
    let c = await caseOf(id);
    expect(c.pendingExtension).toEqual({
      fromDueOn: '2026-12-15',
      newDueOn: '2026-12-22',
      reason: '需等待供电公司现场勘查',
      requestedOn: '2026-12-08',
    });
    expect((await caseOf(id, 'zy.leader')).allowedActions).toContain('decideExtension');
    // The department cannot decide its own request.
    expect(errorCode(await attempt('zy.head', 'decideExtension', id, c.version, { approved: true }))).toBe(
      'FORBIDDEN',
    );

    await act('zy.leader', 'decideExtension', id, { approved: true, note: '同意延期' });
    c = await caseOf(id);
    const reply = c.deadlines.find((d: { stage: string }) => d.stage === 'departmentReply');
    expect(reply).toMatchObject({
      from: '2026-12-01',
      dueOn: '2026-12-22',
      originalDueOn: '2026-12-15',
      extensions: [
        {
          fromDueOn: '2026-12-15',
          toDueOn: '2026-12-22',
          reason: '需等待供电公司现场勘查',
          requestedOn: '2026-12-08',
          decidedOn: '2026-12-08',
          decidedByName: expect.any(String),
        },
      ],
    });
    // The ten days counted to 15 Dec, then the five working days the extension added (16–22 Dec).
    const trace = reply.trace as { date: string; counted: boolean; extension: boolean }[];
    expect(trace.filter((d) => !d.extension).at(-1)).toMatchObject({ date: '2026-12-15', counted: true });
    expect(trace.filter((d) => d.extension).map((d) => [d.date, d.counted])).toEqual([
      ['2026-12-16', true],
      ['2026-12-17', true],
      ['2026-12-18', true],
      ['2026-12-19', false],
      ['2026-12-20', false],
      ['2026-12-21', true],
      ['2026-12-22', true],
    ]);
    expect(c.pendingExtension).toBeNull();
    expect(c.documents.find((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET').dueOn).toBe('2026-12-22');
    expect(c.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ExtensionRequested', 'ExtensionDecided']),
    );
    const trail = await api.owner.query(
      `SELECT action FROM audit_events WHERE subject_id = $1 AND action LIKE 'case.%Extension' ORDER BY id`,
      [id],
    );
    expect(trail.rows.map((r) => r.action)).toEqual(['case.requestExtension', 'case.decideExtension']);

    // Past the old date, the jobs of the old date do nothing and the sweep writes none.
    clock.set(morningOf('2026-12-16'));
    const parkId = (await api.owner.query(`SELECT id FROM parks WHERE code = 'zhengyang'`)).rows[0].id;
    const deps = testJobDeps(api, clock);
    const old = { parkId, caseId: id, stage: 'departmentReply', dueOn: '2026-12-15' };
    expect(await superviseOverdue(deps, old)).toBe('not-due');
    expect(await remindDeadline(deps, old)).toBe(0);
    await api.owner.query(`DELETE FROM outbox`);
    await sweepDeadlines(deps);
    const queued = await api.owner.query(`SELECT job_key FROM outbox WHERE job_key LIKE $1`, [`%${id}%`]);
    expect(queued.rows.filter((r) => String(r.job_key).startsWith('supervise'))).toEqual([]);
    // The reminder now counts to the new date.
    clock.set(morningOf('2026-12-21'));
    await sweepDeadlines(deps);
    const reminded = await api.owner.query(`SELECT job_key FROM outbox WHERE job_key = $1`, [
      `remind/${id}/departmentReply/2026-12-22`,
    ]);
    expect(reminded.rows).toHaveLength(1);
  });

  it('refuses an extension asked for too late, naming the cut-off, and changes nothing', async () => {
    const id = await assignedCase('用电增容（迟交申请）');
    clock.set(morningOf('2026-12-08'));
    const before = await caseOf(id);
    const badDate = await attempt('zy.handler', 'requestExtension', id, before.version, {
      newDueOn: '2026-31-12',
      reason: '日期写错',
    });
    expect(errorFields(badDate)).toEqual(['newDueOn']);
    // Due Tue 15 Dec, at least 2 working days ahead: by Fri 11 Dec.
    clock.set(morningOf('2026-12-14'));
    const late = await attempt('zy.handler', 'requestExtension', id, before.version, {
      newDueOn: '2026-12-18',
      reason: '来不及',
    });
    expect(errorCode(late)).toBe('BAD_USER_INPUT');
    expect(late.errors![0].message).toContain('2026-12-11');
    expect((await caseOf(id)).version).toBe(before.version);
  });

  it('an objection within its window is decided by the office: reassigned, with a new sheet and clock', async () => {
    const id = await assignedCase('用电增容（异议）');
    clock.set(morningOf('2026-12-03'));
    await act('zy.handler', 'startHandling', id);
    await act('zy.head', 'objectToAssignment', id, { reason: '该事项属招商投资促进部职能' });
    let c = await caseOf(id);
    expect(c.pendingObjection).toEqual({
      departmentId: departments.ECONOMIC_DEVELOPMENT,
      reason: '该事项属招商投资促进部职能',
      raisedOn: '2026-12-03',
    });
    // The decision's own clock: 2 working days, Mon 7 Dec.
    expect(c.deadlines.find((d: { stage: string }) => d.stage === 'objectionDecision')).toMatchObject({
      from: '2026-12-03',
      dueOn: '2026-12-07',
      doneOn: null,
    });
    expect(
      errorCode(
        await attempt('zy.handler', 'submitResult', id, c.version, {
          replyToEnterprise: '已答复',
          result: '已办',
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    const reassign = (lead: string) =>
      attempt('zy.staff', 'decideObjection', id, c.version, {
        outcome: 'REASSIGNED',
        leadDepartmentId: lead,
        note: '调整由招商投资促进部牵头办理',
      });
    expect(errorFields(await reassign(departments.ECONOMIC_DEVELOPMENT))).toEqual(['leadDepartmentId']);
    expect(errorFields(await reassign('not-a-uuid'))).toEqual(['leadDepartmentId']);

    clock.set(morningOf('2026-12-04'));
    expect((await reassign(departments.INVESTMENT_PROMOTION)).errors).toBeUndefined();
    c = await caseOf(id);
    expect(c).toMatchObject({
      status: 'ASSIGNED',
      leadDepartmentId: departments.INVESTMENT_PROMOTION,
      pendingObjection: null,
    });
    const replies = c.deadlines.filter((d: { stage: string }) => d.stage === 'departmentReply');
    // The old clock closed the day of the decision; the new one runs 10 working days from it.
    expect(
      replies.map((d: { from: string; dueOn: string; doneOn: string | null }) => [d.from, d.dueOn, d.doneOn]),
    ).toEqual([
      ['2026-12-01', '2026-12-15', '2026-12-04'],
      ['2026-12-04', '2026-12-18', null],
    ]);
    expect(c.deadlines.find((d: { stage: string }) => d.stage === 'objectionDecision').doneOn).toBe(
      '2026-12-04',
    );
    const sheets = c.documents.filter((d: { kind: string }) => d.kind === 'ASSIGNMENT_SHEET');
    expect(
      sheets.map((d: { departmentId: string; dueOn: string; doneOn: string | null }) => [
        d.departmentId,
        d.dueOn,
        d.doneOn,
      ]),
    ).toEqual([
      [departments.ECONOMIC_DEVELOPMENT, '2026-12-15', '2026-12-04'],
      [departments.INVESTMENT_PROMOTION, '2026-12-18', null],
    ]);
    expect(sheets[0].number).not.toBe(sheets[1].number);
    // 经济发展部 no longer handles it, and no longer sees it.
    expect(errorCode(await api.gql(CASE, { id }, tokens['zy.handler']))).toBe('NOT_FOUND');
  });

  it('a maintained objection is final; an objection after the window is refused with its last day', async () => {
    const id = await assignedCase('用电增容（维持）');
    clock.set(morningOf('2026-12-02'));
    await act('zy.handler', 'objectToAssignment', id, { reason: '不属于本部室职能' });
    await act('zy.staff', 'decideObjection', id, { outcome: 'MAINTAINED', note: '经核，属经济发展部职能' });
    const c = await caseOf(id);
    expect(c).toMatchObject({ objectionSettled: true, leadDepartmentId: departments.ECONOMIC_DEVELOPMENT });
    expect(c.allowedActions).not.toContain('objectToAssignment');
    const again = await attempt('zy.handler', 'objectToAssignment', id, c.version, { reason: '再次异议' });
    expect(again.errors![0].message).toContain('异议已处理');

    const late = await assignedCase('用电增容（逾期异议）');
    clock.set(morningOf('2026-12-07'));
    const refused = await attempt('zy.handler', 'objectToAssignment', late, (await caseOf(late)).version, {
      reason: '晚了',
    });
    expect(refused.errors![0].message).toContain('2026-12-04');
  });
});
