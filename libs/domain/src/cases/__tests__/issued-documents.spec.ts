import type { ParkRules } from '../../rules/park-rules.schema.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { documentKindsDueBy } from '../issued-documents.js';
import { chainRules } from './chain-fixtures.js';
import {
  ACCEPT_RESULT,
  dep,
  EXECUTIVE,
  handler,
  head,
  LEADER,
  reply,
  screenDistrict,
  screenPark,
  STAFF,
  SUBMIT,
  VERIFY,
} from './case-fixtures.js';
import { KeptCase, qinglanAssigned } from './kept-case.js';

const ECON = 'ECONOMIC_DEVELOPMENT';
const NOTHING = { close: [], extend: [], issue: [] };

/** The leader in charge or the executive, as the route of the case asks, approves the referral. */
function approveReferral(run: KeptCase): void {
  run.act(run.state.approverRole === 'LEADER_IN_CHARGE' ? LEADER : EXECUTIVE, {
    type: 'approve',
    opinion: '同意发函',
  });
}

/** Verified, screened to the district `bureaus` and approved: the referral letters go out. */
function referred(run: KeptCase, bureaus: string[]): void {
  run.act(STAFF, VERIFY);
  run.act(STAFF, screenDistrict(bureaus));
  approveReferral(run);
}

