import { PARK_ROLES } from '../../auth/roles.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { allowedCommands, decide, registerCase } from '../case-aggregate.js';
import {
  CASE_COMMAND_TYPES,
  type CaseCommand,
  type CaseCommandOf,
  type CaseCommandType,
} from '../case-commands.js';
import { caseStateFromStored, newCaseState, type CaseState } from '../case-state.js';
import { CASE_STATUSES, TERMINAL_CASE_STATUSES } from '../case-status.js';
import { isCommandPossibleIn } from '../case-transitions.js';
import {
  ACCEPT_RESULT,
  ADMIN,
  CaseRun,
  contextFor,
  dep,
  districtCaseIn,
  EXECUTIVE,
  handler,
  head,
  LEADER,
  letterDue,
  parkCaseIn,
  reply,
  screenDistrict,
  screenPark,
  STAFF,
  stageDue,
  SUBMIT,
  TODAY,
  VERIFY,
  type Actor,
} from './case-fixtures.js';

const zhengyang = parkRules('zhengyang');

/** Every park role, for every department: only the status can stop this actor. */
const EVERYONE: Actor = {
  roles: [
    ...PARK_ROLES.map((role) => ({ role, departmentId: null })),
    ...zhengyang.departments.flatMap((d) => [
      { role: 'DEPARTMENT_HEAD' as const, departmentId: dep(d.code) },
      { role: 'DEPARTMENT_HANDLER' as const, departmentId: dep(d.code) },
    ]),
  ],
};

/** A command of each type with plausible input, to probe the status checks. */
const SAMPLE: { [T in CaseCommandType]: CaseCommandOf<T> } = {
  verify: VERIFY,
  reject: { type: 'reject', reason: 'LITIGATION', note: '' },
  recordPolicyDiscussion: { type: 'recordPolicyDiscussion', minutes: '讨论纪要' },
  reportToLeader: { type: 'reportToLeader', summary: '企业用电增容涉及多个部门，已当面汇报' },
  screen: screenPark('ECONOMIC_DEVELOPMENT') as CaseCommandOf<'screen'>,
  approve: { type: 'approve', opinion: '同意' },
  sendBack: { type: 'sendBack', reason: '请补充材料' },
  startHandling: { type: 'startHandling' },
  submitResult: SUBMIT,
  reviewResult: ACCEPT_RESULT,
  recordReferralReply: reply('DISTRICT_TAXATION'),
  grade: { type: 'grade', gradeCode: 'A' },
  recordFollowUp: { type: 'recordFollowUp', satisfactionCode: 'SATISFIED', note: '' },
  closeOut: { type: 'closeOut' },
  specialSupervision: { type: 'specialSupervision', event: 'INCOMPLETE', reason: '办理不彻底' },
  superviseOverdue: { type: 'superviseOverdue' },
  recordCoordination: {
    type: 'recordCoordination',
    kind: 'MEETING',
    heldOn: TODAY,
    participants: ['王主任'],
    minutes: '协调推进会',
  },
  addProgressNote: { type: 'addProgressNote', note: '已约谈企业' },
  escalate: { type: 'escalate', ground: 'FRAUD', reason: '虚报办结情况' },
  requestExtension: { type: 'requestExtension', newDueOn: '2026-04-30', reason: '需协调区级部门' },
  decideExtension: { type: 'decideExtension', approved: true },
  objectToAssignment: { type: 'objectToAssignment', reason: '不属于本部室职能' },
  decideObjection: { type: 'decideObjection', outcome: 'MAINTAINED', note: '属于该部室职能' },
  skipStep: { type: 'skipStep', step: 'verification', reason: '企业已在现场核实' },
  handOverToOffice: { type: 'handOverToOffice', note: '督办后仍未办结' },
  reportPart: { type: 'reportPart', report: '已提供项目用地红线图' },
};

const expectVeto = (decision: ReturnType<typeof decide>, kind: string, field?: string, text?: string) => {
  expect(decision.ok).toBe(false);
  if (decision.ok) return;
  expect(decision.kind).toBe(kind);
  expect(decision.field).toBe(field);
  expect(decision.reason).not.toBe('');
  expect(decision.reasonZh).not.toBe('');
  if (text) expect(decision.reason).toContain(text);
};

describe('status × command', () => {
  it.each(CASE_STATUSES)('vetoes with STATUS every command %s does not admit, whoever asks', (status) => {
    const state: CaseState = { ...newCaseState('OTHER'), status };
    for (const type of CASE_COMMAND_TYPES) {
      const decision = decide(state, SAMPLE[type], contextFor(zhengyang, EVERYONE));
      if (!isCommandPossibleIn(type, status)) expectVeto(decision, 'STATUS');
    }
  });

  it('admits no command at all in the terminal statuses', () => {
    for (const status of TERMINAL_CASE_STATUSES) {
      for (const type of CASE_COMMAND_TYPES) expect(isCommandPossibleIn(type, status)).toBe(false);
    }
    expect(allowedCommands(parkCaseIn('CLOSED').state, contextFor(zhengyang, EVERYONE))).toEqual([]);
  });

  it('refuses an unknown command type as an input problem', () => {
    const bogus = { type: 'delete' } as unknown as CaseCommand;
    expectVeto(decide(newCaseState('OTHER'), bogus, contextFor(zhengyang, STAFF)), 'INPUT', 'type');
  });

  it('never modifies the state it decides on', () => {
    const run = parkCaseIn('IN_PROGRESS');
    const before = run.state;
    const copy = structuredClone(before);
    Object.freeze(before.cooperatingDepartmentIds);
    Object.freeze(before);
    run.do(handler('ECONOMIC_DEVELOPMENT'), SUBMIT);
    expect(before).toEqual(copy);
    expect(run.state).not.toBe(before);
  });
});

