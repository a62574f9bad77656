import type { ApprovalRoute, FollowUpRecorder, ParkRules } from '../../rules/park-rules.schema.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { matchApprovalRoute } from '../../rules/route-matching.js';
import { validateParkRules } from '../../rules/validate-park-rules.js';
import { allowedCommands, registerCase } from '../case-aggregate.js';
import { caseStateFromStored } from '../case-state.js';
import { caseFollowUpRecorders, linkedFollowUpReach } from '../follow-up-recorders.js';
import type { EnterpriseLink } from '../enterprise-link.js';
import {
  ACCEPT_RESULT,
  CaseRun,
  contextFor,
  dep,
  EXECUTIVE,
  handler,
  head,
  LEADER,
  screenDistrict,
  screenPark,
  STAFF,
  SUBMIT,
  VERIFY,
  type Actor,
} from './case-fixtures.js';

// An enterprise's linked department and cadre (挂钩联系): recorded by the case at registration,
// read by approval routes, and, where the rules say, recording the follow-up.

const CADRE_ID = 'user-cadre';
const cadre = (roles: Actor['roles'] = [{ role: 'LEADER_IN_CHARGE', departmentId: null }]) => ({
  roles,
  userId: CADRE_ID,
});
const LINKED = 'INVESTMENT_PROMOTION';
const LEAD = 'ECONOMIC_DEVELOPMENT';

/** Zhengyang's rules, with a route for linked enterprises first, and who records follow-ups. */
function linkedRules(recordedBy?: FollowUpRecorder[], routes: ApprovalRoute[] = []): ParkRules {
  const rules = parkRules('zhengyang');
  return {
    ...rules,
    approvalRoutes: [...routes, ...rules.approvalRoutes],
    followUp: { ...rules.followUp, ...(recordedBy ? { recordedBy } : {}) },
  };
}

const route = (code: string, condition: ApprovalRoute['condition']): ApprovalRoute => ({
  code,
  labelZh: code,
  labelEn: code,
  condition,
  sendsReferralLetter: false,
  approvalSteps: [{ role: 'LEADER_IN_CHARGE' }],
});

/** A case registered for an enterprise with this link, as the API registers it. */
function registered(rules: ParkRules, link: EnterpriseLink | null): CaseRun {
  const run = new CaseRun(rules);
  const decision = registerCase(
    { categoryCode: 'OTHER', channelCode: 'HOTLINE', reportFormCode: 'PHONE', enterpriseLink: link },
    contextFor(rules, STAFF),
  );
  if (!decision.ok) throw new Error(decision.reason);
  run.state = decision.next;
  return run;
}

/** From registration to GRADED (every case followed up), lead ECONOMIC_DEVELOPMENT. */
function graded(run: CaseRun): CaseRun {
  run.do(STAFF, VERIFY);
  run.do(STAFF, screenPark(LEAD));
  run.do(run.state.approverRole === 'LEADER_IN_CHARGE' ? LEADER : EXECUTIVE, { type: 'approve' });
  run.do(handler(LEAD), { type: 'startHandling' });
  run.do(handler(LEAD), SUBMIT);
  run.do(head(LEAD), ACCEPT_RESULT);
  run.do(STAFF, { type: 'grade', gradeCode: 'A' });
  expect(run.state.status).toBe('GRADED');
  return run;
}

