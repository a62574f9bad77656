import type { ParkRole } from '../auth/roles.js';
import type { IsoDate } from '../calendar/iso-date.js';
import { addWorkingDays, type WorkingDayCalendar } from '../calendar/working-days.js';
import { CalendarDataMissingError } from '../rules/errors.js';
import type { NotificationKind } from '../rules/notification-templates.js';
import type { ParkRules } from '../rules/park-rules.schema.js';
import { isSupervisedStage } from './overdue-deadlines.js';

/**
 * What time passing makes due for an open deadline, and whom it concerns: reminders shortly before
 * a deadline; at an overdue handling deadline or split or assisting department's clock, supervision
 * (Art. 10); at an unanswered referral letter, a reminder to chase it and, after a grace period,
 * supervision; a supervised deadline still open after the rules' window, the hand-over to outside
 * offices. The deadline jobs read the facts and write what these decide.
 */

/** How far ahead people are reminded, and how long a silent bureau has before supervision. */
export interface ReminderPolicy {
  /** Reminders this many working days before a deadline (0: on the day). */
  reminderWorkingDays: number;
  /** A referral letter unanswered past its reply date is chased at once, supervised after this many more working days. */
  referralGraceWorkingDays: number;
}

/** An open deadline with a known due date, as the sweep finds it. */
export interface OpenClock {
  stage: string;
  dueOn: IsoDate;
}

/** The date `n` working days after `from` by the park's calendar; null where the calendar has no data. */
export function workingDaysLater(calendar: WorkingDayCalendar, from: IsoDate, n: number): IsoDate | null {
  try {
    return addWorkingDays(calendar, from, n).due;
  } catch (error) {
    if (error instanceof CalendarDataMissingError) return null;
    throw error;
  }
}

/**
 * REMIND: the deadline is within the reminder lead time (not where the calendar cannot count that
 * far); CHASE_REPLY: a referral letter is unanswered past its reply date; SUPERVISE: a supervised
 * deadline is past (a referral letter's only after the grace period).
 */
export type DueAction = 'REMIND' | 'CHASE_REPLY' | 'SUPERVISE';

export function actionsDue(
  clock: OpenClock,
  calendar: WorkingDayCalendar,
  today: IsoDate,
  policy: ReminderPolicy,
): DueAction[] {
  if (today <= clock.dueOn) {
    const remindFrom = workingDaysLater(calendar, today, policy.reminderWorkingDays);
    return remindFrom !== null && remindFrom >= clock.dueOn ? ['REMIND'] : [];
  }
  if (clock.stage === 'referralReply') {
    const superviseFrom = workingDaysLater(calendar, clock.dueOn, policy.referralGraceWorkingDays);
    return superviseFrom !== null && today >= superviseFrom ? ['CHASE_REPLY', 'SUPERVISE'] : ['CHASE_REPLY'];
  }
  return isSupervisedStage(clock.stage) ? ['SUPERVISE'] : [];
}

/**
 * Whether a deadline is in the morning's digest: due within the reminder lead time, or overdue
 * (also where the calendar cannot count the lead time).
 */
export function inDailyDigest(
  dueOn: IsoDate,
  calendar: WorkingDayCalendar,
  today: IsoDate,
  policy: Pick<ReminderPolicy, 'reminderWorkingDays'>,
): boolean {
  const horizon = workingDaysLater(calendar, today, policy.reminderWorkingDays);
  return horizon === null || dueOn <= horizon;
}

/**
 * Whether the sweep may find the hand-over of this deadline due: the rules hand overdue cases over
 * and a supervised deadline is past. Only then does it look for the supervision letter.
 */
export function mayHandOver(
  rules: Pick<ParkRules, 'overdueHandover'>,
  clock: OpenClock,
  today: IsoDate,
): boolean {
  return Boolean(rules.overdueHandover) && today > clock.dueOn && isSupervisedStage(clock.stage);
}

/**
 * The hand-over to outside offices is due: a supervision letter stated the deadline (`letterOn`, the
 * day the first one was issued) and the rules' `afterWorkingDays` have passed since. Where the
 * calendar cannot count that far, the window has not passed.
 */
export function handOverDue(
  rules: Pick<ParkRules, 'overdueHandover'>,
  calendar: WorkingDayCalendar,
  clock: OpenClock,
  letterOn: IsoDate | null,
  today: IsoDate,
): boolean {
  if (!mayHandOver(rules, clock, today) || letterOn === null) return false;
  const from = workingDaysLater(calendar, letterOn, rules.overdueHandover!.afterWorkingDays);
  return from !== null && today >= from;
}