describe('registerCase', () => {
  const input = { categoryCode: 'POWER_SUPPLY', channelCode: 'HOTLINE', reportFormCode: 'PHONE' };

  it('registers a case at version 1 for the service center', () => {
    const decision = registerCase(
      { ...input, enterpriseCreditCode: '91350100M000100Y43' },
      contextFor(zhengyang, STAFF),
    );
    expect(decision).toMatchObject({
      ok: true,
      next: { status: 'REGISTERED', version: 1, categoryCode: 'POWER_SUPPLY', reopenCount: 0 },
      event: { type: 'CaseRegistered', data: { channelCode: 'HOTLINE', to: 'REGISTERED' } },
    });
  });

  it.each([
    [{ ...input }, LEADER, 'PERMISSION', undefined],
    [{ ...input, categoryCode: 'LOGISTICS' }, STAFF, 'INPUT', 'categoryCode'],
    [{ ...input, channelCode: 'FAX' }, STAFF, 'INPUT', 'channelCode'],
    [{ ...input, reportFormCode: 'TELEGRAM' }, STAFF, 'INPUT', 'reportFormCode'],
    [{ ...input, enterpriseCreditCode: '91350100M000100Y44' }, STAFF, 'INPUT', 'enterpriseCreditCode'],
    [
      { ...input, hopedDepartmentIds: [dep('FINANCE'), dep('RETIRED_OFFICE')] },
      STAFF,
      'INPUT',
      'hopedDepartmentIds[1]',
    ],
  ])('vetoes %o by %o', (registration, actor, kind, field) => {
    expectVeto(registerCase(registration, contextFor(zhengyang, actor)), kind, field);
  });

  it('takes the report form the channel implies when none is given, and asks for one where it implies none', () => {
    const { reportFormCode: _given, ...withoutForm } = input;
    expect(registerCase(withoutForm, contextFor(zhengyang, STAFF))).toMatchObject({
      ok: true,
      event: { data: { channelCode: 'HOTLINE', reportFormCode: 'PHONE' } },
    });
    expectVeto(
      registerCase({ ...withoutForm, channelCode: 'SERVICE_HALL' }, contextFor(zhengyang, STAFF)),
      'INPUT',
      'reportFormCode',
    );
    // Given, it is kept: a hotline call may forward an e-mail.
    expect(registerCase({ ...input, reportFormCode: 'EMAIL' }, contextFor(zhengyang, STAFF))).toMatchObject({
      ok: true,
      event: { data: { reportFormCode: 'EMAIL' } },
    });
  });

  it('refuses a category the park has switched off', () => {
    const wulingshan = parkRules('wulingshan');
    expectVeto(
      registerCase(
        { categoryCode: 'EPIDEMIC_CONTROL', channelCode: 'HOTLINE', reportFormCode: 'PHONE' },
        contextFor(wulingshan, STAFF),
      ),
      'INPUT',
      'categoryCode',
    );
  });
});

describe('verify', () => {
  it('moves a registered case to VERIFIED for the service center', () => {
    const run = new CaseRun('zhengyang');
    expect(run.do(STAFF, VERIFY)).toEqual({
      type: 'CaseVerified',
      data: { notes: '已电话核实', from: 'REGISTERED', to: 'VERIFIED' },
    });
    expect(run.state).toMatchObject({ status: 'VERIFIED', version: 2 });
  });

  it('vetoes other roles, empty notes and a second verification', () => {
    const run = new CaseRun('zhengyang');
    expectVeto(run.refused(LEADER, VERIFY), 'PERMISSION', undefined, 'service center staff');
    expectVeto(run.refused(handler('FINANCE'), VERIFY), 'PERMISSION');
    expectVeto(run.refused(STAFF, { type: 'verify', notes: '  ' }), 'INPUT', 'notes');
    run.do(STAFF, VERIFY);
    expectVeto(run.refused(STAFF, VERIFY), 'STATUS');
  });
});

describe('reject', () => {
  it('rejects from REGISTERED or VERIFIED and keeps the reason', () => {
    const registered = new CaseRun('zhengyang');
    registered.do(STAFF, { type: 'reject', reason: 'LITIGATION', note: '已起诉' });
    expect(registered.state).toMatchObject({ status: 'REJECTED', rejectionReason: 'LITIGATION' });
    const verified = parkCaseIn('VERIFIED');
    verified.do(STAFF, { type: 'reject', reason: 'NOT_IN_PARK' });
    expect(verified.state).toMatchObject({ status: 'REJECTED', rejectionReason: 'NOT_IN_PARK' });
    expect(verified.events.at(-1)).toEqual({
      type: 'CaseRejected',
      data: { reason: 'NOT_IN_PARK', note: '', from: 'VERIFIED', to: 'REJECTED' },
    });
  });

  it('vetoes reasons the park does not list, other roles, and cases already screened', () => {
    const run = new CaseRun('zhengyang');
    // PETITION is a Wulingshan matter, not a Zhengyang one.
    expectVeto(run.refused(STAFF, { type: 'reject', reason: 'PETITION' }), 'INPUT', 'reason');
    expectVeto(
      run.refused(STAFF, { type: 'reject', reason: 'LITIGATION', note: 3 as unknown as string }),
      'INPUT',
      'note',
    );
    expectVeto(run.refused(EXECUTIVE, { type: 'reject', reason: 'LITIGATION' }), 'PERMISSION');
    expectVeto(
      parkCaseIn('PENDING_APPROVAL').refused(STAFF, { type: 'reject', reason: 'LITIGATION' }),
      'STATUS',
    );
  });
});

describe('recordPolicyDiscussion', () => {
  it('records the discussion without moving the case', () => {
    const run = new CaseRun('zhengyang');
    run.do(STAFF, { type: 'recordPolicyDiscussion', minutes: '经发部、财政部讨论' });
    expect(run.state).toMatchObject({ status: 'REGISTERED', version: 2, policyDiscussionRecorded: true });
    expect(run.events[0].type).toBe('PolicyDiscussionRecorded');
  });

  it('vetoes empty minutes, other roles, and screened cases', () => {
    const run = new CaseRun('zhengyang');
    expectVeto(run.refused(STAFF, { type: 'recordPolicyDiscussion', minutes: '' }), 'INPUT', 'minutes');
    expectVeto(run.refused(LEADER, { type: 'recordPolicyDiscussion', minutes: 'x' }), 'PERMISSION');
    expectVeto(parkCaseIn('PENDING_APPROVAL').refused(STAFF, SAMPLE.recordPolicyDiscussion), 'STATUS');
  });
});

