import { workingDayCalendarFor } from '../../calendar/working-days.js';
import { CalendarDataMissingError, InvalidDateError } from '../../rules/errors.js';
import { parkRules } from '../../rules/__tests__/park-fixtures.js';
import { CASE_STATUSES } from '../case-status.js';
import {
  approvalDeadline,
  bGradeReviewDeadline,
  bGradeReviewSchedule,
  departmentReplyDeadline,
  followUpDeadline,
  isOverdue,
  referralReplyDeadline,
  screeningDeadline,
  stageDeadlineOrPending,
  STATUS_DEADLINE_STAGES,
  verificationDeadline,
} from '../deadlines.js';

const zhengyang = parkRules('zhengyang');
const wulingshan = parkRules('wulingshan');

describe('stage deadlines', () => {
  it('gives Zhengyang the 5 working days of Attachment 4 for a referral reply, across the October holidays', () => {
    const deadline = referralReplyDeadline(zhengyang, '2026-09-24');
    expect(deadline).toMatchObject({
      stage: 'referralReply',
      amount: 5,
      unit: 'WORKING_DAYS',
      due: '2026-10-09',
    });
    expect(deadline.trace.filter((d) => d.counted).map((d) => d.date)).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
    ]);
    // Wulingshan allows 7: the make-up Saturday 2026-10-10 counts.
    expect(referralReplyDeadline(wulingshan, '2026-09-24').due).toBe('2026-10-12');
  });

  it.each([
    ['verification', verificationDeadline, '2026-03-11', '2026-03-12'],
    ['screening', screeningDeadline, '2026-03-13', '2026-03-12'],
    ['approval', approvalDeadline, '2026-03-12', '2026-03-13'],
    ['departmentReply', departmentReplyDeadline, '2026-03-24', '2026-03-19'],
    ['referralReply', referralReplyDeadline, '2026-03-17', '2026-03-19'],
  ])(
    'computes the %s stage from Tue 2026-03-10 under each park',
    (_stage, deadline, zhengyangDue, wulingshanDue) => {
      expect(deadline(zhengyang, '2026-03-10').due).toBe(zhengyangDue);
      expect(deadline(wulingshan, '2026-03-10').due).toBe(wulingshanDue);
    },
  );

  it('shortens urgent stages where the park says so', () => {
    expect(approvalDeadline(zhengyang, '2026-03-10', { urgency: 'URGENT' }).due).toBe('2026-03-11');
    expect(departmentReplyDeadline(zhengyang, '2026-03-10', { urgency: 'URGENT' })).toMatchObject({
      urgency: 'URGENT',
      amount: 3,
      due: '2026-03-13',
    });
    // Wulingshan has no urgent approval: the normal period applies.
    expect(approvalDeadline(wulingshan, '2026-03-10', { urgency: 'URGENT' }).due).toBe('2026-03-13');
  });

  it("skips the park's own closures", () => {
    // Wulingshan closes on Wed 2026-07-15; Zhengyang works.
    expect(
      departmentReplyDeadline(wulingshan, '2026-07-10').trace.find((d) => d.date === '2026-07-15'),
    ).toMatchObject({
      counted: false,
      reason: 'PARK_CLOSURE',
    });
    expect(departmentReplyDeadline(wulingshan, '2026-07-10').due).toBe('2026-07-22');
    expect(departmentReplyDeadline(zhengyang, '2026-07-10').due).toBe('2026-07-24');
  });

  it('schedules B-grade reviews and the follow-up in each park’s unit', () => {
    // Zhengyang: every 30 calendar days; Wulingshan: every 15 working days (Qingming 4–6 April skipped).
    expect(bGradeReviewDeadline(zhengyang, '2026-03-20')).toMatchObject({
      unit: 'CALENDAR_DAYS',
      due: '2026-04-19',
      trace: [],
    });
    expect(bGradeReviewSchedule(zhengyang, '2026-03-20', 3)).toEqual([
      '2026-04-19',
      '2026-05-19',
      '2026-06-18',
    ]);
    expect(bGradeReviewDeadline(wulingshan, '2026-03-20').due).toBe('2026-04-13');
    const calendar = workingDayCalendarFor(wulingshan);
    expect(bGradeReviewSchedule(wulingshan, '2026-03-20', 2, { calendar })).toEqual([
      '2026-04-13',
      '2026-05-07',
    ]);
    expect(bGradeReviewSchedule(wulingshan, '2026-03-20', 0)).toEqual([]);
    expect(followUpDeadline(zhengyang, '2026-03-20').due).toBe('2026-03-27');
    expect(followUpDeadline(wulingshan, '2026-03-20').due).toBe('2026-03-30');
  });

  it('refuses years without national holiday data rather than guess', () => {
    expect(() => departmentReplyDeadline(zhengyang, '2099-03-10')).toThrow(CalendarDataMissingError);
  });

  it('keeps a deadline that reaches a year without holiday data as pending, with what it counts from', () => {
    // Zhengyang: 10 working days (3 when urgent) from an assignment on Wed 2026-12-30 reach into 2027.
    expect(stageDeadlineOrPending(zhengyang, 'departmentReply', '2026-12-30', { urgency: 'URGENT' })).toEqual(
      {
        stage: 'departmentReply',
        urgency: 'URGENT',
        from: '2026-12-30',
        amount: 3,
        unit: 'WORKING_DAYS',
        due: null,
        pendingYear: 2027,
      },
    );
    // Within the year it is computed as usual.
    expect(stageDeadlineOrPending(zhengyang, 'departmentReply', '2026-12-01').due).toBe('2026-12-15');
  });

  it('names the running stage of every open status before the outcome', () => {
    expect(STATUS_DEADLINE_STAGES).toEqual({
      REGISTERED: 'verification',
      VERIFIED: 'screening',
      PENDING_APPROVAL: 'approval',
      ASSIGNED: 'departmentReply',
      IN_PROGRESS: 'departmentReply',
      RESULT_SUBMITTED: 'departmentReply',
      REFERRED: 'referralReply',
      TRACKING: 'bGradeReviewInterval',
      GRADED: 'followUp',
    });
    for (const status of ['REJECTED', 'RESPONDED', 'FOLLOWED_UP', 'CLOSED'] as const) {
      expect(CASE_STATUSES).toContain(status);
      expect(STATUS_DEADLINE_STAGES[status]).toBeUndefined();
    }
  });
});

describe('isOverdue', () => {
  it('counts the due date itself as in time', () => {
    expect(isOverdue('2026-03-17', '2026-03-17')).toBe(false);
    expect(isOverdue('2026-03-17', '2026-03-16')).toBe(false);
    expect(isOverdue('2026-03-17', '2026-03-18')).toBe(true);
  });

  it('judges a done stage by when it was done, not by today', () => {
    expect(isOverdue('2026-03-17', '2026-04-30', '2026-03-17')).toBe(false);
    expect(isOverdue('2026-03-17', '2026-03-17', '2026-03-18')).toBe(true);
    expect(isOverdue('2026-03-17', '2026-03-18', null)).toBe(true);
  });

  it('throws on something that is not a date', () => {
    expect(() => isOverdue('2026-02-30', '2026-03-01')).toThrow(InvalidDateError);
    expect(() => isOverdue('2026-03-17', '17/03/2026')).toThrow(InvalidDateError);
    expect(() => isOverdue('2026-03-17', '2026-03-18', 'yesterday')).toThrow(InvalidDateError);
  });
});
