import { workingDayCalendarFor } from '../../calendar/working-days.js';
import type { ParkRole } from '../../auth/roles.js';
import type { ParkRules } from '../../rules/park-rules.schema.js';
import { parkRules, type ParkFile } from '../../rules/__tests__/park-fixtures.js';
import { decide } from '../case-aggregate.js';
import type { CaseCommand, CaseCommandOf } from '../case-commands.js';
import { caseInvariantViolations } from '../case-invariants.js';
import {
  newCaseState,
  type ActorRole,
  type CaseEvent,
  type CaseState,
  type ContextDepartment,
  type DeadlineFact,
  type DecisionContext,
  type SamplingFacts,
  type Veto,
} from '../case-state.js';

export const TODAY = '2026-03-10';

/** Database ids are opaque to the domain; tests derive them from the rules' codes. */
export const dep = (code: string): string => `dep-${code}`;

/** The park's departments and bureaus, plus an inactive one of each kind. */
export function departmentsOf(rules: ParkRules): ContextDepartment[] {
  return [
    ...rules.departments.map((d) => ({ id: dep(d.code), code: d.code, kind: d.kind, active: d.active })),
    { id: dep('RETIRED_OFFICE'), code: 'RETIRED_OFFICE', kind: 'PARK', active: false },
    { id: dep('RETIRED_BUREAU'), code: 'RETIRED_BUREAU', kind: 'DISTRICT', active: false },
  ];
}

export type Actor = { roles: ActorRole[] };

const only = (role: ParkRole, departmentId: string | null = null): Actor => ({
  roles: [{ role, departmentId }],
});

export const STAFF = only('SERVICE_CENTER_STAFF');
export const LEADER = only('LEADER_IN_CHARGE');
export const EXECUTIVE = only('EXECUTIVE_DEPUTY_DIRECTOR');
export const ADMIN = only('PARK_ADMIN');
export const handler = (code: string): Actor => only('DEPARTMENT_HANDLER', dep(code));
export const head = (code: string): Actor => only('DEPARTMENT_HEAD', dep(code));

export function contextFor(
  rules: ParkRules,
  actor: Actor,
  today = TODAY,
  deadlines: readonly DeadlineFact[] = [],
): DecisionContext {
  return {
    rules,
    actor,
    today,
    departments: departmentsOf(rules),
    deadlines,
    calendar: workingDayCalendarFor(rules),
  };
}

/** The case's own deadline of a stage, as the API stores it; open unless `doneOn`. */
export const stageDue = (
  stage: DeadlineFact['stage'],
  dueOn: string,
  doneOn: string | null = null,
): DeadlineFact => ({ stage, dueOn, doneOn, departmentId: null });

/** The reply date of the referral letter to a bureau (Art. 7.2); answered on `doneOn`. */
export const letterDue = (code: string, dueOn: string, doneOn: string | null = null): DeadlineFact => ({
  stage: 'referralReply',
  dueOn,
  doneOn,
  departmentId: dep(code),
});

/**
 * A case walked through the lifecycle step by step, as the API would: each accepted command
 * replaces the state; every state is checked against the invariants.
 */
export class CaseRun {
  state: CaseState;
  readonly events: CaseEvent[] = [];
  readonly rules: ParkRules;
  today = TODAY;
  /** The case's deadlines as the API would pass them (the tests set the ones that matter). */
  deadlines: DeadlineFact[] = [];
  /** The case's id and place in the park's count, for a sampled follow-up. */
  sampling: SamplingFacts | undefined = undefined;

  constructor(park: ParkFile | ParkRules, categoryCode = 'OTHER') {
    this.rules = typeof park === 'string' ? parkRules(park) : park;
    this.state = newCaseState(categoryCode);
  }

  ctx(actor: Actor): DecisionContext {
    return { ...contextFor(this.rules, actor, this.today, this.deadlines), sampling: this.sampling };
  }

  /** Gives a command that must be accepted; returns its event. */
  do(actor: Actor, command: CaseCommand): CaseEvent {
    const decision = decide(this.state, command, this.ctx(actor));
    if (!decision.ok)
      throw new Error(`${command.type} vetoed: ${decision.reason} (${decision.field ?? '-'})`);
    expect(decision.next.version).toBe(this.state.version + 1);
    expect(caseInvariantViolations(decision.next, this.rules)).toEqual([]);
    this.state = decision.next;
    this.events.push(decision.event);
    return decision.event;
  }

  /** Gives a command that must be vetoed; the state stays as it was. */
  refused(actor: Actor, command: CaseCommand): Veto {
    const decision = decide(this.state, command, this.ctx(actor));
    if (decision.ok) throw new Error(`${command.type} was accepted, expected a veto`);
    return decision;
  }
}

