import { allowedCommands, decide } from '../case-aggregate.js';
import { completesApproval } from '../approval-chain.js';
import { caseInvariantViolations } from '../case-invariants.js';
import { caseStateFromStored, type CaseState } from '../case-state.js';
import { chainRules } from './chain-fixtures.js';
import {
  CaseRun,
  dep,
  districtCaseIn,
  EXECUTIVE,
  head,
  LEADER,
  parkCaseIn,
  screenDistrict,
  screenPark,
  STAFF,
  VERIFY,
} from './case-fixtures.js';

const APPROVE = { type: 'approve', opinion: '同意' } as const;
const SEND_BACK = { type: 'sendBack', reason: '请补充企业用地材料' } as const;

/** A case of the chain rules, verified and screened with `screen`. */
function screened(screen: Parameters<CaseRun['do']>[1]): CaseRun {
  const run = new CaseRun(chainRules());
  run.do(STAFF, VERIFY);
  run.do(STAFF, screen);
  return run;
}

describe('a route of two sign-offs (会签)', () => {
  const several = () => screened(screenPark('ECONOMIC_DEVELOPMENT', ['FINANCE']));

  it('awaits the first step, then the second, each signing in turn', () => {
    const run = several();
    expect(run.state).toMatchObject({
      status: 'PENDING_APPROVAL',
      routeCode: 'PARK_SEVERAL_DEPARTMENTS',
      approvalSteps: ['LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR'],
      approvalStepIndex: 0,
      approverRole: 'LEADER_IN_CHARGE',
    });

    const first = run.do(LEADER, { type: 'approve', opinion: '同意，请常务副主任审签' });
    expect(first).toEqual({
      type: 'CaseApproved',
      data: {
        opinion: '同意，请常务副主任审签',
        routeCode: 'PARK_SEVERAL_DEPARTMENTS',
        approverRole: 'LEADER_IN_CHARGE',
        stepIndex: 0,
        stepCount: 2,
        from: 'PENDING_APPROVAL',
        to: 'PENDING_APPROVAL',
      },
    });
    expect(run.state).toMatchObject({
      status: 'PENDING_APPROVAL',
      approvalStepIndex: 1,
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
    });

    const last = run.do(EXECUTIVE, APPROVE);
    expect(run.state).toMatchObject({
      status: 'ASSIGNED',
      approvalStepIndex: 2,
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
    });
    expect(last.data).toMatchObject({
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
      stepIndex: 1,
      stepCount: 2,
      opinion: '同意',
      assignmentSheet: true,
      referralLetterDepartmentIds: [],
      from: 'PENDING_APPROVAL',
      to: 'ASSIGNED',
    });
  });

  it('keeps the order: the second signer cannot sign first, nor the first twice', () => {
    const run = several();
    const early = run.refused(EXECUTIVE, APPROVE);
    expect(early).toMatchObject({ kind: 'PERMISSION' });
    expect(early.reason).toContain('leader in charge');
    expect(allowedCommands(run.state, run.ctx(EXECUTIVE))).not.toContain('approve');
    expect(allowedCommands(run.state, run.ctx(LEADER))).toEqual(
      expect.arrayContaining(['approve', 'sendBack']),
    );

    run.do(LEADER, APPROVE);
    expect(run.refused(LEADER, APPROVE)).toMatchObject({ kind: 'PERMISSION' });
    expect(run.refused(LEADER, SEND_BACK)).toMatchObject({ kind: 'PERMISSION' });
    expect(run.refused(STAFF, APPROVE)).toMatchObject({ kind: 'PERMISSION' });
    expect(allowedCommands(run.state, run.ctx(LEADER))).not.toContain('approve');
    expect(allowedCommands(run.state, run.ctx(EXECUTIVE))).toEqual(
      expect.arrayContaining(['approve', 'sendBack']),
    );
  });

  it('lets the second step send the case back, clearing the chain; screening starts it again', () => {
    const run = several();
    run.do(LEADER, APPROVE);
    const back = run.do(EXECUTIVE, SEND_BACK);
    expect(back.data).toMatchObject({
      reason: SEND_BACK.reason,
      routeCode: 'PARK_SEVERAL_DEPARTMENTS',
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
      stepIndex: 1,
      from: 'PENDING_APPROVAL',
      to: 'VERIFIED',
    });
    expect(run.state).toMatchObject({
      status: 'VERIFIED',
      routeCode: null,
      approverRole: null,
      approvalSteps: [],
      approvalStepIndex: 0,
      flagCodes: [],
    });
    run.do(STAFF, screenPark('ECONOMIC_DEVELOPMENT', ['FINANCE']));
    expect(run.state).toMatchObject({ approvalStepIndex: 0, approverRole: 'LEADER_IN_CHARGE' });
  });

  it('lets the first step send the case back too', () => {
    const run = several();
    run.do(LEADER, SEND_BACK);
    expect(run.state.status).toBe('VERIFIED');
  });

  it('refuses an opinion that is not text, without counting the sign-off', () => {
    const run = several();
    expect(run.refused(LEADER, { type: 'approve', opinion: 42 as unknown as string })).toMatchObject({
      kind: 'INPUT',
      field: 'opinion',
    });
    expect(run.state.approvalStepIndex).toBe(0);
  });
});

