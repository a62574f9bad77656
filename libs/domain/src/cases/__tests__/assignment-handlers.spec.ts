import type { ParkRules } from '../../rules/park-rules.schema.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { allowedCommands } from '../case-aggregate.js';
import {
  CaseRun,
  dep,
  EXECUTIVE,
  handler,
  head,
  LEADER,
  screenPark,
  STAFF,
  SUBMIT,
  VERIFY,
} from './case-fixtures.js';

const ECON = 'ECONOMIC_DEVELOPMENT';

/** Zhengyang's rules with extensions and objections as a three-tier rulebook states them. */
function rulesWithExtensionsAndObjections(): ParkRules {
  return {
    ...parkRules('zhengyang'),
    extensions: {
      departmentReply: {
        requestBeforeWorkingDays: 2,
        decidedBy: ['LEADER_IN_CHARGE'],
        maxCount: 1,
        maxLength: { amount: 5, unit: 'WORKING_DAYS' },
      },
    },
    objections: { windowWorkingDays: 3, decidedBy: ['SERVICE_CENTER_STAFF'], decisionWorkingDays: 2 },
  };
}

/**
 * A case assigned to the economic development department on Tue 2026-12-01, its reply due
 * (10 working days) on Tue 2026-12-15, as the API would pass the deadline.
 */
function assigned(rules: ParkRules = rulesWithExtensionsAndObjections()): CaseRun {
  const run = new CaseRun(rules);
  run.today = '2026-12-01';
  run.do(STAFF, VERIFY);
  run.do(STAFF, screenPark(ECON, ['FINANCE']));
  run.do(EXECUTIVE, { type: 'approve', opinion: '同意' });
  run.deadlines = [
    { stage: 'departmentReply', from: '2026-12-01', dueOn: '2026-12-15', doneOn: null, departmentId: null },
  ];
  return run;
}

describe('extensions of the reply deadline (延期申请)', () => {
  it('the lead department asks, the configured role approves, with the dates and reason recorded', () => {
    const run = assigned();
    run.today = '2026-12-10';
    expect(allowedCommands(run.state, run.ctx(handler(ECON)))).toContain('requestExtension');
    const asked = run.do(handler(ECON), {
      type: 'requestExtension',
      newDueOn: '2026-12-22',
      reason: '需等待区供电公司现场勘查结果',
    });
    expect(asked).toMatchObject({
      type: 'ExtensionRequested',
      data: { fromDueOn: '2026-12-15', newDueOn: '2026-12-22', requestedOn: '2026-12-10' },
    });
    // Only the leader in charge decides; the department waits before submitting its result.
    expect(run.refused(STAFF, { type: 'decideExtension', approved: true }).kind).toBe('PERMISSION');
    expect(allowedCommands(run.state, run.ctx(handler(ECON)))).not.toContain('requestExtension');
    run.do(handler(ECON), { type: 'startHandling' });
    expect(run.refused(handler(ECON), SUBMIT).reasonZh).toBe('延期申请尚待审批，暂不能报送办理结果');
    const decided = run.do(LEADER, { type: 'decideExtension', approved: true, note: '同意' });
    expect(decided).toMatchObject({
      type: 'ExtensionDecided',
      data: {
        approved: true,
        fromDueOn: '2026-12-15',
        toDueOn: '2026-12-22',
        reason: '需等待区供电公司现场勘查结果',
      },
    });
    expect(run.state).toMatchObject({ pendingExtension: null, extensionCount: 1 });
    // At most one approved extension under these rules.
    run.deadlines = [{ ...run.deadlines[0], dueOn: '2026-12-22' }];
    expect(
      run.refused(handler(ECON), { type: 'requestExtension', newDueOn: '2026-12-24', reason: '再延' })
        .reasonZh,
    ).toBe('办理时限已延期1次，已达规则上限');
  });

  it('refuses a request after the cut-off, naming the date', () => {
    const run = assigned();
    // Due Tue 15 Dec, asked at least 2 working days before: by Fri 11 Dec.
    run.today = '2026-12-14';
    const late = run.refused(handler(ECON), {
      type: 'requestExtension',
      newDueOn: '2026-12-18',
      reason: '来不及',
    });
    expect(late).toMatchObject({ kind: 'PRECONDITION' });
    expect(late.reasonZh).toBe('已过申请期限：延期须在到期日（2026-12-15）前2个工作日，即2026-12-11前提出');
    run.today = '2026-12-11';
    run.do(handler(ECON), { type: 'requestExtension', newDueOn: '2026-12-18', reason: '需补充材料' });
  });

  it('checks the new date: later than the due date, within the longest extension', () => {
    const run = assigned();
    run.today = '2026-12-08';
    const ask = (newDueOn: string) =>
      run.refused(handler(ECON), { type: 'requestExtension', newDueOn, reason: '需协调' });
    expect(ask('2026-12-15')).toMatchObject({ kind: 'INPUT', field: 'newDueOn' });
    expect(ask('15/12/2026')).toMatchObject({ kind: 'INPUT', field: 'newDueOn' });
    // 5 working days after Tue 15 Dec is Tue 22 Dec; Wed 23 Dec is one too many.
    expect(ask('2026-12-23')).toMatchObject({
      kind: 'INPUT',
      field: 'newDueOn',
      reasonZh: '最多延期5个工作日（本次6个工作日）',
    });
    expect(
      run.refused(handler(ECON), { type: 'requestExtension', newDueOn: '2026-12-22', reason: ' ' }),
    ).toMatchObject({ kind: 'INPUT', field: 'reason' });
    run.do(handler(ECON), { type: 'requestExtension', newDueOn: '2026-12-22', reason: '需协调' });
  });

  it('a refusal needs its reason and leaves the deadline where it was', () => {
    const run = assigned();
    run.today = '2026-12-08';
    run.do(head(ECON), { type: 'requestExtension', newDueOn: '2026-12-18', reason: '需协调' });
    expect(run.refused(LEADER, { type: 'decideExtension', approved: false })).toMatchObject({
      field: 'note',
    });
    const refused = run.do(LEADER, { type: 'decideExtension', approved: false, note: '时限内可以办结' });
    expect(refused.data).toMatchObject({ approved: false, toDueOn: '2026-12-18', note: '时限内可以办结' });
    expect(run.state).toMatchObject({ pendingExtension: null, extensionCount: 0 });
  });

  it('is not offered where the rules have none (Zhengyang), nor to other departments', () => {
    const zhengyang = assigned(parkRules('zhengyang'));
    zhengyang.today = '2026-12-08';
    expect(
      zhengyang.refused(handler(ECON), { type: 'requestExtension', newDueOn: '2026-12-18', reason: '需协调' })
        .reasonZh,
    ).toBe('本园区规则不允许延期');
    const run = assigned();
    run.today = '2026-12-08';
    expect(
      run.refused(handler('FINANCE'), { type: 'requestExtension', newDueOn: '2026-12-18', reason: '需协调' })
        .kind,
    ).toBe('PERMISSION');
  });
});

