import type { ParkRole } from '../../auth/roles.js';
import { ccOfficesFor, matchApprovalRoute } from '../../rules/route-matching.js';
import type { ParkFile } from '../../rules/__tests__/park-fixtures.js';
import { allowedCommands, registerCase } from '../case-aggregate.js';
import {
  bGradeReviewDeadline,
  departmentReplyDeadline,
  followUpDeadline,
  isOverdue,
  referralReplyDeadline,
} from '../deadlines.js';
import {
  ACCEPT_RESULT,
  CaseRun,
  contextFor,
  dep,
  EXECUTIVE,
  handler,
  head,
  LEADER,
  letterDue,
  reply,
  screenDistrict,
  screenPark,
  STAFF,
  stageDue,
  SUBMIT,
  VERIFY,
  type Actor,
} from './case-fixtures.js';

/** The same lifecycle under two parks' rules: what differs is configuration only. */
interface ParkScenario {
  park: ParkFile;
  category: string;
  lead: string;
  cooperating: string[];
  single: { route: string; approver: ParkRole };
  several: { route: string; approver: ParkRole };
  district: { route: string; approver: ParkRole; cc: string[] };
  majorDistrict: { route: string; approver: ParkRole; cc: string[] };
  /** From an assignment or letter on Tue 2026-03-10. */
  departmentReplyDue: string;
  referralReplyDue: string;
  /** From a B grade on Fri 2026-03-20. */
  bReviewDue: string;
  inadmissible: string;
}

const SCENARIOS: ParkScenario[] = [
  {
    park: 'zhengyang',
    category: 'POWER_SUPPLY',
    lead: 'ECONOMIC_DEVELOPMENT',
    cooperating: ['FINANCE', 'PLANNING_CONSTRUCTION'],
    single: { route: 'PARK_SINGLE_DEPARTMENT', approver: 'LEADER_IN_CHARGE' },
    several: { route: 'PARK_SEVERAL_DEPARTMENTS', approver: 'EXECUTIVE_DEPUTY_DIRECTOR' },
    district: {
      route: 'DISTRICT_REFERRAL',
      approver: 'EXECUTIVE_DEPUTY_DIRECTOR',
      cc: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'],
    },
    majorDistrict: {
      route: 'DISTRICT_REFERRAL',
      approver: 'EXECUTIVE_DEPUTY_DIRECTOR',
      cc: ['DISTRICT_PRIVATE_ECONOMY_OFFICE', 'DISTRICT_RECTIFICATION_OFFICE'],
    },
    departmentReplyDue: '2026-03-24',
    referralReplyDue: '2026-03-17',
    bReviewDue: '2026-04-19',
    inadmissible: 'ARBITRATION',
  },
  {
    park: 'wulingshan',
    category: 'UTILITIES',
    lead: 'INDUSTRY_DEVELOPMENT',
    cooperating: ['CONSTRUCTION_MANAGEMENT', 'ENTERPRISE_SERVICE'],
    single: { route: 'ONE_DEPARTMENT', approver: 'LEADER_IN_CHARGE' },
    several: { route: 'TWO_OR_THREE_DEPARTMENTS', approver: 'EXECUTIVE_DEPUTY_DIRECTOR' },
    // Wulingshan lets the leader in charge sign ordinary letters; major matters go higher.
    district: {
      route: 'DISTRICT_REFERRAL',
      approver: 'LEADER_IN_CHARGE',
      cc: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'],
    },
    majorDistrict: {
      route: 'MAJOR',
      approver: 'EXECUTIVE_DEPUTY_DIRECTOR',
      cc: ['DISTRICT_PRIVATE_ECONOMY_OFFICE', 'DISTRICT_RECTIFICATION_OFFICE'],
    },
    departmentReplyDue: '2026-03-19',
    referralReplyDue: '2026-03-19',
    bReviewDue: '2026-04-13',
    inadmissible: 'PETITION',
  },
];

const actorFor = (role: ParkRole | null): Actor => (role === 'LEADER_IN_CHARGE' ? LEADER : EXECUTIVE);

