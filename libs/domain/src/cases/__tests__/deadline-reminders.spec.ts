import fc from 'fast-check';
import { addDaysToIsoDate } from '../../calendar/iso-date.js';
import { addWorkingDays, workingDayCalendarFor } from '../../calendar/working-days.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import {
  actionsDue,
  handOverDue,
  inDailyDigest,
  mayHandOver,
  reminderOf,
  responsibleFor,
  supervisionDue,
  supervisionRecipients,
  workingDaysLater,
  type ClockFacts,
} from '../deadline-reminders.js';

const qinglan = parkRules('qinglan');
const calendar = workingDayCalendarFor(qinglan);
const POLICY = { reminderWorkingDays: 1, referralGraceWorkingDays: 2 };

const FACTS: ClockFacts = {
  approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
  leadDepartmentId: 'dep-LEAD',
  openClocks: [null],
  followUpDepartmentId: null,
  followUpUserId: null,
};

describe('actionsDue: what time passing makes due for an open deadline', () => {
  // Mid-Autumn Festival: Fri 2026-09-25; the National Day holidays run 1–7 October 2026.
  it('reminds within the lead time, counted in working days, and not before', () => {
    const reply = { stage: 'departmentReply', dueOn: '2026-09-28' };
    expect(actionsDue(reply, calendar, '2026-09-23', POLICY)).toEqual([]);
    // Thursday: the next working day is Monday, the due date.
    expect(actionsDue(reply, calendar, '2026-09-24', POLICY)).toEqual(['REMIND']);
    expect(actionsDue(reply, calendar, '2026-09-28', POLICY)).toEqual(['REMIND']);
    // Over the holidays the lead time reaches further: the next working day is 8 October.
    expect(actionsDue({ stage: 'approval', dueOn: '2026-10-08' }, calendar, '2026-09-30', POLICY)).toEqual([
      'REMIND',
    ]);
  });

  it('supervises a handling deadline or a department’s clock the day after it, not other stages', () => {
    expect(
      actionsDue({ stage: 'departmentReply', dueOn: '2026-09-28' }, calendar, '2026-09-29', POLICY),
    ).toEqual(['SUPERVISE']);
    expect(actionsDue({ stage: 'tierReport', dueOn: '2026-09-28' }, calendar, '2026-09-29', POLICY)).toEqual([
      'SUPERVISE',
    ]);
    expect(actionsDue({ stage: 'screening', dueOn: '2026-09-28' }, calendar, '2026-09-29', POLICY)).toEqual(
      [],
    );
    expect(actionsDue({ stage: 'followUp', dueOn: '2026-09-28' }, calendar, '2026-10-20', POLICY)).toEqual(
      [],
    );
  });

  it('chases an unanswered referral letter at once, and supervises it after the grace period', () => {
    const letter = { stage: 'referralReply', dueOn: '2026-09-28' };
    expect(actionsDue(letter, calendar, '2026-09-29', POLICY)).toEqual(['CHASE_REPLY']);
    // Two working days after Monday 28 September: Wednesday the 30th.
    expect(actionsDue(letter, calendar, '2026-09-30', POLICY)).toEqual(['CHASE_REPLY', 'SUPERVISE']);
  });

  it('neither reminds nor supervises where the calendar cannot count that far', () => {
    expect(
      actionsDue({ stage: 'departmentReply', dueOn: '2026-12-31' }, calendar, '2026-12-31', {
        ...POLICY,
        reminderWorkingDays: 3,
      }),
    ).toEqual([]);
    expect(
      actionsDue({ stage: 'referralReply', dueOn: '2026-12-30' }, calendar, '2027-01-05', POLICY),
    ).toEqual(['CHASE_REPLY']);
    expect(workingDaysLater(calendar, '2026-12-31', 1)).toBeNull();
  });

  const day = fc.integer({ min: 0, max: 300 }).map((n) => addDaysToIsoDate('2026-01-05', n));
  const clock = fc.record({
    stage: fc.constantFrom(
      'verification',
      'approval',
      'departmentReply',
      'referralReply',
      'tierReport',
      'followUp',
    ),
    dueOn: day,
  });
  const policy = fc.record({
    reminderWorkingDays: fc.integer({ min: 0, max: 5 }),
    referralGraceWorkingDays: fc.integer({ min: 0, max: 5 }),
  });

  it('reminds only up to the due date, and only what the lead time reaches', () => {
    fc.assert(
      fc.property(clock, day, policy, (c, today, p) => {
        const reminds = actionsDue(c, calendar, today, p).includes('REMIND');
        expect(reminds).toBe(
          today <= c.dueOn && addWorkingDays(calendar, today, p.reminderWorkingDays).due >= c.dueOn,
        );
        // Whatever is reminded is in that morning's digest; so is whatever is overdue.
        if (reminds || today > c.dueOn) expect(inDailyDigest(c.dueOn, calendar, today, p)).toBe(true);
      }),
    );
  });

  it('supervises only after the due date, and once due stays due on every later day', () => {
    fc.assert(
      fc.property(clock, day, fc.integer({ min: 1, max: 30 }), policy, (c, today, later, p) => {
        const supervises = (on: string) => actionsDue(c, calendar, on, p).includes('SUPERVISE');
        if (supervises(today)) {
          expect(today > c.dueOn).toBe(true);
          expect(supervises(addDaysToIsoDate(today, later))).toBe(true);
        }
        if (c.stage === 'referralReply')
          expect(actionsDue(c, calendar, today, p).includes('CHASE_REPLY')).toBe(today > c.dueOn);
      }),
    );
  });
});

