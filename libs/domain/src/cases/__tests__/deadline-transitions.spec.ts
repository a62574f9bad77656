import { LayeredHolidaySource, parseNationalScheduleYaml } from '../../calendar/national-schedule.js';
import { workingDayCalendarFor } from '../../calendar/working-days.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { countPendingDeadlines, nextDueOf, type DeadlineRecord } from '../deadline-transitions.js';
import { chainRules } from './chain-fixtures.js';
import {
  ACCEPT_RESULT,
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
import { KeptCase, qinglanAssigned } from './kept-case.js';

const ECON = 'ECONOMIC_DEVELOPMENT';

describe('deadlinesAfterAct: stages open and close with the status', () => {
  it('opens verification at registration, then each stage as the case reaches it, closing the one it left', () => {
    const run = new KeptCase('zhengyang');
    expect(run.kept).toEqual([
      {
        stage: 'verification',
        from: '2026-03-10',
        dueOn: '2026-03-11',
        amount: 1,
        unit: 'WORKING_DAYS',
        doneOn: null,
      },
    ]);
    run.today = '2026-03-11';
    run.act(STAFF, VERIFY);
    expect(run.kept.map((d) => [d.stage, d.from, d.dueOn, d.doneOn])).toEqual([
      ['verification', '2026-03-10', '2026-03-11', '2026-03-11'],
      ['screening', '2026-03-11', '2026-03-16', null],
    ]);
    run.act(STAFF, screenPark(ECON, ['FINANCE']));
    run.act(EXECUTIVE, { type: 'approve', opinion: '同意' });
    expect(run.open()).toEqual(['departmentReply']);
    // Handling, its result and the head's review stay in the same stage: the same deadline runs.
    const reply = run.due('departmentReply');
    run.act(handler(ECON), { type: 'startHandling' });
    run.act(handler(ECON), SUBMIT);
    expect(run.due('departmentReply')).toBe(reply);
    run.act(head(ECON), ACCEPT_RESULT);
    run.act(STAFF, { type: 'grade', gradeCode: 'A' });
    expect(run.open()).toEqual(['followUp']);
    run.act(STAFF, { type: 'recordFollowUp', satisfactionCode: 'SATISFIED' });
    run.act(STAFF, { type: 'closeOut' });
    expect(run.open()).toEqual([]);
    expect(run.kept.map((d) => d.stage)).toEqual([
      'verification',
      'screening',
      'approval',
      'departmentReply',
      'followUp',
    ]);
  });

  it('opens screening at registration where verification is absent', () => {
    const rules = parkRules('zhengyang');
    rules.steps.verification = 'ABSENT';
    expect(new KeptCase(rules).open()).toEqual(['screening']);
  });

  it('gives an urgent case the stages’ urgent durations', () => {
    const run = new KeptCase('zhengyang', true);
    run.act(STAFF, VERIFY);
    run.act(STAFF, screenPark(ECON));
    expect(run.due('approval')).toMatchObject({ amount: 1, dueOn: '2026-03-11' });
    run.act(LEADER, { type: 'approve', opinion: '同意' });
    expect(run.due('departmentReply')).toMatchObject({ amount: 3, dueOn: '2026-03-13' });
  });

  it('counts one approval deadline for a whole chain of sign-offs', () => {
    const run = new KeptCase(chainRules());
    run.act(STAFF, VERIFY);
    run.act(STAFF, screenPark(ECON, ['FINANCE']));
    const approval = run.due('approval');
    run.today = '2026-03-11';
    run.act(LEADER, { type: 'approve', opinion: '同意' });
    expect(run.due('approval')).toBe(approval);
    run.act(EXECUTIVE, { type: 'approve', opinion: '同意' });
    expect(run.kept.find((d) => d.stage === 'approval')?.doneOn).toBe('2026-03-11');
    expect(run.due('departmentReply')?.from).toBe('2026-03-11');
  });

  it('keeps a deadline that reaches a year without holiday data pending, with the year it waits for', () => {
    const run = new KeptCase('zhengyang', false, '2026-12-30');
    run.act(STAFF, VERIFY);
    run.act(STAFF, screenPark(ECON));
    run.act(LEADER, { type: 'approve', opinion: '同意' });
    expect(run.due('departmentReply')).toEqual({
      stage: 'departmentReply',
      from: '2026-12-30',
      dueOn: null,
      amount: 10,
      unit: 'WORKING_DAYS',
      doneOn: null,
      pendingYear: 2027,
    });
  });

  it('restarts the handling deadline when special supervision reopens the case', () => {
    const run = new KeptCase('zhengyang');
    run.act(STAFF, VERIFY);
    run.act(STAFF, screenPark(ECON));
    run.act(LEADER, { type: 'approve', opinion: '同意' });
    run.act(handler(ECON), { type: 'startHandling' });
    run.act(handler(ECON), SUBMIT);
    run.today = '2026-03-16';
    run.act(head(ECON), ACCEPT_RESULT);
    expect(run.open()).toEqual([]);
    run.today = '2026-03-20';
    run.act(STAFF, { type: 'specialSupervision', event: 'INCOMPLETE', reason: '答复不完整' });
    expect(run.state.status).toBe('IN_PROGRESS');
    expect(run.due('departmentReply')).toMatchObject({ from: '2026-03-20', dueOn: '2026-04-03' });
    expect(run.kept.filter((d) => d.stage === 'departmentReply').map((d) => d.doneOn)).toEqual([
      '2026-03-16',
      null,
    ]);
  });
});

describe('deadlinesAfterAct: the departments’ clocks follow the assignment', () => {
  it('starts each split and assisting department’s clock at the assignment; a report stops its own', () => {
    const run = qinglanAssigned();
    expect(run.open()).toEqual([
      'departmentReply',
      `tierReport:${dep('PLANNING_BUREAU')}`,
      `tierReport:${dep('SAFETY_BUREAU')}`,
    ]);
    expect(run.due('tierReport', dep('PLANNING_BUREAU'))).toMatchObject({
      tierCode: 'SPLIT',
      amount: 7,
      dueOn: '2026-03-19',
    });
    run.today = '2026-03-12';
    run.act(handler('SAFETY_BUREAU'), { type: 'reportPart', report: '已提出协办意见' });
    expect(run.open()).toEqual(['departmentReply', `tierReport:${dep('PLANNING_BUREAU')}`]);
    expect(run.kept.find((d) => d.departmentId === dep('SAFETY_BUREAU'))?.doneOn).toBe('2026-03-12');
  });

  it('moves the reply deadline with each approved extension, keeping the first date and who decided', () => {
    const run = qinglanAssigned();
    run.today = '2026-03-18';
    run.act(handler('ECONOMY_BUREAU'), {
      type: 'requestExtension',
      newDueOn: '2026-03-31',
      reason: '需等待现场勘查',
    });
    run.act(STAFF, { type: 'decideExtension', approved: true, note: '同意' }, '王主任');
    expect(run.due('departmentReply')).toMatchObject({
      from: '2026-03-10',
      dueOn: '2026-03-31',
      originalDueOn: '2026-03-24',
      extensions: [
        {
          fromDueOn: '2026-03-24',
          toDueOn: '2026-03-31',
          reason: '需等待现场勘查',
          requestedOn: '2026-03-18',
          decidedOn: '2026-03-18',
          decidedByName: '王主任',
        },
      ],
    });
    // The departments' own clocks are not extended.
    expect(run.due('tierReport', dep('PLANNING_BUREAU'))?.dueOn).toBe('2026-03-19');
  });

  it('leaves the deadline where it was when an extension is refused', () => {
    const run = qinglanAssigned();
    const before = structuredClone(run.kept);
    run.act(handler('ECONOMY_BUREAU'), {
      type: 'requestExtension',
      newDueOn: '2026-03-31',
      reason: '需等待',
    });
    run.act(STAFF, { type: 'decideExtension', approved: false, note: '不同意' });
    expect(run.kept).toEqual(before);
  });

  it('opens the objection’s decision clock, which a maintained decision closes', () => {
    const run = qinglanAssigned();
    run.today = '2026-03-11';
    run.act(handler('ECONOMY_BUREAU'), { type: 'objectToAssignment', reason: '不属本局职能' });
    expect(run.due('objectionDecision')).toEqual({
      stage: 'objectionDecision',
      from: '2026-03-11',
      dueOn: '2026-03-13',
      amount: 2,
      unit: 'WORKING_DAYS',
      doneOn: null,
    });
    run.today = '2026-03-12';
    run.act(STAFF, { type: 'decideObjection', outcome: 'MAINTAINED', note: '维持交办' });
    expect(run.open()).toEqual([
      'departmentReply',
      `tierReport:${dep('PLANNING_BUREAU')}`,
      `tierReport:${dep('SAFETY_BUREAU')}`,
    ]);
    expect(run.due('departmentReply')?.from).toBe('2026-03-10');
  });

  it('gives a reassigned case a new reply clock and the new departments’ clocks, stopping the old ones', () => {
    const run = qinglanAssigned();
    run.today = '2026-03-11';
    run.act(handler('ECONOMY_BUREAU'), { type: 'objectToAssignment', reason: '不属本局职能' });
    run.today = '2026-03-12';
    run.act(STAFF, {
      type: 'decideObjection',
      outcome: 'REASSIGNED',
      leadDepartmentId: dep('INVESTMENT_BUREAU'),
      cooperatingDepartmentIds: [dep('GENERAL_OFFICE')],
      departmentTiers: [{ departmentId: dep('GENERAL_OFFICE'), tierCode: 'ASSISTING' }],
      note: '改由投资促进局主办',
    });
    expect(run.open()).toEqual(['departmentReply', `tierReport:${dep('GENERAL_OFFICE')}`]);
    expect(run.due('departmentReply')).toMatchObject({ from: '2026-03-12', dueOn: '2026-03-26' });
    expect(run.due('tierReport', dep('GENERAL_OFFICE'))).toMatchObject({
      tierCode: 'ASSISTING',
      dueOn: '2026-03-17',
    });
    expect(run.kept.filter((d) => d.doneOn === '2026-03-12').map((d) => d.departmentId ?? d.stage)).toEqual([
      'departmentReply',
      dep('PLANNING_BUREAU'),
      dep('SAFETY_BUREAU'),
      'objectionDecision',
    ]);
  });
});

describe('nextDueOf', () => {
  const d = (
    stage: DeadlineRecord['stage'],
    dueOn: string | null,
    doneOn: string | null = null,
    pendingYear?: number,
  ) =>
    ({
      stage,
      from: '2026-03-10',
      dueOn,
      amount: 1,
      unit: 'WORKING_DAYS',
      doneOn,
      ...(pendingYear ? { pendingYear } : {}),
    }) as DeadlineRecord;

  it('is the earliest open due date and its stage', () => {
    expect(
      nextDueOf([
        d('verification', '2026-03-11', '2026-03-11'),
        d('departmentReply', '2026-03-24'),
        d('tierReport', '2026-03-13'),
      ]),
    ).toEqual({ dueOn: '2026-03-13', stage: 'tierReport', pendingYear: null });
    expect(nextDueOf([])).toEqual({ dueOn: null, stage: null, pendingYear: null });
  });

  it('waits for the earliest missing year, of a done deadline too (its answer is judged once the date is known)', () => {
    expect(
      nextDueOf([d('approval', null, '2026-12-31', 2028), d('departmentReply', null, null, 2027)]),
    ).toEqual({ dueOn: null, stage: null, pendingYear: 2027 });
  });
});

describe('countPendingDeadlines', () => {
  const pending: DeadlineRecord[] = [
    {
      stage: 'verification',
      from: '2026-12-28',
      dueOn: '2026-12-29',
      amount: 1,
      unit: 'WORKING_DAYS',
      doneOn: '2026-12-29',
    },
    {
      stage: 'departmentReply',
      from: '2026-12-30',
      dueOn: null,
      amount: 10,
      unit: 'WORKING_DAYS',
      doneOn: null,
      pendingYear: 2027,
    },
    {
      stage: 'tierReport',
      from: '2026-12-30',
      dueOn: null,
      amount: 5,
      unit: 'WORKING_DAYS',
      doneOn: null,
      pendingYear: 2027,
      departmentId: dep('FINANCE'),
      tierCode: 'SPLIT',
    },
  ];

  it('leaves them pending while the calendar does not reach their year', () => {
    const bundled = workingDayCalendarFor(parkRules('zhengyang'));
    expect(countPendingDeadlines(pending, bundled)).toEqual({ deadlines: pending, computed: [] });
  });

  it('counts each from the day it opened once the year is imported, keeping whose clock it is', () => {
    const year2027 = parseNationalScheduleYaml(
      'year: 2027\nholidays:\n  - { name: 元旦, nameEn: New Year, from: 2027-01-01, to: 2027-01-03 }\n',
    );
    if (!year2027.ok) throw new Error(JSON.stringify(year2027.problems));
    const calendar = workingDayCalendarFor(
      parkRules('zhengyang'),
      new LayeredHolidaySource([year2027.schedule]),
    );
    const { deadlines, computed } = countPendingDeadlines(pending, calendar);
    // 31 Dec, then 4–8 and 11–14 January (1–3 January are New Year's Day).
    expect(computed.map((d) => [d.stage, d.dueOn])).toEqual([
      ['departmentReply', '2027-01-14'],
      ['tierReport', '2027-01-07'],
    ]);
    expect(deadlines[0]).toBe(pending[0]);
    expect(deadlines[1]).toMatchObject({ dueOn: '2027-01-14', doneOn: null });
    expect(deadlines[1].pendingYear).toBeUndefined();
    expect(deadlines[2]).toMatchObject({
      dueOn: '2027-01-07',
      departmentId: dep('FINANCE'),
      tierCode: 'SPLIT',
    });
    expect(nextDueOf(deadlines)).toEqual({ dueOn: '2027-01-07', stage: 'tierReport', pendingYear: null });
  });
});