const FOLLOW_UP = { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' } as const;
const BOTH: EnterpriseLink = { departmentId: dep(LINKED), cadreUserId: CADRE_ID };

describe('a case records the enterprise link at registration', () => {
  it('keeps the linked department and cadre; an unlinked enterprise has none', () => {
    const run = registered(linkedRules(), BOTH);
    expect(run.state).toMatchObject({ linkedDepartmentId: dep(LINKED), linkedCadreUserId: CADRE_ID });
    expect(registered(linkedRules(), null).state).toMatchObject({
      linkedDepartmentId: null,
      linkedCadreUserId: null,
    });
  });

  it('reads a state stored before links as having none', () => {
    const { linkedDepartmentId: _d, linkedCadreUserId: _c, ...old } = registered(linkedRules(), BOTH).state;
    expect(caseStateFromStored(old)).toMatchObject({ linkedDepartmentId: null, linkedCadreUserId: null });
  });
});

describe('approval routes on the link', () => {
  const rules = linkedRules(undefined, [
    route('LINKED_LEAD', { leadIsLinkedDepartment: true }),
    route('LINKED_ENTERPRISE', { enterpriseLinked: true, departmentCountMax: 1 }),
  ]);

  it('the lead department is the linked one: its own route', () => {
    const run = registered(rules, BOTH);
    run.do(STAFF, VERIFY);
    run.do(STAFF, screenPark(LINKED));
    expect(run.state).toMatchObject({ routeCode: 'LINKED_LEAD', approverRole: 'LEADER_IN_CHARGE' });
  });

  it('another lead department of a linked enterprise: the route for linked enterprises', () => {
    const run = registered(rules, { departmentId: null, cadreUserId: CADRE_ID });
    run.do(STAFF, VERIFY);
    run.do(STAFF, screenPark(LEAD));
    expect(run.state.routeCode).toBe('LINKED_ENTERPRISE');
    expect(run.events.at(-1)!.data.skippedRoutes).toEqual([
      { index: 0, code: 'LINKED_LEAD', failed: ['leadIsLinkedDepartment'] },
    ]);
  });

  it('an unlinked enterprise takes the park’s usual route (Zhengyang: the leader in charge)', () => {
    const run = registered(rules, null);
    run.do(STAFF, VERIFY);
    run.do(STAFF, screenPark(LEAD));
    expect(run.state.routeCode).toBe('PARK_SINGLE_DEPARTMENT');
  });

  it('a district matter has no lead department to be the linked one', () => {
    const run = registered(rules, BOTH);
    run.do(STAFF, VERIFY);
    run.do(STAFF, screenDistrict(['DISTRICT_TAXATION']));
    expect(run.state.routeCode).toBe('LINKED_ENTERPRISE');
  });

  it('false asks for the opposite', () => {
    const facts = { jurisdiction: 'PARK', departmentCount: 1, major: false, policyHeavy: false } as const;
    const notLinked = linkedRules(undefined, [route('NOT_LINKED', { enterpriseLinked: false })]);
    expect(matchApprovalRoute(notLinked, { ...facts, categoryCode: 'OTHER' }).route.code).toBe('NOT_LINKED');
    expect(
      matchApprovalRoute(notLinked, { ...facts, categoryCode: 'OTHER', linkedDepartmentId: dep(LINKED) })
        .route.code,
    ).toBe('PARK_SINGLE_DEPARTMENT');
  });

  it('the rules: a route on the link alone is not a fallback; a district lead cannot be the linked one', () => {
    const base = parkRules('zhengyang');
    const result = validateParkRules({
      ...base,
      approvalRoutes: [
        route('LINKED', { enterpriseLinked: true }),
        {
          ...route('DISTRICT_LINKED', { jurisdiction: 'DISTRICT', leadIsLinkedDepartment: true }),
          sendsReferralLetter: true,
        },
        ...base.approvalRoutes,
      ],
    });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        path: 'approvalRoutes[1].condition.leadIsLinkedDepartment',
        message: 'a DISTRICT matter has no lead department',
      },
    ]);
  });
});