export const screenPark = (
  lead: string,
  cooperating: string[] = [],
  extra: Partial<Extract<CaseCommand, { type: 'screen' }>> = {},
): CaseCommand => ({
  type: 'screen',
  jurisdiction: 'PARK',
  major: false,
  policyHeavy: false,
  leadDepartmentId: dep(lead),
  cooperatingDepartmentIds: cooperating.map(dep),
  referredDepartmentIds: [],
  opinion: '属园区管委会职能',
  ...extra,
});

export const screenDistrict = (
  bureaus: string[],
  extra: Partial<Extract<CaseCommand, { type: 'screen' }>> = {},
): CaseCommand => ({
  type: 'screen',
  jurisdiction: 'DISTRICT',
  major: false,
  policyHeavy: false,
  leadDepartmentId: null,
  cooperatingDepartmentIds: [],
  referredDepartmentIds: bureaus.map(dep),
  opinion: '属区级部门职能',
  ...extra,
});

export const reply = (code: string, repliedOn = TODAY): CaseCommandOf<'recordReferralReply'> => ({
  type: 'recordReferralReply',
  departmentId: dep(code),
  repliedOn,
  responsiblePerson: '张科长',
  contact: '023-79420000',
  content: '已协调处理',
});

export const VERIFY: CaseCommandOf<'verify'> = { type: 'verify', notes: '已电话核实' };
export const SUBMIT: CaseCommandOf<'submitResult'> = {
  type: 'submitResult',
  replyToEnterprise: '已答复企业',
  result: '已协调解决',
};
export const ACCEPT_RESULT: CaseCommandOf<'reviewResult'> = {
  type: 'reviewResult',
  approved: true,
  comment: '',
};

/** A Zhengyang-style park case up to a status, through real commands (lead ECONOMIC_DEVELOPMENT). */
export function parkCaseIn(
  status:
    | 'REGISTERED'
    | 'VERIFIED'
    | 'PENDING_APPROVAL'
    | 'ASSIGNED'
    | 'IN_PROGRESS'
    | 'RESULT_SUBMITTED'
    | 'RESPONDED'
    | 'TRACKING'
    | 'GRADED'
    | 'FOLLOWED_UP'
    | 'CLOSED',
  park: ParkFile = 'zhengyang',
  options: { cooperating?: string[]; satisfaction?: string } = {},
): CaseRun {
  const run = new CaseRun(park);
  const steps: (() => unknown)[] = [
    () => run.do(STAFF, VERIFY),
    () => run.do(STAFF, screenPark('ECONOMIC_DEVELOPMENT', options.cooperating ?? ['FINANCE'])),
    () => run.do(EXECUTIVE, { type: 'approve', opinion: '同意' }),
    () => run.do(handler('ECONOMIC_DEVELOPMENT'), { type: 'startHandling' }),
    () => run.do(handler('ECONOMIC_DEVELOPMENT'), SUBMIT),
    () => run.do(head('ECONOMIC_DEVELOPMENT'), ACCEPT_RESULT),
    ...(status === 'TRACKING'
      ? [() => run.do(STAFF, { type: 'grade', gradeCode: 'B' })]
      : [
          () => run.do(STAFF, { type: 'grade', gradeCode: 'A' }),
          () =>
            run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: options.satisfaction ?? 'SATISFIED' }),
          () => run.do(STAFF, { type: 'closeOut' }),
        ]),
  ];
  for (const step of steps) {
    if (run.state.status === status) break;
    step();
  }
  expect(run.state.status).toBe(status);
  return run;
}

/** A district case up to a status: referred to two bureaus. */
export function districtCaseIn(
  status: 'PENDING_APPROVAL' | 'REFERRED' | 'RESPONDED',
  park: ParkFile = 'zhengyang',
): CaseRun {
  const run = new CaseRun(park);
  run.do(STAFF, VERIFY);
  run.do(STAFF, screenDistrict(['DISTRICT_TAXATION', 'DISTRICT_ECONOMY_INFORMATION']));
  if (status === 'PENDING_APPROVAL') return run;
  run.do(run.state.approverRole === 'LEADER_IN_CHARGE' ? LEADER : EXECUTIVE, {
    type: 'approve',
    opinion: '同意发函',
  });
  if (status === 'REFERRED') return run;
  run.do(STAFF, reply('DISTRICT_TAXATION'));
  run.do(STAFF, reply('DISTRICT_ECONOMY_INFORMATION'));
  expect(run.state.status).toBe('RESPONDED');
  return run;
}