describe('documentsIssuedBy: the assignment sheet (Attachment 3)', () => {
  it('is issued by the sign-off that assigns the case, to the lead department, due with its reply', () => {
    const run = new KeptCase('zhengyang');
    run.act(STAFF, VERIFY);
    expect(run.last).toEqual(NOTHING);
    run.act(STAFF, screenPark(ECON, ['FINANCE']));
    // Pending the executive deputy director's sign-off: nothing is issued yet.
    expect(run.last).toEqual(NOTHING);
    run.act(EXECUTIVE, { type: 'approve', opinion: '同意' });
    expect(run.last).toEqual({
      close: [],
      extend: [],
      issue: [
        {
          kind: 'ASSIGNMENT_SHEET',
          numbering: 'ASSIGNMENT',
          departmentId: dep(ECON),
          // Ten working days from Tue 2026-03-10.
          dueOn: '2026-03-24',
          data: {
            cooperatingDepartmentIds: [dep('FINANCE')],
            // Zhengyang's Attachment 3: a department besides the lead cooperates, with no clock.
            departmentTiers: { [dep('FINANCE')]: 'COOPERATING' },
            tierDueOn: {},
            approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
          },
        },
      ],
    });
  });

  it('waits for the last sign-off of a chain, and names the role that signed last', () => {
    const run = new KeptCase(chainRules());
    run.act(STAFF, VERIFY);
    run.act(STAFF, screenPark(ECON, ['FINANCE']));
    run.act(LEADER, { type: 'approve', opinion: '同意' });
    expect(run.state.status).toBe('PENDING_APPROVAL');
    expect(run.last).toEqual(NOTHING);
    run.act(EXECUTIVE, { type: 'approve', opinion: '同意' });
    expect(run.last.issue).toMatchObject([
      { kind: 'ASSIGNMENT_SHEET', data: { approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR' } },
    ]);
  });

  it('comes with screening on a route with no sign-off, naming each tier and when its part is due', () => {
    const run = qinglanAssigned();
    expect(run.last.issue).toEqual([
      {
        kind: 'ASSIGNMENT_SHEET',
        numbering: 'ASSIGNMENT',
        departmentId: dep('ECONOMY_BUREAU'),
        dueOn: '2026-03-24',
        data: {
          cooperatingDepartmentIds: [dep('PLANNING_BUREAU'), dep('SAFETY_BUREAU')],
          departmentTiers: { [dep('PLANNING_BUREAU')]: 'SPLIT', [dep('SAFETY_BUREAU')]: 'ASSISTING' },
          // Split: 7 working days; assisting: 3.
          tierDueOn: { [dep('PLANNING_BUREAU')]: '2026-03-19', [dep('SAFETY_BUREAU')]: '2026-03-13' },
          approverRole: null,
        },
      },
    ]);
  });

  it('copies the offices the rules copy on assignment sheets (版记), a major case’s too', () => {
    expect(qinglanAssigned().last.issue[0].data.cc).toBeUndefined();
    expect(qinglanAssigned(true).last.issue[0].data.cc).toEqual(['DISTRICT_EFFICIENCY_OFFICE']);
  });

  it('says why its date is pending when the count reaches a year without holiday data', () => {
    const run = new KeptCase('zhengyang', false, '2026-12-30');
    run.act(STAFF, VERIFY);
    run.act(STAFF, screenPark(ECON));
    run.act(LEADER, { type: 'approve', opinion: '同意' });
    expect(run.last.issue).toMatchObject([
      { kind: 'ASSIGNMENT_SHEET', dueOn: null, data: { pendingDeadlineYear: 2027 } },
    ]);
  });

  it('goes again to the new lead department after an objection reassigned the case, ending the old one', () => {
    const run = qinglanAssigned();
    run.today = '2026-03-11';
    run.act(handler('ECONOMY_BUREAU'), { type: 'objectToAssignment', reason: '不属本局职能' });
    expect(run.last).toEqual(NOTHING);
    run.today = '2026-03-12';
    run.act(STAFF, {
      type: 'decideObjection',
      outcome: 'REASSIGNED',
      leadDepartmentId: dep('INVESTMENT_BUREAU'),
      cooperatingDepartmentIds: [],
      note: '改由投资促进局主办',
    });
    expect(run.last.close).toEqual([
      { kind: 'ASSIGNMENT_SHEET', doneOn: '2026-03-12', data: { reassigned: true } },
    ]);
    expect(run.last.issue).toMatchObject([
      // A new clock: ten working days from the reassignment.
      { kind: 'ASSIGNMENT_SHEET', departmentId: dep('INVESTMENT_BUREAU'), dueOn: '2026-03-26' },
    ]);
    expect(run.documents.map((d) => [d.seq, d.departmentId, d.doneOn])).toEqual([
      [1, dep('ECONOMY_BUREAU'), '2026-03-12'],
      [2, dep('INVESTMENT_BUREAU'), null],
    ]);
  });

  it('stays with the department an objection was maintained for', () => {
    const run = qinglanAssigned();
    run.act(handler('ECONOMY_BUREAU'), { type: 'objectToAssignment', reason: '不属本局职能' });
    run.act(STAFF, { type: 'decideObjection', outcome: 'MAINTAINED', note: '维持交办' });
    expect(run.last).toEqual(NOTHING);
  });

  it('moves its 办结时限 with an approved extension, and not with a refused one', () => {
    const run = qinglanAssigned();
    run.today = '2026-03-18';
    const ask = { type: 'requestExtension', newDueOn: '2026-03-31', reason: '需等待现场勘查' } as const;
    run.act(handler('ECONOMY_BUREAU'), ask);
    run.act(STAFF, { type: 'decideExtension', approved: false, note: '不同意' });
    expect(run.last).toEqual(NOTHING);
    run.act(handler('ECONOMY_BUREAU'), ask);
    run.act(STAFF, { type: 'decideExtension', approved: true, note: '同意' });
    expect(run.last).toEqual({
      close: [],
      extend: [{ kind: 'ASSIGNMENT_SHEET', dueOn: '2026-03-31' }],
      issue: [],
    });
    expect(run.documents[0]).toMatchObject({ dueOn: '2026-03-31', data: { extendedFrom: '2026-03-24' } });
  });
});

describe('documentsIssuedBy: referral letters (Art. 7.2, Attachment 4)', () => {
  it('sends one letter to each bureau when the case is referred, copied to the cc offices', () => {
    const run = new KeptCase('zhengyang');
    run.act(STAFF, VERIFY);
    run.act(STAFF, screenDistrict(['DISTRICT_TAXATION', 'DISTRICT_ECONOMY_INFORMATION'], { major: true }));
    expect(run.last).toEqual(NOTHING);
    approveReferral(run);
    const letter = (code: string) => ({
      kind: 'REFERRAL_LETTER',
      numbering: 'REFERRAL_LETTER',
      departmentId: dep(code),
      // Five working days from Tue 2026-03-10.
      dueOn: '2026-03-17',
      data: { cc: ['DISTRICT_PRIVATE_ECONOMY_OFFICE', 'DISTRICT_RECTIFICATION_OFFICE'] },
    });
    expect(run.last).toEqual({
      close: [],
      extend: [],
      issue: [letter('DISTRICT_TAXATION'), letter('DISTRICT_ECONOMY_INFORMATION')],
    });
  });

  it('gives an urgent case’s letters the urgent reply time, and a pending one its year', () => {
    const rules: ParkRules = parkRules('zhengyang');
    rules.deadlines.referralReply.byUrgency = { URGENT: { amount: 2, unit: 'WORKING_DAYS' } };
    const urgent = new KeptCase(rules, true);
    referred(urgent, ['DISTRICT_TAXATION']);
    expect(urgent.last.issue).toMatchObject([{ kind: 'REFERRAL_LETTER', dueOn: '2026-03-12' }]);

    const late = new KeptCase('zhengyang', false, '2026-12-29');
    referred(late, ['DISTRICT_TAXATION']);
    expect(late.last.issue).toEqual([
      {
        kind: 'REFERRAL_LETTER',
        numbering: 'REFERRAL_LETTER',
        departmentId: dep('DISTRICT_TAXATION'),
        dueOn: null,
        data: { cc: ['DISTRICT_PRIVATE_ECONOMY_OFFICE'], pendingDeadlineYear: 2027 },
      },
    ]);
  });

  it('closes the letter a bureau’s reply answers, with who answered, and no other', () => {
    const run = new KeptCase('zhengyang');
    referred(run, ['DISTRICT_TAXATION', 'DISTRICT_ECONOMY_INFORMATION']);
    run.today = '2026-03-13';
    run.act(STAFF, reply('DISTRICT_TAXATION', '2026-03-12'));
    expect(run.last).toEqual({
      close: [
        {
          kind: 'REFERRAL_LETTER',
          departmentId: dep('DISTRICT_TAXATION'),
          doneOn: '2026-03-12',
          data: { responsiblePerson: '张科长', contact: '023-79420000' },
        },
      ],
      extend: [],
      issue: [],
    });
    expect(run.documents.map((d) => [d.departmentId, d.doneOn])).toEqual([
      [dep('DISTRICT_TAXATION'), '2026-03-12'],
      [dep('DISTRICT_ECONOMY_INFORMATION'), null],
    ]);
  });
});

describe('documentsIssuedBy: supervision letters (Art. 10)', () => {
  it('writes to each department whose clock ran out, stating the date it missed, copied as the rules say', () => {
    const run = qinglanAssigned();
    // The assisting department's part (due 2026-03-13) is late; the others still run.
    run.today = '2026-03-16';
    run.act(STAFF, { type: 'superviseOverdue', note: '请抓紧报送' });
    expect(run.last).toEqual({
      close: [],
      extend: [],
      issue: [
        {
          kind: 'SUPERVISION_LETTER',
          numbering: 'SUPERVISION_LETTER',
          departmentId: dep('SAFETY_BUREAU'),
          dueOn: null,
          data: {
            overdueSince: '2026-03-13',
            stage: 'tierReport',
            note: '请抓紧报送',
            cc: ['DISTRICT_SUPERVISION_OFFICE'],
          },
        },
      ],
    });
    // Later the lead and the split department are late too: one letter each.
    run.today = '2026-03-25';
    run.act(STAFF, { type: 'superviseOverdue' });
    expect(
      run.last.issue.map((d) => [d.departmentId, d.data.overdueSince, d.data.stage, d.data.note]),
    ).toEqual([
      [dep('ECONOMY_BUREAU'), '2026-03-24', 'departmentReply', ''],
      [dep('PLANNING_BUREAU'), '2026-03-19', 'tierReport', ''],
      [dep('SAFETY_BUREAU'), '2026-03-13', 'tierReport', ''],
    ]);
  });

  it('writes to each bureau that has not replied past its letter’s reply date', () => {
    const run = new KeptCase('zhengyang');
    referred(run, ['DISTRICT_TAXATION', 'DISTRICT_ECONOMY_INFORMATION']);
    run.today = '2026-03-16';
    run.act(STAFF, reply('DISTRICT_TAXATION', '2026-03-16'));
    run.today = '2026-03-18';
    run.act(STAFF, { type: 'superviseOverdue' });
    expect(run.last.issue).toMatchObject([
      {
        kind: 'SUPERVISION_LETTER',
        departmentId: dep('DISTRICT_ECONOMY_INFORMATION'),
        data: { overdueSince: '2026-03-17', stage: 'referralReply' },
      },
    ]);
    expect(run.last.issue[0].data.cc).toBeUndefined();
  });
});

describe('documentsIssuedBy: hand-over letters (移交函)', () => {
  it('writes to each office the case goes to, citing the missed deadline, copied to the others', () => {
    const run = qinglanAssigned(true);
    run.act(handler('SAFETY_BUREAU'), { type: 'reportPart', report: '已提出协办意见' });
    run.act(handler('PLANNING_BUREAU'), {
      type: 'reportPart',
      report: '规划部分已答复',
      replyToEnterprise: '已答复企业',
    });
    run.today = '2026-03-25';
    run.act(STAFF, { type: 'superviseOverdue' });
    run.today = '2026-03-30';
    run.act(STAFF, { type: 'handOverToOffice', note: '督办后仍未办结' });
    expect(run.last).toEqual({
      close: [],
      extend: [],
      issue: [
        {
          kind: 'HANDOVER_LETTER',
          numbering: 'HANDOVER_LETTER',
          departmentId: null,
          dueOn: null,
          data: {
            officeCode: 'DISTRICT_SUPERVISION_OFFICE',
            officeName: '澜江区委区政府督查室',
            cc: [],
            overdueSince: '2026-03-24',
            stage: 'departmentReply',
            addresseeDepartmentIds: [dep('ECONOMY_BUREAU')],
            note: '督办后仍未办结',
          },
        },
      ],
    });
  });
});

describe('documentsIssuedBy: acts that issue nothing', () => {
  it('issues, ends and moves nothing for the other acts of a case’s life', () => {
    const run = new KeptCase('zhengyang');
    run.act(STAFF, VERIFY);
    run.act(STAFF, screenPark(ECON, ['FINANCE']));
    run.act(EXECUTIVE, { type: 'approve', opinion: '同意' });
    const quiet = [
      () => run.act(handler(ECON), { type: 'startHandling' }),
      () => run.act(handler(ECON), { type: 'addProgressNote', note: '已现场查看' }),
      () => run.act(handler(ECON), SUBMIT),
      () => run.act(head(ECON), ACCEPT_RESULT),
      () => run.act(STAFF, { type: 'grade', gradeCode: 'A' }),
      () => run.act(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' }),
      () => run.act(STAFF, { type: 'closeOut' }),
    ];
    for (const act of quiet) {
      act();
      expect(run.last).toEqual(NOTHING);
    }
    expect(run.state.status).toBe('CLOSED');
    expect(run.documents.map((d) => d.kind)).toEqual(['ASSIGNMENT_SHEET']);
  });
});

describe('documentKindsDueBy', () => {
  it('names the documents whose date is a stage’s deadline', () => {
    expect(documentKindsDueBy('departmentReply')).toEqual(['ASSIGNMENT_SHEET']);
    expect(documentKindsDueBy('referralReply')).toEqual(['REFERRAL_LETTER']);
    expect(documentKindsDueBy('tierReport')).toEqual([]);
    expect(documentKindsDueBy('approval')).toEqual([]);
  });
});