describe('the overdue hand-over to outside offices', () => {
  const reply = { stage: 'departmentReply', dueOn: '2026-03-24' };

  it('may be due only where the rules hand over, for a supervised deadline that has passed', () => {
    expect(mayHandOver(qinglan, reply, '2026-03-25')).toBe(true);
    expect(mayHandOver(qinglan, reply, '2026-03-24')).toBe(false);
    expect(mayHandOver(qinglan, { ...reply, stage: 'approval' }, '2026-03-25')).toBe(false);
    expect(mayHandOver(parkRules('zhengyang'), reply, '2026-03-25')).toBe(false);
  });

  it('is due the rules’ working days after the first supervision letter that stated the deadline', () => {
    // Qinglan: three working days after a letter of Wed 2026-03-25: Monday the 30th.
    expect(handOverDue(qinglan, calendar, reply, '2026-03-25', '2026-03-27')).toBe(false);
    expect(handOverDue(qinglan, calendar, reply, '2026-03-25', '2026-03-30')).toBe(true);
    // No letter stated it: not handed over.
    expect(handOverDue(qinglan, calendar, reply, null, '2026-04-30')).toBe(false);
    // The window cannot be counted without holiday data: it has not passed.
    expect(
      handOverDue(
        qinglan,
        calendar,
        { stage: 'departmentReply', dueOn: '2026-12-28' },
        '2026-12-29',
        '2027-01-10',
      ),
    ).toBe(false);
  });
});

describe('whom a deadline concerns', () => {
  it('names the approving role, the lead department, a department’s own clock, or the service center', () => {
    expect(responsibleFor('approval', FACTS)).toEqual([
      { roles: ['EXECUTIVE_DEPUTY_DIRECTOR'], departmentIds: null },
    ]);
    expect(responsibleFor('approval', { ...FACTS, approverRole: null })).toEqual([
      { roles: ['LEADER_IN_CHARGE'], departmentIds: null },
    ]);
    expect(responsibleFor('departmentReply', FACTS)).toEqual([
      { roles: ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'], departmentIds: ['dep-LEAD'] },
    ]);
    expect(responsibleFor('departmentReply', { ...FACTS, leadDepartmentId: null })).toEqual([
      { roles: ['SERVICE_CENTER_STAFF'], departmentIds: null },
    ]);
    // Only the departments whose clock of that date is open, never the case's own.
    expect(responsibleFor('tierReport', { ...FACTS, openClocks: [null, 'dep-SPLIT'] })).toEqual([
      { roles: ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'], departmentIds: ['dep-SPLIT'] },
    ]);
    for (const stage of ['verification', 'screening', 'referralReply', 'bGradeReviewInterval'])
      expect(responsibleFor(stage, FACTS)).toEqual([
        { roles: ['SERVICE_CENTER_STAFF'], departmentIds: null },
      ]);
  });

  it('adds the linked department and cadre to the service center for a follow-up they record', () => {
    expect(responsibleFor('followUp', FACTS)).toEqual([
      { roles: ['SERVICE_CENTER_STAFF'], departmentIds: null },
    ]);
    expect(
      responsibleFor('followUp', {
        ...FACTS,
        followUpDepartmentId: 'dep-LINKED',
        followUpUserId: 'user-cadre',
      }),
    ).toEqual([
      { roles: ['SERVICE_CENTER_STAFF'], departmentIds: null },
      { roles: ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'], departmentIds: ['dep-LINKED'] },
      { userId: 'user-cadre' },
    ]);
  });

  it('reminds of an open deadline by its kind, a passed referral letter as unanswered, a closed one not at all', () => {
    const on = (stage: string, today = '2026-03-23') =>
      reminderOf({ stage, dueOn: '2026-03-24' }, FACTS, today)?.kind;
    expect(on('departmentReply')).toBe('DEADLINE_REMINDER');
    expect(on('bGradeReviewInterval')).toBe('B_GRADE_REVIEW');
    expect(on('followUp')).toBe('FOLLOW_UP_DUE');
    expect(on('referralReply')).toBe('DEADLINE_REMINDER');
    expect(on('referralReply', '2026-03-25')).toBe('REFERRAL_UNANSWERED');
    expect(
      reminderOf({ stage: 'departmentReply', dueOn: '2026-03-24' }, FACTS, '2026-03-23')?.recipients,
    ).toEqual(responsibleFor('departmentReply', FACTS));
    expect(
      reminderOf(
        { stage: 'departmentReply', dueOn: '2026-03-24' },
        { ...FACTS, openClocks: [] },
        '2026-03-23',
      ),
    ).toBeNull();
  });

  it('supervises an open supervised deadline once, and tells its people and the approving leader', () => {
    expect(supervisionDue('departmentReply', { ...FACTS, supervised: false })).toBe('SUPERVISE');
    expect(supervisionDue('departmentReply', { ...FACTS, supervised: true })).toBe('ALREADY');
    expect(supervisionDue('departmentReply', { ...FACTS, openClocks: [], supervised: false })).toBe(
      'NOT_DUE',
    );
    expect(supervisionDue('followUp', { ...FACTS, supervised: false })).toBe('NOT_DUE');
    expect(
      supervisionRecipients('tierReport', { ...FACTS, approverRole: null, openClocks: ['dep-SPLIT'] }),
    ).toEqual([
      { roles: ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'], departmentIds: ['dep-SPLIT'] },
      { roles: ['LEADER_IN_CHARGE'], departmentIds: null },
    ]);
  });
});