describe('reportToLeader', () => {
  it('records the report without moving the case, and it stays through send-back', () => {
    const run = new CaseRun('zhengyang');
    run.do(STAFF, SAMPLE.reportToLeader);
    expect(run.state).toMatchObject({ status: 'REGISTERED', version: 2, reportedToLeader: true });
    expect(run.events[0]).toMatchObject({
      type: 'ReportedToLeader',
      data: { summary: '企业用电增容涉及多个部门，已当面汇报' },
    });

    const pending = parkCaseIn('VERIFIED');
    pending.do(STAFF, SAMPLE.reportToLeader);
    pending.do(STAFF, screenPark('FINANCE'));
    pending.do(LEADER, { type: 'sendBack', reason: '补充材料' });
    expect(pending.state).toMatchObject({ status: 'VERIFIED', reportedToLeader: true });
  });

  it('vetoes an empty summary, other roles, and screened cases', () => {
    const run = new CaseRun('zhengyang');
    expectVeto(run.refused(STAFF, { type: 'reportToLeader', summary: ' ' }), 'INPUT', 'summary');
    expectVeto(run.refused(LEADER, SAMPLE.reportToLeader), 'PERMISSION');
    expectVeto(parkCaseIn('PENDING_APPROVAL').refused(STAFF, SAMPLE.reportToLeader), 'STATUS');
    expectVeto(parkCaseIn('ASSIGNED').refused(STAFF, SAMPLE.reportToLeader), 'STATUS');
  });

  it('reads a case stored before the act as not reported', () => {
    const { reportedToLeader: _omitted, ...stored } = new CaseRun('zhengyang').state;
    expect(caseStateFromStored(stored).reportedToLeader).toBe(false);
  });
});

describe('screen', () => {
  it('routes one park department to the leader in charge and says why earlier routes failed', () => {
    const run = parkCaseIn('VERIFIED');
    const event = run.do(STAFF, screenPark('ECONOMIC_DEVELOPMENT'));
    expect(run.state).toMatchObject({
      status: 'PENDING_APPROVAL',
      jurisdiction: 'PARK',
      leadDepartmentId: dep('ECONOMIC_DEVELOPMENT'),
      cooperatingDepartmentIds: [],
      routeCode: 'PARK_SINGLE_DEPARTMENT',
      approverRole: 'LEADER_IN_CHARGE',
      sendsReferralLetter: false,
      ccOfficeCodes: [],
    });
    expect(event.data.skippedRoutes).toEqual([
      { index: 0, code: 'DISTRICT_REFERRAL', failed: ['jurisdiction'] },
      { index: 1, code: 'PARK_SEVERAL_DEPARTMENTS', failed: ['departmentCountMin'] },
      { index: 2, code: 'PARK_COMPLEX', failed: ['major'] },
    ]);
  });

  it('routes several departments, and a major single one, to the executive deputy director', () => {
    const several = parkCaseIn('VERIFIED');
    several.do(STAFF, screenPark('ECONOMIC_DEVELOPMENT', ['FINANCE', 'PLANNING_CONSTRUCTION']));
    expect(several.state).toMatchObject({
      routeCode: 'PARK_SEVERAL_DEPARTMENTS',
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
    });
    const major = parkCaseIn('VERIFIED');
    major.do(STAFF, screenPark('ECONOMIC_DEVELOPMENT', [], { major: true }));
    expect(major.state).toMatchObject({
      routeCode: 'PARK_COMPLEX',
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
      major: true,
    });
  });

  it('refers district matters by letter with the cc offices of Art. 7.2', () => {
    const run = parkCaseIn('VERIFIED');
    run.do(STAFF, screenDistrict(['DISTRICT_TAXATION']));
    expect(run.state).toMatchObject({
      jurisdiction: 'DISTRICT',
      leadDepartmentId: null,
      referredDepartmentIds: [dep('DISTRICT_TAXATION')],
      routeCode: 'DISTRICT_REFERRAL',
      sendsReferralLetter: true,
      ccOfficeCodes: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'],
    });
    const major = parkCaseIn('VERIFIED');
    major.do(STAFF, screenDistrict(['DISTRICT_TAXATION'], { major: true }));
    expect(major.state.ccOfficeCodes).toEqual([
      'DISTRICT_PRIVATE_ECONOMY_OFFICE',
      'DISTRICT_RECTIFICATION_OFFICE',
    ]);
  });

  it('requires a recorded policy discussion before a policy-heavy case is routed (Art. 6)', () => {
    const run = parkCaseIn('VERIFIED');
    const heavy = screenPark('ECONOMIC_DEVELOPMENT', [], { policyHeavy: true });
    expectVeto(run.refused(STAFF, heavy), 'PRECONDITION', 'policyHeavy', 'policy discussion');
    run.do(STAFF, { type: 'recordPolicyDiscussion', minutes: '政策讨论' });
    run.do(STAFF, heavy);
    expect(run.state).toMatchObject({ policyHeavy: true, status: 'PENDING_APPROVAL' });
  });

  it.each<[string, CaseCommand, string, string | undefined]>([
    [
      'no lead department',
      screenPark('X', [], { leadDepartmentId: null }),
      'leadDepartmentId',
      'lead department',
    ],
    ['an unknown lead', screenPark('X', [], { leadDepartmentId: 'nope' }), 'leadDepartmentId', 'unknown'],
    ['a bureau as lead', screenPark('DISTRICT_TAXATION'), 'leadDepartmentId', 'district bureau'],
    ['an inactive lead', screenPark('RETIRED_OFFICE'), 'leadDepartmentId', 'no longer active'],
    [
      'the lead cooperating',
      screenPark('FINANCE', ['ECONOMIC_DEVELOPMENT', 'FINANCE']),
      'cooperatingDepartmentIds[1]',
      'cannot also',
    ],
    [
      'a repeated cooperator',
      screenPark('FINANCE', ['ECONOMIC_DEVELOPMENT', 'ECONOMIC_DEVELOPMENT']),
      'cooperatingDepartmentIds[1]',
      'twice',
    ],
    [
      'a bureau cooperating',
      screenPark('FINANCE', ['DISTRICT_TAXATION']),
      'cooperatingDepartmentIds[0]',
      'district bureau',
    ],
    [
      'cooperators not a list',
      screenPark('FINANCE', [], { cooperatingDepartmentIds: 'FINANCE' as unknown as string[] }),
      'cooperatingDepartmentIds',
      'list',
    ],
    [
      'a letter on a route without one',
      screenPark('FINANCE', [], { referredDepartmentIds: [dep('DISTRICT_TAXATION')] }),
      'referredDepartmentIds',
      'sends no referral letter',
    ],
    [
      'a park lead on a district matter',
      screenDistrict(['DISTRICT_TAXATION'], { leadDepartmentId: dep('FINANCE') }),
      'leadDepartmentId',
      'no park lead',
    ],
    [
      'park cooperators on a district matter',
      screenDistrict(['DISTRICT_TAXATION'], { cooperatingDepartmentIds: [dep('FINANCE')] }),
      'cooperatingDepartmentIds',
      undefined,
    ],
    ['no bureau', screenDistrict([]), 'referredDepartmentIds', 'at least one'],
    [
      'a park department referred',
      screenDistrict(['FINANCE']),
      'referredDepartmentIds[0]',
      'park department',
    ],
    [
      'an inactive bureau',
      screenDistrict(['DISTRICT_TAXATION', 'RETIRED_BUREAU']),
      'referredDepartmentIds[1]',
      'no longer active',
    ],
    [
      'an unknown jurisdiction',
      screenPark('FINANCE', [], { jurisdiction: 'CITY' as 'PARK' }),
      'jurisdiction',
      undefined,
    ],
    [
      'a non-boolean major',
      screenPark('FINANCE', [], { major: 'yes' as unknown as boolean }),
      'major',
      undefined,
    ],
    ['no opinion', screenPark('FINANCE', [], { opinion: '' }), 'opinion', 'opinion'],
  ])('vetoes %s', (_what, command, field, text) => {
    expectVeto(parkCaseIn('VERIFIED').refused(STAFF, command), 'INPUT', field, text);
  });

  it('vetoes other roles', () => {
    expectVeto(parkCaseIn('VERIFIED').refused(LEADER, screenPark('FINANCE')), 'PERMISSION');
  });

  it('vetoes when rules without a fallback route have nothing for the case', () => {
    const rules = parkRules('zhengyang');
    rules.approvalRoutes = rules.approvalRoutes.filter((r) => r.code === 'DISTRICT_REFERRAL');
    const run = new CaseRun(rules);
    run.do(STAFF, VERIFY);
    expectVeto(run.refused(STAFF, screenPark('FINANCE')), 'PRECONDITION', undefined, 'No approval route');
  });
});