/** Who is told: the people with some roles (in some departments, or any), or one person. */
export type Recipients = { roles: ParkRole[]; departmentIds: string[] | null } | { userId: string };

/** What the jobs know of a case when they decide whom a deadline concerns. */
export interface ClockFacts {
  /** The role whose sign-off the case awaits or that signed last. */
  approverRole: ParkRole | null;
  leadDepartmentId: string | null;
  /**
   * The clocks of the stage still open with that due date: the department whose clock it is, null
   * for the case's own stage. Empty when none is open any more (done, extended, closed).
   */
  openClocks: readonly (string | null)[];
  /** The enterprise's linked department and cadre, where the rules have them record the follow-up. */
  followUpDepartmentId: string | null;
  followUpUserId: string | null;
}

const DEPARTMENT_PEOPLE: ParkRole[] = ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'];
const SERVICE_CENTER: Recipients = { roles: ['SERVICE_CENTER_STAFF'], departmentIds: null };

/** The people responsible for a stage of a case, by their roles in the park. */
export function responsibleFor(stage: string, facts: ClockFacts): Recipients[] {
  switch (stage) {
    case 'approval':
      return [{ roles: [facts.approverRole ?? 'LEADER_IN_CHARGE'], departmentIds: null }];
    case 'departmentReply':
      return facts.leadDepartmentId
        ? [{ roles: DEPARTMENT_PEOPLE, departmentIds: [facts.leadDepartmentId] }]
        : [SERVICE_CENTER];
    case 'tierReport':
      // A split or assisting department's own clock: that department alone.
      return [
        {
          roles: DEPARTMENT_PEOPLE,
          departmentIds: facts.openClocks.filter((id): id is string => id !== null),
        },
      ];
    case 'followUp':
      // The service center, and the enterprise's linked department and cadre where they record it.
      return [
        SERVICE_CENTER,
        ...(facts.followUpDepartmentId
          ? [{ roles: DEPARTMENT_PEOPLE, departmentIds: [facts.followUpDepartmentId] }]
          : []),
        ...(facts.followUpUserId ? [{ userId: facts.followUpUserId }] : []),
      ];
    default:
      // Verification, screening, chasing bureaus and B-grade reviews: the service center.
      return [SERVICE_CENTER];
  }
}

const REMINDER_KIND: Partial<Record<string, NotificationKind>> = {
  bGradeReviewInterval: 'B_GRADE_REVIEW',
  followUp: 'FOLLOW_UP_DUE',
};

/**
 * The reminder of a deadline near or, for a referral letter, passed: its kind and whom it goes to;
 * null when no clock of it is open any more (nobody needs reminding).
 */
export function reminderOf(
  clock: OpenClock,
  facts: ClockFacts,
  today: IsoDate,
): { kind: NotificationKind; recipients: Recipients[] } | null {
  if (facts.openClocks.length === 0) return null;
  const unanswered = clock.stage === 'referralReply' && today > clock.dueOn;
  const kind = REMINDER_KIND[clock.stage] ?? (unanswered ? 'REFERRAL_UNANSWERED' : 'DEADLINE_REMINDER');
  return { kind, recipients: responsibleFor(clock.stage, facts) };
}

/**
 * What a supervision job does for a deadline: SUPERVISE (the act decides, by the park's calendar,
 * whether the case is overdue); ALREADY when a supervision letter stated that date (only the
 * notification is left to finish); NOT_DUE when no clock of it is open any more or its stage is
 * not one Art. 10 supervises.
 */
export function supervisionDue(
  stage: string,
  facts: Pick<ClockFacts, 'openClocks'> & { supervised: boolean },
): 'SUPERVISE' | 'ALREADY' | 'NOT_DUE' {
  if (facts.supervised) return 'ALREADY';
  return facts.openClocks.length === 0 || !isSupervisedStage(stage) ? 'NOT_DUE' : 'SUPERVISE';
}

/** Told of a supervision: those responsible for the missed deadline and the approving leader. */
export function supervisionRecipients(stage: string, facts: ClockFacts): Recipients[] {
  return [...responsibleFor(stage, facts), ...responsibleFor('approval', facts)];
}