describe('who records the follow-up (followUp.recordedBy)', () => {
  const followUp = (rules: ParkRules, link: EnterpriseLink | null) => graded(registered(rules, link));

  it('left out: the service center only, linked or not (Zhengyang, Art. 10)', () => {
    const run = followUp(linkedRules(), BOTH);
    expect(run.refused(handler(LINKED), FOLLOW_UP)).toMatchObject({
      kind: 'PERMISSION',
      reasonZh: '仅企业服务中心工作人员可以回访',
    });
    expect(run.refused(cadre(), FOLLOW_UP).kind).toBe('PERMISSION');
    run.do(STAFF, FOLLOW_UP);
    expect(run.state.status).toBe('FOLLOWED_UP');
  });

  it('LINKED_DEPARTMENT: its head and handlers record it; the lead department and the service center do not', () => {
    const rules = linkedRules(['LINKED_DEPARTMENT']);
    const run = followUp(rules, BOTH);
    expect(allowedCommands(run.state, run.ctx(handler(LINKED)))).toContain('recordFollowUp');
    expect(allowedCommands(run.state, run.ctx(head(LINKED)))).toContain('recordFollowUp');
    for (const actor of [STAFF, handler(LEAD), cadre()])
      expect(run.refused(actor, FOLLOW_UP)).toMatchObject({
        kind: 'PERMISSION',
        reasonZh: '仅挂钩联系部门的部室负责人或经办人可以回访',
      });
    run.do(handler(LINKED), FOLLOW_UP);
    expect(run.state).toMatchObject({ status: 'FOLLOWED_UP', satisfactionCode: 'SATISFIED' });
  });

  it('LINKED_CADRE: the cadre as a person, whatever the roles; another leader does not', () => {
    const run = followUp(linkedRules(['SERVICE_CENTER', 'LINKED_CADRE']), BOTH);
    expect(run.refused(LEADER, FOLLOW_UP).reason).toBe(
      'Record follow-up: only the service center staff or the linked cadre may do this',
    );
    run.do(cadre([{ role: 'DEPARTMENT_HANDLER', departmentId: dep('FINANCE') }]), FOLLOW_UP);
    expect(run.state.status).toBe('FOLLOWED_UP');
  });

  it('an enterprise without the linked recorders listed: the service center follows it up', () => {
    const rules = linkedRules(['LINKED_DEPARTMENT', 'LINKED_CADRE']);
    const onlyCadre = followUp(rules, { departmentId: null, cadreUserId: CADRE_ID });
    expect(caseFollowUpRecorders(onlyCadre.state, rules)).toEqual(['LINKED_CADRE']);
    expect(onlyCadre.refused(STAFF, FOLLOW_UP).kind).toBe('PERMISSION');
    const unlinked = followUp(rules, null);
    expect(caseFollowUpRecorders(unlinked.state, rules)).toEqual(['SERVICE_CENTER']);
    unlinked.do(STAFF, FOLLOW_UP);
  });

  it('the linked department and cadre that see the case, because they may follow it up', () => {
    const run = registered(linkedRules(), BOTH);
    expect(linkedFollowUpReach(run.state, linkedRules())).toEqual({ departmentId: null, userId: null });
    expect(linkedFollowUpReach(run.state, linkedRules(['SERVICE_CENTER', 'LINKED_DEPARTMENT']))).toEqual({
      departmentId: dep(LINKED),
      userId: null,
    });
    expect(linkedFollowUpReach(run.state, linkedRules(['LINKED_CADRE']))).toEqual({
      departmentId: null,
      userId: CADRE_ID,
    });
  });

  it('the rules name each recorder once, from the known ones', () => {
    const base = parkRules('zhengyang');
    const problems = (recordedBy: unknown) => {
      const result = validateParkRules({ ...base, followUp: { ...base.followUp, recordedBy } });
      return result.ok ? [] : result.problems;
    };
    expect(problems(['SERVICE_CENTER', 'LINKED_DEPARTMENT'])).toEqual([]);
    expect(problems([])).toEqual([
      { path: 'followUp.recordedBy', message: 'must name at least one recorder' },
    ]);
    expect(problems(['LINKED_CADRE', 'LINKED_CADRE'])).toEqual([
      { path: 'followUp.recordedBy', message: 'must not name a recorder twice' },
    ]);
    expect(problems(['ENTERPRISE'])).toEqual([
      {
        path: 'followUp.recordedBy[0]',
        message: 'must be one of: SERVICE_CENTER, LINKED_DEPARTMENT, LINKED_CADRE',
      },
    ]);
    const zhengyang = validateParkRules(base);
    expect(zhengyang.ok && zhengyang.rules.followUp.recordedBy).toBeUndefined();
  });
});