describe('approve and sendBack', () => {
  it('lets exactly the route approver approve a park case into ASSIGNED', () => {
    const run = parkCaseIn('VERIFIED');
    run.do(STAFF, screenPark('FINANCE'));
    expectVeto(
      run.refused(EXECUTIVE, { type: 'approve', opinion: '' }),
      'PERMISSION',
      undefined,
      'leader in charge',
    );
    expectVeto(run.refused(STAFF, { type: 'approve' }), 'PERMISSION');
    const event = run.do(LEADER, { type: 'approve' });
    expect(run.state.status).toBe('ASSIGNED');
    expect(event).toEqual({
      type: 'CaseApproved',
      data: {
        opinion: '',
        routeCode: 'PARK_SINGLE_DEPARTMENT',
        approverRole: 'LEADER_IN_CHARGE',
        stepIndex: 0,
        stepCount: 1,
        assignmentSheet: true,
        referralLetterDepartmentIds: [],
        ccOfficeCodes: [],
        from: 'PENDING_APPROVAL',
        to: 'ASSIGNED',
      },
    });
  });

  it('approves a district case into REFERRED with its letters', () => {
    const run = districtCaseIn('PENDING_APPROVAL');
    expectVeto(run.refused(LEADER, SAMPLE.approve), 'PERMISSION', undefined, 'executive deputy director');
    const event = run.do(EXECUTIVE, SAMPLE.approve);
    expect(run.state.status).toBe('REFERRED');
    expect(event.data).toMatchObject({
      assignmentSheet: false,
      referralLetterDepartmentIds: [dep('DISTRICT_TAXATION'), dep('DISTRICT_ECONOMY_INFORMATION')],
      ccOfficeCodes: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'],
    });
  });

  it('sends a case back to VERIFIED, clearing the routing but not the discussion', () => {
    const run = parkCaseIn('VERIFIED');
    run.do(STAFF, { type: 'recordPolicyDiscussion', minutes: '讨论' });
    run.do(STAFF, screenPark('FINANCE', ['ECONOMIC_DEVELOPMENT'], { policyHeavy: true }));
    expectVeto(run.refused(EXECUTIVE, { type: 'sendBack', reason: '' }), 'INPUT', 'reason');
    expectVeto(run.refused(LEADER, SAMPLE.sendBack), 'PERMISSION');
    run.do(EXECUTIVE, SAMPLE.sendBack);
    expect(run.state).toMatchObject({
      status: 'VERIFIED',
      jurisdiction: null,
      leadDepartmentId: null,
      cooperatingDepartmentIds: [],
      routeCode: null,
      approverRole: null,
      policyHeavy: false,
      policyDiscussionRecorded: true,
    });
    run.do(STAFF, screenPark('FINANCE'));
    expect(run.state.approverRole).toBe('LEADER_IN_CHARGE');
  });

  it('vetoes approval outside PENDING_APPROVAL', () => {
    expectVeto(parkCaseIn('ASSIGNED').refused(EXECUTIVE, SAMPLE.approve), 'STATUS');
  });
});

describe('startHandling, submitResult, reviewResult', () => {
  it('lets the lead department accept, submit, and its head review', () => {
    const run = parkCaseIn('ASSIGNED');
    expectVeto(
      run.refused(handler('FINANCE'), SAMPLE.startHandling),
      'PERMISSION',
      undefined,
      'lead department',
    );
    expectVeto(run.refused(STAFF, SAMPLE.startHandling), 'PERMISSION');
    run.do(head('ECONOMIC_DEVELOPMENT'), SAMPLE.startHandling);
    expect(run.state.status).toBe('IN_PROGRESS');

    expectVeto(run.refused(handler('FINANCE'), SUBMIT), 'PERMISSION');
    expectVeto(
      run.refused(handler('ECONOMIC_DEVELOPMENT'), { ...SUBMIT, replyToEnterprise: '' }),
      'INPUT',
      'replyToEnterprise',
    );
    expectVeto(run.refused(handler('ECONOMIC_DEVELOPMENT'), { ...SUBMIT, result: ' ' }), 'INPUT', 'result');
    run.do(handler('ECONOMIC_DEVELOPMENT'), SUBMIT);
    expect(run.state.status).toBe('RESULT_SUBMITTED');

    expectVeto(
      run.refused(handler('ECONOMIC_DEVELOPMENT'), ACCEPT_RESULT),
      'PERMISSION',
      undefined,
      'department head',
    );
    expectVeto(run.refused(head('FINANCE'), ACCEPT_RESULT), 'PERMISSION');
    expectVeto(
      run.refused(head('ECONOMIC_DEVELOPMENT'), { type: 'reviewResult', approved: false }),
      'INPUT',
      'comment',
    );
    expectVeto(
      run.refused(head('ECONOMIC_DEVELOPMENT'), {
        type: 'reviewResult',
        approved: 'yes' as unknown as boolean,
      }),
      'INPUT',
      'approved',
    );
    run.do(head('ECONOMIC_DEVELOPMENT'), { type: 'reviewResult', approved: false, comment: '答复不完整' });
    expect(run.state.status).toBe('IN_PROGRESS');
    run.do(handler('ECONOMIC_DEVELOPMENT'), SUBMIT);
    run.do(head('ECONOMIC_DEVELOPMENT'), ACCEPT_RESULT);
    expect(run.state.status).toBe('RESPONDED');
  });

  it('vetoes each step outside its status', () => {
    expectVeto(
      parkCaseIn('IN_PROGRESS').refused(handler('ECONOMIC_DEVELOPMENT'), SAMPLE.startHandling),
      'STATUS',
    );
    expectVeto(parkCaseIn('ASSIGNED').refused(handler('ECONOMIC_DEVELOPMENT'), SUBMIT), 'STATUS');
    expectVeto(parkCaseIn('IN_PROGRESS').refused(head('ECONOMIC_DEVELOPMENT'), ACCEPT_RESULT), 'STATUS');
  });
});