describe.each(SCENARIOS)('$park', (s) => {
  /** Registered through registerCase, on Mon 2026-03-09, verified the next day. */
  function verifiedCase(): CaseRun {
    const run = new CaseRun(s.park, s.category);
    const registered = registerCase(
      { categoryCode: s.category, channelCode: 'HOTLINE', reportFormCode: 'PHONE' },
      contextFor(run.rules, STAFF, '2026-03-09'),
    );
    if (!registered.ok) throw new Error(registered.reason);
    run.state = registered.next;
    run.do(STAFF, VERIFY);
    return run;
  }

  /** Department work through the head's review, then an A grade and a satisfied follow-up. */
  function handleAndClose(run: CaseRun, lead: string): void {
    run.do(handler(lead), SUBMIT);
    run.do(head(lead), ACCEPT_RESULT);
    run.do(STAFF, { type: 'grade', gradeCode: 'A' });
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED', note: '企业表示满意' });
    run.do(STAFF, { type: 'closeOut' });
    expect(run.state.status).toBe('CLOSED');
    expect(allowedCommands(run.state, run.ctx(STAFF))).toEqual([]);
  }

  it(`assigns a single-department case through the ${s.single.approver} and closes it out`, () => {
    const run = verifiedCase();
    run.do(STAFF, screenPark(s.lead));
    expect(run.state).toMatchObject({ routeCode: s.single.route, approverRole: s.single.approver });
    expect(allowedCommands(run.state, run.ctx(actorFor(s.single.approver)))).toEqual(['approve', 'sendBack']);
    run.do(actorFor(s.single.approver), { type: 'approve', opinion: '同意交办' });
    expect(run.state.status).toBe('ASSIGNED');
    expect(departmentReplyDeadline(run.rules, '2026-03-10').due).toBe(s.departmentReplyDue);

    run.do(handler(s.lead), { type: 'startHandling' });
    handleAndClose(run, s.lead);
    expect(run.events.map((e) => e.type)).toEqual([
      'CaseVerified',
      'CaseScreened',
      'CaseApproved',
      'HandlingStarted',
      'ResultSubmitted',
      'ResultReviewed',
      'CaseGraded',
      'FollowUpRecorded',
      'CaseClosedOut',
    ]);
    expect(run.state.version).toBe(10);
  });

  it('assigns a several-department case through the executive deputy director, with supervision when late', () => {
    const run = verifiedCase();
    run.do(STAFF, screenPark(s.lead, s.cooperating));
    expect(run.state).toMatchObject({ routeCode: s.several.route, approverRole: s.several.approver });
    run.do(actorFor(s.several.approver), { type: 'approve', opinion: '请牵头部室会同办理' });
    run.do(head(s.lead), { type: 'startHandling' });
    for (const cooperating of s.cooperating) {
      run.do(handler(cooperating), { type: 'addProgressNote', note: `${cooperating}已配合` });
    }
    run.do(LEADER, {
      type: 'recordCoordination',
      kind: 'MEETING',
      heldOn: '2026-03-10',
      participants: ['分管领导', '牵头部室'],
      minutes: '召开协调推进会',
    });

    const due = departmentReplyDeadline(run.rules, '2026-03-10').due;
    run.deadlines = [stageDue('departmentReply', due)];
    run.today = due;
    expect(run.refused(STAFF, { type: 'superviseOverdue' }).kind).toBe('PRECONDITION');
    run.today = '2026-03-25';
    expect(isOverdue(due, run.today)).toBe(true);
    const supervision = run.do(STAFF, { type: 'superviseOverdue', note: '已超过办结时限' });
    expect(supervision.data).toMatchObject({ dueOn: due, addresseeDepartmentIds: [dep(s.lead)] });
    expect(run.state.supervisionCount).toBe(1);
    handleAndClose(run, s.lead);
  });

  it.each([false, true])(
    'refers a district case (major: %s) by letter with the cc offices of its route',
    (major) => {
      const expected = major ? s.majorDistrict : s.district;
      const run = verifiedCase();
      run.do(STAFF, screenDistrict(['DISTRICT_TAXATION', 'DISTRICT_PLANNING_RESOURCES'], { major }));
      const { route } = matchApprovalRoute(run.rules, {
        jurisdiction: 'DISTRICT',
        departmentCount: 2,
        major,
        policyHeavy: false,
        categoryCode: s.category,
      });
      expect(run.state).toMatchObject({
        routeCode: expected.route,
        approverRole: expected.approver,
        ccOfficeCodes: ccOfficesFor(run.rules, { major, route }).map((o) => o.code),
      });
      expect(run.state.ccOfficeCodes).toEqual(expected.cc);

      const approval = run.do(actorFor(expected.approver), { type: 'approve', opinion: '同意发函' });
      expect(approval.data).toMatchObject({
        referralLetterDepartmentIds: [dep('DISTRICT_TAXATION'), dep('DISTRICT_PLANNING_RESOURCES')],
        ccOfficeCodes: expected.cc,
      });
      expect(run.state.status).toBe('REFERRED');
      const due = referralReplyDeadline(run.rules, '2026-03-10').due;
      expect(due).toBe(s.referralReplyDue);

      run.today = '2026-03-12';
      run.do(STAFF, reply('DISTRICT_TAXATION', '2026-03-12'));
      run.deadlines = [
        stageDue('referralReply', due),
        letterDue('DISTRICT_TAXATION', due, '2026-03-12'),
        letterDue('DISTRICT_PLANNING_RESOURCES', due),
      ];
      run.today = '2026-03-20';
      const supervision = run.do(STAFF, { type: 'superviseOverdue' });
      expect(supervision.data).toMatchObject({
        dueOn: due,
        addresseeDepartmentIds: [dep('DISTRICT_PLANNING_RESOURCES')],
      });
      run.do(STAFF, reply('DISTRICT_PLANNING_RESOURCES', '2026-03-20'));
      expect(run.state.status).toBe('RESPONDED');
      run.do(STAFF, { type: 'grade', gradeCode: 'A' });
      run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' });
      run.do(STAFF, { type: 'closeOut' });
      expect(run.state.status).toBe('CLOSED');
    },
  );

  it(`rejects an inadmissible matter (${s.inadmissible}) and keeps its reason for good`, () => {
    const run = verifiedCase();
    run.do(STAFF, { type: 'reject', reason: s.inadmissible, note: '已进入法定途径' });
    expect(run.state).toMatchObject({ status: 'REJECTED', rejectionReason: s.inadmissible, version: 3 });
    expect(allowedCommands(run.state, run.ctx(STAFF))).toEqual([]);
    expect(run.refused(STAFF, screenPark(s.lead)).kind).toBe('STATUS');
  });

  it('reopens an unsatisfied case by special supervision and closes it after an A', () => {
    const run = verifiedCase();
    run.do(STAFF, screenPark(s.lead));
    run.do(actorFor(s.single.approver), { type: 'approve' });
    run.do(handler(s.lead), { type: 'startHandling' });
    run.do(handler(s.lead), SUBMIT);
    run.do(head(s.lead), ACCEPT_RESULT);
    run.do(STAFF, { type: 'grade', gradeCode: 'A' });
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'UNSATISFIED', note: '企业不满意' });
    expect(run.refused(STAFF, { type: 'closeOut' }).kind).toBe('PRECONDITION');

    run.do(STAFF, { type: 'specialSupervision', event: 'UNSATISFIED', reason: '企业对办理结果不满意' });
    expect(run.state).toMatchObject({
      status: 'IN_PROGRESS',
      reopenCount: 1,
      gradeCode: null,
      satisfactionCode: null,
    });
    handleAndClose(run, s.lead);
    expect(run.state.reopenCount).toBe(1);
  });

  it('keeps a B case under tracking until it is graded A', () => {
    const run = verifiedCase();
    run.do(STAFF, screenPark(s.lead));
    run.do(actorFor(s.single.approver), { type: 'approve' });
    run.do(handler(s.lead), { type: 'startHandling' });
    run.do(handler(s.lead), SUBMIT);
    run.do(head(s.lead), ACCEPT_RESULT);
    run.do(STAFF, { type: 'grade', gradeCode: 'B' });
    expect(run.state.status).toBe('TRACKING');
    const review = bGradeReviewDeadline(run.rules, '2026-03-20').due;
    expect(review).toBe(s.bReviewDue);
    expect(run.refused(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' }).kind).toBe('STATUS');
    expect(run.refused(STAFF, { type: 'closeOut' }).kind).toBe('STATUS');

    run.do(handler(s.lead), { type: 'addProgressNote', note: '正在协调电力扩容' });
    // A review date passed is no handling deadline missed: no supervision letter (Art. 10).
    run.deadlines = [
      stageDue('departmentReply', s.departmentReplyDue, '2026-03-20'),
      stageDue('bGradeReviewInterval', review),
    ];
    run.today = '2026-04-20';
    expect(run.refused(STAFF, { type: 'superviseOverdue' }).kind).toBe('PRECONDITION');
    run.do(STAFF, { type: 'grade', gradeCode: 'A' });
    expect(run.state).toMatchObject({ status: 'GRADED', gradeCode: 'A' });
    expect(followUpDeadline(run.rules, run.today).due > run.today).toBe(true);
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' });
    run.do(STAFF, { type: 'closeOut' });
    expect(run.state.status).toBe('CLOSED');
  });

  it('closes a C case, which states why it cannot be solved for now', () => {
    const run = verifiedCase();
    run.do(STAFF, screenPark(s.lead));
    run.do(actorFor(s.single.approver), { type: 'approve' });
    run.do(handler(s.lead), { type: 'startHandling' });
    run.do(handler(s.lead), SUBMIT);
    run.do(head(s.lead), ACCEPT_RESULT);
    expect(run.refused(STAFF, { type: 'grade', gradeCode: 'C' }).field).toBe('reason');
    run.do(STAFF, { type: 'grade', gradeCode: 'C', reason: '受国家产业政策限制，一时难以解决' });
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED', note: '企业理解' });
    run.do(STAFF, { type: 'closeOut' });
    expect(run.state).toMatchObject({ status: 'CLOSED', gradeCode: 'C' });
  });
});