describe('a route with no sign-off', () => {
  it('assigns a park case at screening, with its assignment sheet, and has nothing to approve', () => {
    const run = screened(screenPark('ECONOMIC_DEVELOPMENT'));
    expect(run.state).toMatchObject({
      status: 'ASSIGNED',
      routeCode: 'PARK_SINGLE_DEPARTMENT',
      approvalSteps: [],
      approvalStepIndex: 0,
      approverRole: null,
    });
    expect(run.events.at(-1)).toMatchObject({
      type: 'CaseScreened',
      data: { assignmentSheet: true, referralLetterDepartmentIds: [], from: 'VERIFIED', to: 'ASSIGNED' },
    });
    expect(run.refused(LEADER, APPROVE)).toMatchObject({ kind: 'STATUS' });
    expect(completesApproval('VERIFIED', run.state.status)).toBe(true);
  });

  it('refers a flagged district case by letter at screening', () => {
    const run = screened(screenDistrict(['DISTRICT_TAXATION'], { flagCodes: ['KEY_PROJECT'] }));
    expect(run.state).toMatchObject({
      status: 'REFERRED',
      routeCode: 'KEY_PROJECT_DISTRICT',
      approverRole: null,
      flagCodes: ['KEY_PROJECT'],
    });
    expect(run.events.at(-1)!.data).toMatchObject({
      assignmentSheet: false,
      referralLetterDepartmentIds: [dep('DISTRICT_TAXATION')],
      ccOfficeCodes: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'],
    });
  });
});

describe('case flags at screening', () => {
  it('route a flagged case by the flag, in that route’s order of sign-offs', () => {
    const run = screened(screenPark('ECONOMIC_DEVELOPMENT', [], { flagCodes: ['KEY_PROJECT'] }));
    expect(run.state).toMatchObject({
      routeCode: 'KEY_PROJECT',
      flagCodes: ['KEY_PROJECT'],
      approvalSteps: ['EXECUTIVE_DEPUTY_DIRECTOR', 'LEADER_IN_CHARGE'],
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
    });
    expect(run.refused(LEADER, APPROVE)).toMatchObject({ kind: 'PERMISSION' });
    run.do(EXECUTIVE, APPROVE);
    run.do(LEADER, APPROVE);
    expect(run.state.status).toBe('ASSIGNED');
  });

  it('refuse flags the park does not define, and a flag given twice, naming the item', () => {
    const run = new CaseRun(chainRules());
    run.do(STAFF, VERIFY);
    expect(
      run.refused(STAFF, screenPark('ECONOMIC_DEVELOPMENT', [], { flagCodes: ['REPEATED', 'VIP'] })),
    ).toMatchObject({ kind: 'INPUT', field: 'flagCodes[1]' });
    expect(
      run.refused(STAFF, screenPark('ECONOMIC_DEVELOPMENT', [], { flagCodes: ['REPEATED', 'REPEATED'] })),
    ).toMatchObject({ kind: 'INPUT', field: 'flagCodes[1]' });
    expect(
      run.refused(STAFF, screenPark('ECONOMIC_DEVELOPMENT', [], { flagCodes: 'KEY_PROJECT' as never })),
    ).toMatchObject({ kind: 'INPUT', field: 'flagCodes' });
  });

  it('Zhengyang defines no flags: any flag is refused', () => {
    const run = parkCaseIn('VERIFIED');
    expect(
      run.refused(STAFF, screenPark('ECONOMIC_DEVELOPMENT', [], { flagCodes: ['KEY_PROJECT'] })),
    ).toMatchObject({ kind: 'INPUT', field: 'flagCodes[0]' });
  });
});