describe('recordReferralReply', () => {
  it('moves a referred case to RESPONDED once every bureau replied', () => {
    const run = districtCaseIn('REFERRED');
    expect(run.do(STAFF, reply('DISTRICT_TAXATION', '2026-03-09')).data).toMatchObject({
      departmentId: dep('DISTRICT_TAXATION'),
      repliedOn: '2026-03-09',
      responsiblePerson: '张科长',
      allReplied: false,
      to: 'REFERRED',
    });
    expect(run.state.repliesRecorded).toEqual([dep('DISTRICT_TAXATION')]);
    run.do(STAFF, reply('DISTRICT_ECONOMY_INFORMATION'));
    expect(run.state.status).toBe('RESPONDED');
  });

  it.each<[string, CaseCommand, string]>([
    ['a bureau not written to', reply('DISTRICT_MARKET_REGULATION'), 'departmentId'],
    ['a reply dated after today', reply('DISTRICT_TAXATION', '2026-03-11'), 'repliedOn'],
    ['a date that is not one', reply('DISTRICT_TAXATION', '2026-02-30'), 'repliedOn'],
    [
      'no responsible person',
      { ...reply('DISTRICT_TAXATION'), responsiblePerson: '' } as CaseCommand,
      'responsiblePerson',
    ],
    ['no contact', { ...reply('DISTRICT_TAXATION'), contact: '' } as CaseCommand, 'contact'],
    ['no content', { ...reply('DISTRICT_TAXATION'), content: '' } as CaseCommand, 'content'],
  ])('vetoes %s', (_what, command, field) => {
    expectVeto(districtCaseIn('REFERRED').refused(STAFF, command), 'INPUT', field);
  });

  it('vetoes a second reply of the same bureau, other roles, and cases with no reply pending', () => {
    const run = districtCaseIn('REFERRED');
    run.do(STAFF, reply('DISTRICT_TAXATION'));
    expectVeto(run.refused(STAFF, reply('DISTRICT_TAXATION')), 'INPUT', 'departmentId', 'already recorded');
    expectVeto(run.refused(head('FINANCE'), reply('DISTRICT_ECONOMY_INFORMATION')), 'PERMISSION');
    expectVeto(districtCaseIn('RESPONDED').refused(STAFF, reply('DISTRICT_TAXATION')), 'PRECONDITION');
    expectVeto(parkCaseIn('IN_PROGRESS').refused(STAFF, reply('DISTRICT_TAXATION')), 'PRECONDITION');
    expectVeto(districtCaseIn('PENDING_APPROVAL').refused(STAFF, reply('DISTRICT_TAXATION')), 'STATUS');
  });
});

describe('grade', () => {
  it('grades A into GRADED, B into TRACKING, and regrades from TRACKING', () => {
    const a = parkCaseIn('RESPONDED');
    expect(a.do(STAFF, { type: 'grade', gradeCode: 'A' }).data).toMatchObject({
      gradeCode: 'A',
      reviewRequired: false,
      closesCase: true,
      previousGradeCode: null,
    });
    expect(a.state).toMatchObject({ status: 'GRADED', gradeCode: 'A' });

    const b = parkCaseIn('RESPONDED');
    b.do(STAFF, { type: 'grade', gradeCode: 'B' });
    expect(b.state).toMatchObject({ status: 'TRACKING', gradeCode: 'B' });
    b.do(STAFF, { type: 'grade', gradeCode: 'B' });
    expect(b.state).toMatchObject({ status: 'TRACKING', gradeCode: 'B' });
    expect(b.do(STAFF, { type: 'grade', gradeCode: 'A' }).data.previousGradeCode).toBe('B');
    expect(b.state).toMatchObject({ status: 'GRADED', gradeCode: 'A' });
  });

  it('requires the reason a C grade states (Art. 9)', () => {
    const run = parkCaseIn('RESPONDED');
    expectVeto(run.refused(STAFF, { type: 'grade', gradeCode: 'C' }), 'INPUT', 'reason', 'Grade C');
    expectVeto(run.refused(STAFF, { type: 'grade', gradeCode: 'C', reason: ' ' }), 'INPUT', 'reason');
    run.do(STAFF, { type: 'grade', gradeCode: 'C', reason: '受用地指标政策限制' });
    expect(run.state).toMatchObject({ status: 'GRADED', gradeCode: 'C' });
  });

  it('vetoes unknown grades, other roles and ungraded statuses', () => {
    const run = parkCaseIn('RESPONDED');
    expectVeto(run.refused(STAFF, { type: 'grade', gradeCode: 'D' }), 'INPUT', 'gradeCode', 'A, B, C');
    expectVeto(run.refused(LEADER, SAMPLE.grade), 'PERMISSION');
    expectVeto(parkCaseIn('IN_PROGRESS').refused(STAFF, SAMPLE.grade), 'STATUS');
    expectVeto(parkCaseIn('GRADED').refused(STAFF, SAMPLE.grade), 'STATUS');
  });
});