describe('objections to an assignment (异议)', () => {
  it('the lead department objects within its window; the office maintains it, and that is final', () => {
    const run = assigned();
    run.today = '2026-12-04';
    const objected = run.do(handler(ECON), {
      type: 'objectToAssignment',
      reason: '该事项属招商投资促进部职能',
    });
    expect(objected).toMatchObject({
      type: 'AssignmentObjected',
      data: { departmentId: dep(ECON), assignedOn: '2026-12-01', raisedOn: '2026-12-04' },
    });
    // The department that objects does not decide its own objection.
    expect(
      run.refused(head(ECON), { type: 'decideObjection', outcome: 'MAINTAINED', note: '维持' }).kind,
    ).toBe('PERMISSION');
    expect(run.refused(STAFF, { type: 'decideObjection', outcome: 'MAINTAINED', note: ' ' })).toMatchObject({
      field: 'note',
    });
    const decided = run.do(STAFF, {
      type: 'decideObjection',
      outcome: 'MAINTAINED',
      note: '经核，属该部室职能',
    });
    expect(decided.data).toMatchObject({ outcome: 'MAINTAINED', objectingDepartmentId: dep(ECON) });
    expect(run.state).toMatchObject({
      status: 'ASSIGNED',
      leadDepartmentId: dep(ECON),
      objectionSettled: true,
    });
    expect(run.refused(handler(ECON), { type: 'objectToAssignment', reason: '再次异议' }).reasonZh).toBe(
      '异议已处理，维持原交办，不能再次提出',
    );
  });

  it('a reassignment names another department, which starts from ASSIGNED with its own clock', () => {
    const run = assigned();
    run.today = '2026-12-03';
    run.do(handler(ECON), { type: 'startHandling' });
    run.do(head(ECON), { type: 'objectToAssignment', reason: '不属于本部室职能' });
    expect(run.refused(handler(ECON), SUBMIT).reasonZh).toBe('交办异议尚待处理，暂不能报送办理结果');
    const same = run.refused(STAFF, {
      type: 'decideObjection',
      outcome: 'REASSIGNED',
      leadDepartmentId: dep(ECON),
      note: '调整',
    });
    expect(same).toMatchObject({ kind: 'INPUT', field: 'leadDepartmentId' });
    expect(
      run.refused(STAFF, {
        type: 'decideObjection',
        outcome: 'REASSIGNED',
        leadDepartmentId: dep('DISTRICT_TAXATION'),
        note: '调整',
      }),
    ).toMatchObject({ kind: 'INPUT', field: 'leadDepartmentId' });
    const decided = run.do(STAFF, {
      type: 'decideObjection',
      outcome: 'REASSIGNED',
      leadDepartmentId: dep('INVESTMENT_PROMOTION'),
      cooperatingDepartmentIds: [dep(ECON)],
      note: '调整由招商投资促进部牵头办理',
    });
    expect(decided.data).toMatchObject({
      outcome: 'REASSIGNED',
      leadDepartmentId: dep('INVESTMENT_PROMOTION'),
      from: 'IN_PROGRESS',
      to: 'ASSIGNED',
    });
    expect(run.state).toMatchObject({
      status: 'ASSIGNED',
      leadDepartmentId: dep('INVESTMENT_PROMOTION'),
      cooperatingDepartmentIds: [dep(ECON)],
      pendingObjection: null,
      objectionSettled: false,
    });
    // The former lead department is no longer the one that handles it.
    expect(run.refused(handler(ECON), { type: 'startHandling' }).kind).toBe('PERMISSION');
    run.do(handler('INVESTMENT_PROMOTION'), { type: 'startHandling' });
  });

  it('refuses an objection after its window, naming the last day; Zhengyang takes none', () => {
    const run = assigned();
    // 3 working days from Tue 1 Dec: Fri 4 Dec is the last day.
    run.today = '2026-12-07';
    expect(run.refused(handler(ECON), { type: 'objectToAssignment', reason: '晚了' }).reasonZh).toBe(
      '已过异议期限：须在交办（2026-12-01）后3个工作日内，即2026-12-04前提出',
    );
    const zhengyang = assigned(parkRules('zhengyang'));
    expect(zhengyang.refused(handler(ECON), { type: 'objectToAssignment', reason: '异议' }).reasonZh).toBe(
      '本园区规则不受理交办异议',
    );
  });
});