describe('Zhengyang (one sign-off per route) behaves as before', () => {
  it('one approval by the route’s role assigns the case', () => {
    const run = parkCaseIn('VERIFIED');
    run.do(STAFF, screenPark('FINANCE'));
    expect(run.state).toMatchObject({
      status: 'PENDING_APPROVAL',
      approvalSteps: ['LEADER_IN_CHARGE'],
      approverRole: 'LEADER_IN_CHARGE',
    });
    run.do(LEADER, APPROVE);
    expect(run.state).toMatchObject({ status: 'ASSIGNED', approverRole: 'LEADER_IN_CHARGE' });
  });

  it('one approval by the executive deputy director refers a district case', () => {
    const run = districtCaseIn('PENDING_APPROVAL');
    expect(run.state.approvalSteps).toEqual(['EXECUTIVE_DEPUTY_DIRECTOR']);
    run.do(EXECUTIVE, APPROVE);
    expect(run.state.status).toBe('REFERRED');
  });
});

describe('states stored before approval chains', () => {
  /** What the API stored for a case before chains: no chain fields at all. */
  const stored = (state: CaseState): Record<string, unknown> => {
    const { approvalSteps: _s, approvalStepIndex: _i, flagCodes: _f, ...rest } = state;
    return rest;
  };

  it('read a pending case as a chain of its one approver, who approves it', () => {
    const run = parkCaseIn('VERIFIED');
    run.do(STAFF, screenPark('FINANCE'));
    const state = caseStateFromStored(stored(run.state));
    expect(state).toEqual(run.state);
    expect(caseInvariantViolations(state, run.rules)).toEqual([]);
    const decision = decide(state, APPROVE, run.ctx(LEADER));
    expect(decision.ok && decision.next.status).toBe('ASSIGNED');
  });

  it('read an approved case as a complete chain, and an unscreened one as none', () => {
    const assigned = parkCaseIn('ASSIGNED');
    expect(caseStateFromStored(stored(assigned.state))).toEqual(assigned.state);
    const verified = parkCaseIn('VERIFIED');
    expect(caseStateFromStored(stored(verified.state))).toEqual(verified.state);
  });
});

describe('completesApproval', () => {
  it('is the hand-over to departments or bureaus, not a reopening', () => {
    expect(completesApproval('PENDING_APPROVAL', 'ASSIGNED')).toBe(true);
    expect(completesApproval('PENDING_APPROVAL', 'REFERRED')).toBe(true);
    expect(completesApproval('PENDING_APPROVAL', 'PENDING_APPROVAL')).toBe(false);
    expect(completesApproval('VERIFIED', 'PENDING_APPROVAL')).toBe(false);
    // Special supervision sends a district case back to its bureaus: no new letters from approval.
    expect(completesApproval('RESPONDED', 'REFERRED')).toBe(false);
  });
});

describe('a sign-off by a department role', () => {
  it('is the lead department’s: the head of another department cannot sign', () => {
    const rules = chainRules();
    const single = rules.approvalRoutes.find((r) => r.code === 'PARK_SINGLE_DEPARTMENT')!;
    single.approvalSteps = [{ role: 'DEPARTMENT_HEAD', labelZh: '牵头部室负责人审核' }];
    const run = new CaseRun(rules);
    run.do(STAFF, VERIFY);
    run.do(STAFF, screenPark('ECONOMIC_DEVELOPMENT'));
    expect(run.state).toMatchObject({ status: 'PENDING_APPROVAL', approverRole: 'DEPARTMENT_HEAD' });
    expect(run.refused(head('FINANCE'), APPROVE).kind).toBe('PERMISSION');
    expect(allowedCommands(run.state, run.ctx(head('FINANCE')))).not.toContain('approve');
    run.do(head('ECONOMIC_DEVELOPMENT'), APPROVE);
    expect(run.state.status).toBe('ASSIGNED');
  });
});