describe('recordFollowUp and closeOut', () => {
  it('closes out a satisfied follow-up of a grade that closes the case', () => {
    const run = parkCaseIn('GRADED');
    expect(
      run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'BASICALLY_SATISFIED' }).data,
    ).toMatchObject({
      satisfactionCode: 'BASICALLY_SATISFIED',
      countsAsSatisfied: true,
      note: '',
    });
    expect(run.do(STAFF, SAMPLE.closeOut)).toEqual({
      type: 'CaseClosedOut',
      data: { gradeCode: 'A', satisfactionCode: 'BASICALLY_SATISFIED', from: 'FOLLOWED_UP', to: 'CLOSED' },
    });
  });

  it('vetoes unknown levels, other roles and cases still under tracking', () => {
    const run = parkCaseIn('GRADED');
    expectVeto(
      run.refused(STAFF, { type: 'recordFollowUp', satisfactionCode: 'THRILLED' }),
      'INPUT',
      'satisfactionCode',
    );
    expectVeto(run.refused(head('ECONOMIC_DEVELOPMENT'), SAMPLE.recordFollowUp), 'PERMISSION');
    expectVeto(parkCaseIn('TRACKING').refused(STAFF, SAMPLE.recordFollowUp), 'STATUS');
  });

  it('refuses to close out an unsatisfied enterprise, or a grade that does not close', () => {
    const unsatisfied = parkCaseIn('FOLLOWED_UP', 'zhengyang', { satisfaction: 'UNSATISFIED' });
    expectVeto(unsatisfied.refused(STAFF, SAMPLE.closeOut), 'PRECONDITION', undefined, 'special supervision');
    expect(allowedCommands(unsatisfied.state, unsatisfied.ctx(STAFF))).toEqual([
      'specialSupervision',
      'escalate',
    ]);

    const rules = parkRules('zhengyang');
    rules.grades = rules.grades.map((g) => (g.code === 'A' ? { ...g, closesCase: false } : g));
    const run = new CaseRun(rules);
    run.state = parkCaseIn('FOLLOWED_UP').state;
    expectVeto(run.refused(STAFF, SAMPLE.closeOut), 'PRECONDITION', undefined, 'does not close');
    expectVeto(parkCaseIn('FOLLOWED_UP').refused(LEADER, SAMPLE.closeOut), 'PERMISSION');
  });
});

describe('specialSupervision', () => {
  it('reopens an unsatisfied park case to IN_PROGRESS and clears grade and follow-up', () => {
    const run = parkCaseIn('FOLLOWED_UP', 'zhengyang', { satisfaction: 'UNSATISFIED' });
    const event = run.do(STAFF, { type: 'specialSupervision', event: 'UNSATISFIED', reason: '企业不满意' });
    expect(run.state).toMatchObject({
      status: 'IN_PROGRESS',
      gradeCode: null,
      satisfactionCode: null,
      reopenCount: 1,
    });
    expect(event.data).toMatchObject({
      event: 'UNSATISFIED',
      previousGradeCode: 'A',
      previousSatisfactionCode: 'UNSATISFIED',
      addresseeDepartmentIds: [dep('ECONOMIC_DEVELOPMENT')],
    });
  });

  it('reopens for incomplete or non-standard handling from RESPONDED to TRACKING/GRADED', () => {
    const responded = parkCaseIn('RESPONDED');
    responded.do(STAFF, { type: 'specialSupervision', event: 'INCOMPLETE', reason: '办理不彻底' });
    expect(responded.state.status).toBe('IN_PROGRESS');
    const tracking = parkCaseIn('TRACKING');
    tracking.do(STAFF, { type: 'specialSupervision', event: 'NON_STANDARD_REPLY', reason: '答复不规范' });
    expect(tracking.state).toMatchObject({ status: 'IN_PROGRESS', gradeCode: null });
  });

  it('sends a district case back to its bureaus, who must reply again', () => {
    const run = districtCaseIn('RESPONDED');
    const event = run.do(STAFF, {
      type: 'specialSupervision',
      event: 'NON_STANDARD_REPLY',
      reason: '答复不规范',
    });
    expect(run.state).toMatchObject({ status: 'REFERRED', repliesRecorded: [], reopenCount: 1 });
    expect(event.data.addresseeDepartmentIds).toEqual([
      dep('DISTRICT_TAXATION'),
      dep('DISTRICT_ECONOMY_INFORMATION'),
    ]);
  });

  it('vetoes events that do not apply, and a missing reason', () => {
    const satisfied = parkCaseIn('FOLLOWED_UP');
    expectVeto(
      satisfied.refused(STAFF, { type: 'specialSupervision', event: 'UNSATISFIED', reason: 'x' }),
      'INPUT',
      'event',
      'unsatisfied',
    );
    expectVeto(
      satisfied.refused(STAFF, { type: 'specialSupervision', event: 'OVERDUE', reason: 'x' }),
      'INPUT',
      'event',
    );
    expectVeto(
      satisfied.refused(STAFF, { type: 'specialSupervision', event: 'INCOMPLETE', reason: '' }),
      'INPUT',
      'reason',
    );
    expectVeto(satisfied.refused(LEADER, SAMPLE.specialSupervision), 'PERMISSION');
    expectVeto(parkCaseIn('IN_PROGRESS').refused(STAFF, SAMPLE.specialSupervision), 'STATUS');
  });

  it('follows the park triggers: no trigger, or one that does not reopen, gives no special supervision', () => {
    const rules = parkRules('zhengyang');
    rules.supervisionTriggers = rules.supervisionTriggers.map((t) =>
      t.event === 'INCOMPLETE'
        ? { ...t, reopensCase: false }
        : t.event === 'NON_STANDARD_REPLY'
          ? { ...t, action: 'SUPERVISION' as const }
          : t,
    );
    const run = new CaseRun(rules);
    run.state = parkCaseIn('RESPONDED').state;
    expectVeto(run.refused(STAFF, SAMPLE.specialSupervision), 'PRECONDITION');
    run.state = parkCaseIn('FOLLOWED_UP', 'zhengyang', { satisfaction: 'UNSATISFIED' }).state;
    expectVeto(run.refused(STAFF, SAMPLE.specialSupervision), 'INPUT', 'event', 'do not reopen');
    run.do(STAFF, { type: 'specialSupervision', event: 'UNSATISFIED', reason: '不满意' });
  });
});