describe('what only the Wulingshan rules do', () => {
  it('writes to district bureaus for a park case of four or more departments', () => {
    const run = new CaseRun('wulingshan', 'LAND_PLANNING');
    run.do(STAFF, VERIFY);
    const four = screenPark('INDUSTRY_DEVELOPMENT', [
      'CONSTRUCTION_MANAGEMENT',
      'ENTERPRISE_SERVICE',
      'GENERAL_OFFICE',
    ]);
    expect(run.refused(STAFF, four).field).toBe('referredDepartmentIds');
    run.do(STAFF, { ...four, referredDepartmentIds: [dep('DISTRICT_PLANNING_RESOURCES')] } as typeof four);
    expect(run.state).toMatchObject({
      routeCode: 'FOUR_OR_MORE_DEPARTMENTS',
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
      sendsReferralLetter: true,
      ccOfficeCodes: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'],
    });
    expect(run.do(EXECUTIVE, { type: 'approve' }).data).toMatchObject({
      assignmentSheet: true,
      referralLetterDepartmentIds: [dep('DISTRICT_PLANNING_RESOURCES')],
    });
    expect(run.state.status).toBe('ASSIGNED');
    run.do(handler('INDUSTRY_DEVELOPMENT'), { type: 'startHandling' });
    // The bureau's answer is recorded without moving a park case.
    run.do(STAFF, reply('DISTRICT_PLANNING_RESOURCES'));
    expect(run.state).toMatchObject({
      status: 'IN_PROGRESS',
      repliesRecorded: [dep('DISTRICT_PLANNING_RESOURCES')],
    });
  });

  it('routes policy-heavy tax matters to the executive deputy director after a discussion', () => {
    const run = new CaseRun('wulingshan', 'TAX_FEES');
    run.do(STAFF, VERIFY);
    run.do(STAFF, { type: 'recordPolicyDiscussion', minutes: '与区税务局讨论' });
    run.do(STAFF, screenPark('ENTERPRISE_SERVICE', [], { policyHeavy: true }));
    expect(run.state).toMatchObject({
      routeCode: 'POLICY_HEAVY_INCENTIVES',
      approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
    });
  });

  it('does not count 基本满意 as satisfied, and has no special supervision for non-standard replies', () => {
    const run = new CaseRun('wulingshan', 'UTILITIES');
    run.do(STAFF, VERIFY);
    run.do(STAFF, screenPark('INDUSTRY_DEVELOPMENT'));
    run.do(LEADER, { type: 'approve' });
    run.do(handler('INDUSTRY_DEVELOPMENT'), { type: 'startHandling' });
    run.do(handler('INDUSTRY_DEVELOPMENT'), SUBMIT);
    run.do(head('INDUSTRY_DEVELOPMENT'), ACCEPT_RESULT);
    expect(
      run.refused(STAFF, { type: 'specialSupervision', event: 'NON_STANDARD_REPLY', reason: 'x' }).field,
    ).toBe('event');
    run.do(STAFF, { type: 'grade', gradeCode: 'A' });
    run.do(STAFF, { type: 'recordFollowUp', satisfactionCode: 'BASICALLY_SATISFIED' });
    expect(allowedCommands(run.state, run.ctx(STAFF))).toEqual(['specialSupervision', 'escalate']);
    run.do(STAFF, { type: 'specialSupervision', event: 'UNSATISFIED', reason: '仅基本满意' });
    expect(run.state.status).toBe('IN_PROGRESS');
  });
});