describe('superviseOverdue', () => {
  const LEAD = dep('ECONOMIC_DEVELOPMENT');

  it("states the case's own overdue handling deadline, whatever date a client sends", () => {
    const run = parkCaseIn('IN_PROGRESS');
    run.deadlines = [stageDue('departmentReply', '2026-03-09')];
    // An old client still sending a date of its choosing: the letter states the case's deadline.
    const stale = { type: 'superviseOverdue', dueOn: '2026-03-01' } as CaseCommand;
    const event = run.do(STAFF, stale);
    expect(run.state).toMatchObject({ status: 'IN_PROGRESS', supervisionCount: 1 });
    expect(event).toEqual({
      type: 'OverdueSupervised',
      data: {
        stage: 'departmentReply',
        dueOn: '2026-03-09',
        note: '',
        addresseeDepartmentIds: [LEAD],
        overdue: [{ stage: 'departmentReply', dueOn: '2026-03-09', departmentId: LEAD }],
        from: 'IN_PROGRESS',
        to: 'IN_PROGRESS',
      },
    });
  });

  it.each<[string, ReturnType<typeof stageDue>[], string]>([
    [
      'a deadline still running',
      [stageDue('departmentReply', '2026-03-20')],
      'Not overdue: due on 2026-03-20',
    ],
    ['a deadline due today', [stageDue('departmentReply', TODAY)], `Not overdue: due on ${TODAY}`],
    ['no deadline at all', [], 'No handling or reply deadline'],
    [
      'a missed deadline already done',
      [stageDue('departmentReply', '2026-03-02', '2026-03-05')],
      'No handling or reply deadline',
    ],
    ['an overdue stage that is not supervised', [stageDue('approval', '2026-03-02')], 'No handling'],
  ])('refuses a letter, and does not offer one, for %s', (_what, deadlines, text) => {
    const run = parkCaseIn('IN_PROGRESS');
    run.deadlines = deadlines;
    expectVeto(run.refused(STAFF, SAMPLE.superviseOverdue), 'PRECONDITION', 'deadlines', text);
    expect(allowedCommands(run.state, run.ctx(STAFF))).not.toContain('superviseOverdue');
  });

  it("writes to each bureau that has not replied, stating its referral letter's reply date", () => {
    const run = districtCaseIn('REFERRED');
    run.deadlines = [
      stageDue('referralReply', '2026-03-06'),
      letterDue('DISTRICT_TAXATION', '2026-03-06', '2026-03-05'),
      letterDue('DISTRICT_ECONOMY_INFORMATION', '2026-03-06'),
    ];
    run.do(STAFF, reply('DISTRICT_TAXATION', '2026-03-05'));
    const event = run.do(STAFF, { type: 'superviseOverdue', note: '请尽快回复' });
    expect(event.data).toMatchObject({
      stage: 'referralReply',
      dueOn: '2026-03-06',
      note: '请尽快回复',
      addresseeDepartmentIds: [dep('DISTRICT_ECONOMY_INFORMATION')],
      overdue: [
        { stage: 'referralReply', dueOn: '2026-03-06', departmentId: dep('DISTRICT_ECONOMY_INFORMATION') },
      ],
    });
  });

  it('leaves out a bureau whose letter is not yet due', () => {
    const run = districtCaseIn('REFERRED');
    run.deadlines = [
      stageDue('referralReply', '2026-03-06'),
      letterDue('DISTRICT_TAXATION', '2026-03-06'),
      letterDue('DISTRICT_ECONOMY_INFORMATION', '2026-03-12'),
    ];
    expect(run.do(STAFF, SAMPLE.superviseOverdue).data.overdue).toEqual([
      { stage: 'referralReply', dueOn: '2026-03-06', departmentId: dep('DISTRICT_TAXATION') },
    ]);
    run.deadlines = [
      letterDue('DISTRICT_TAXATION', '2026-03-12'),
      letterDue('DISTRICT_ECONOMY_INFORMATION', TODAY),
    ];
    expectVeto(run.refused(STAFF, SAMPLE.superviseOverdue), 'PRECONDITION', 'deadlines');
  });

  it('after a special supervision sends a referral case back, states its new reply deadline', () => {
    const run = districtCaseIn('RESPONDED');
    run.do(STAFF, { type: 'grade', gradeCode: 'A' });
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'UNSATISFIED' });
    run.do(STAFF, { type: 'specialSupervision', event: 'UNSATISFIED', reason: '企业不满意' });
    expect(run.state.status).toBe('REFERRED');
    // Both letters were answered in the first round; the case's reopened deadline runs for both.
    run.deadlines = [
      letterDue('DISTRICT_TAXATION', '2026-02-20', '2026-02-19'),
      letterDue('DISTRICT_ECONOMY_INFORMATION', '2026-02-20', '2026-02-19'),
      stageDue('referralReply', '2026-02-20', '2026-02-19'),
      stageDue('referralReply', '2026-03-09'),
    ];
    expect(run.do(STAFF, SAMPLE.superviseOverdue).data).toMatchObject({
      dueOn: '2026-03-09',
      addresseeDepartmentIds: [dep('DISTRICT_TAXATION'), dep('DISTRICT_ECONOMY_INFORMATION')],
    });
  });

  it('vetoes a note that is not text, other roles and other statuses', () => {
    const run = parkCaseIn('IN_PROGRESS');
    run.deadlines = [stageDue('departmentReply', '2026-03-09')];
    expectVeto(
      run.refused(STAFF, { type: 'superviseOverdue', note: 42 } as unknown as CaseCommand),
      'INPUT',
      'note',
    );
    expectVeto(run.refused(LEADER, SAMPLE.superviseOverdue), 'PERMISSION');
    expectVeto(parkCaseIn('REGISTERED').refused(STAFF, SAMPLE.superviseOverdue), 'STATUS');
    expectVeto(parkCaseIn('GRADED').refused(STAFF, SAMPLE.superviseOverdue), 'STATUS');
  });

  it('is not offered when the park rules have no overdue supervision', () => {
    const rules = parkRules('zhengyang');
    rules.supervisionTriggers = rules.supervisionTriggers.filter((t) => t.event !== 'OVERDUE');
    const run = new CaseRun(rules);
    run.state = parkCaseIn('IN_PROGRESS').state;
    run.deadlines = [stageDue('departmentReply', '2026-03-09')];
    expectVeto(run.refused(STAFF, SAMPLE.superviseOverdue), 'PRECONDITION', undefined, 'no supervision');
  });
});

describe('escalate (Art. 11)', () => {
  it('records the ground and the reason, by the service center, and leaves the case where it was', () => {
    const run = parkCaseIn('IN_PROGRESS');
    const event = run.do(STAFF, SAMPLE.escalate);
    expect(event.type).toBe('CaseEscalated');
    expect(event.data).toMatchObject({ ground: 'FRAUD', reason: '虚报办结情况', to: 'IN_PROGRESS' });
    expect(run.state.status).toBe('IN_PROGRESS');
  });

  it('needs a known ground and a reason; only the service center; not before assignment or after close-out', () => {
    const run = parkCaseIn('IN_PROGRESS');
    expectVeto(
      run.refused(STAFF, { type: 'escalate', ground: 'LATE', reason: '久拖不办' }),
      'INPUT',
      'ground',
    );
    expectVeto(run.refused(STAFF, { type: 'escalate', ground: 'LEAK', reason: ' ' }), 'INPUT', 'reason');
    expectVeto(run.refused(head('ECONOMIC_DEVELOPMENT'), SAMPLE.escalate), 'PERMISSION');
    expectVeto(parkCaseIn('VERIFIED').refused(STAFF, SAMPLE.escalate), 'STATUS');
    expectVeto(parkCaseIn('CLOSED').refused(STAFF, SAMPLE.escalate), 'STATUS');
  });
});

describe('recordCoordination and addProgressNote', () => {
  it('lets leaders, the service center and involved department heads record coordination (Art. 8)', () => {
    for (const actor of [LEADER, EXECUTIVE, STAFF, head('ECONOMIC_DEVELOPMENT'), head('FINANCE')]) {
      const run = parkCaseIn('IN_PROGRESS');
      expect(run.do(actor, SAMPLE.recordCoordination).data).toMatchObject({
        kind: 'MEETING',
        participants: ['王主任'],
      });
      expect(run.state.status).toBe('IN_PROGRESS');
    }
  });

  it.each<[string, Actor, CaseCommand, string, string | undefined]>([
    ['a handler', handler('ECONOMIC_DEVELOPMENT'), SAMPLE.recordCoordination, 'PERMISSION', undefined],
    ['an uninvolved head', head('PLANNING_CONSTRUCTION'), SAMPLE.recordCoordination, 'PERMISSION', undefined],
    [
      'an unknown kind',
      STAFF,
      { ...SAMPLE.recordCoordination, kind: 'DINNER' } as unknown as CaseCommand,
      'INPUT',
      'kind',
    ],
    [
      'a future meeting',
      STAFF,
      { ...SAMPLE.recordCoordination, heldOn: '2026-04-01' } as CaseCommand,
      'INPUT',
      'heldOn',
    ],
    [
      'participants not a list',
      STAFF,
      { ...SAMPLE.recordCoordination, participants: '王主任' } as unknown as CaseCommand,
      'INPUT',
      'participants',
    ],
    ['no minutes', STAFF, { ...SAMPLE.recordCoordination, minutes: '' } as CaseCommand, 'INPUT', 'minutes'],
  ])('vetoes coordination by %s', (_what, actor, command, kind, field) => {
    expectVeto(parkCaseIn('IN_PROGRESS').refused(actor, command), kind, field);
  });

  it('lets the lead and cooperating departments and the service center add progress notes', () => {
    for (const actor of [handler('ECONOMIC_DEVELOPMENT'), handler('FINANCE'), head('FINANCE'), STAFF]) {
      const run = parkCaseIn('ASSIGNED');
      expect(run.do(actor, SAMPLE.addProgressNote).type).toBe('ProgressNoteAdded');
    }
    const run = parkCaseIn('ASSIGNED');
    expectVeto(run.refused(handler('PLANNING_CONSTRUCTION'), SAMPLE.addProgressNote), 'PERMISSION');
    expectVeto(run.refused(LEADER, SAMPLE.addProgressNote), 'PERMISSION');
    expectVeto(run.refused(STAFF, { type: 'addProgressNote', note: '' }), 'INPUT', 'note');
    expectVeto(parkCaseIn('CLOSED').refused(STAFF, SAMPLE.addProgressNote), 'STATUS');
    expectVeto(parkCaseIn('VERIFIED').refused(STAFF, SAMPLE.recordCoordination), 'STATUS');
  });
});

describe('allowedCommands', () => {
  const allowed = (run: CaseRun, actor: Actor) => allowedCommands(run.state, run.ctx(actor));

  it('lists what each actor may do now', () => {
    const registered = new CaseRun('zhengyang');
    expect(allowed(registered, STAFF)).toEqual([
      'verify',
      'reject',
      'recordPolicyDiscussion',
      'reportToLeader',
    ]);
    expect(allowed(registered, LEADER)).toEqual([]);
    expect(allowed(registered, ADMIN)).toEqual([]);

    const pending = parkCaseIn('VERIFIED');
    pending.do(STAFF, screenPark('FINANCE'));
    expect(allowed(pending, LEADER)).toEqual(['approve', 'sendBack']);
    expect(allowed(pending, EXECUTIVE)).toEqual([]);

    const assigned = parkCaseIn('ASSIGNED');
    expect(allowed(assigned, handler('ECONOMIC_DEVELOPMENT'))).toEqual(['startHandling', 'addProgressNote']);
    expect(allowed(assigned, handler('FINANCE'))).toEqual(['addProgressNote']);
    expect(allowed(assigned, head('FINANCE'))).toEqual(['recordCoordination', 'addProgressNote']);
    expect(allowed(assigned, STAFF)).toEqual(['recordCoordination', 'addProgressNote', 'escalate']);
    // Supervision is offered once the handling deadline has passed.
    assigned.deadlines = [stageDue('departmentReply', '2026-03-09')];
    expect(allowed(assigned, STAFF)).toEqual([
      'superviseOverdue',
      'recordCoordination',
      'addProgressNote',
      'escalate',
    ]);

    expect(allowed(parkCaseIn('RESULT_SUBMITTED'), head('ECONOMIC_DEVELOPMENT'))).toEqual([
      'reviewResult',
      'recordCoordination',
      'addProgressNote',
    ]);
    expect(allowed(parkCaseIn('RESPONDED'), STAFF)).toEqual([
      'grade',
      'specialSupervision',
      'addProgressNote',
      'escalate',
    ]);
    expect(allowed(parkCaseIn('FOLLOWED_UP'), STAFF)).toEqual(['closeOut', 'specialSupervision', 'escalate']);
    const referred = districtCaseIn('REFERRED');
    referred.deadlines = [letterDue('DISTRICT_TAXATION', '2026-03-06')];
    expect(allowed(referred, STAFF)).toEqual([
      'recordReferralReply',
      'superviseOverdue',
      'recordCoordination',
      'addProgressNote',
      'escalate',
    ]);
  });

  it('agrees with decide: every allowed command passes the status, role and precondition checks', () => {
    const run = parkCaseIn('IN_PROGRESS');
    for (const deadlines of [[], [stageDue('departmentReply', '2026-03-09')]]) {
      run.deadlines = deadlines;
      for (const type of CASE_COMMAND_TYPES) {
        const decision = decide(run.state, SAMPLE[type], run.ctx(STAFF));
        const barred = !decision.ok && decision.kind !== 'INPUT';
        expect(allowed(run, STAFF).includes(type)).toBe(!barred);
      }
    }
  });
});
