import { isoDateToUtcMs, type IsoDate } from '../calendar/iso-date.js';
import {
  addCalendarDays,
  addWorkingDays,
  computeDeadline,
  workingDayCalendarFor,
  type ComputedDeadline,
  type WorkingDayCalendar,
  type WorkingDayTraceEntry,
} from '../calendar/working-days.js';
import { CalendarDataMissingError } from '../rules/errors.js';
import type { DeadlineStage, DeadlineUnit, ParkRules, Urgency } from '../rules/park-rules.schema.js';
import type { CaseStatus } from './case-status.js';

/**
 * Due dates of the stages the API stores, each counted from the act that opens the stage, in the
 * park's unit and calendar. They throw CalendarDataMissingError for a year without national data.
 */

export type DeadlineRules = Pick<ParkRules, 'deadlines' | 'calendar'>;

export interface DeadlineOptions {
  urgency?: Urgency;
  /** Reuse one calendar for many computations; defaults to the park's. */
  calendar?: WorkingDayCalendar;
}

export function stageDeadline(
  rules: DeadlineRules,
  stage: DeadlineStage,
  from: IsoDate,
  options: DeadlineOptions = {},
): ComputedDeadline {
  return computeDeadline(
    rules,
    options.calendar ?? workingDayCalendarFor(rules),
    stage,
    from,
    options.urgency,
  );
}

/**
 * A deadline that cannot be computed yet (期限待定): its count reaches a year without national
 * holiday data. It is kept with what it counts from, and computed when that year is imported.
 */
export interface PendingDeadline {
  stage: DeadlineStage;
  urgency: Urgency;
  from: IsoDate;
  amount: number;
  unit: DeadlineUnit;
  due: null;
  /** The year whose holiday data is missing. */
  pendingYear: number;
}

/** The stage's deadline, or a pending one where the holiday data does not reach its due date. */
export function stageDeadlineOrPending(
  rules: DeadlineRules,
  stage: DeadlineStage,
  from: IsoDate,
  options: DeadlineOptions = {},
): ComputedDeadline | PendingDeadline {
  const urgency = options.urgency ?? 'NORMAL';
  const rule = rules.deadlines[stage];
  const duration = (urgency === 'URGENT' ? rule.byUrgency?.URGENT : undefined) ?? rule;
  const counted = countDeadline(options.calendar ?? workingDayCalendarFor(rules), from, duration);
  return { stage, urgency, from, amount: duration.amount, unit: duration.unit, ...counted };
}

/**
 * `amount` working or calendar days from `from`, with the days counted; pending (the year without
 * holiday data) where the calendar does not reach that far. For clocks that are not a rules stage
 * (an objection's decision) as well as for the stages.
 */
export function countDeadline(
  calendar: WorkingDayCalendar,
  from: IsoDate,
  { amount, unit }: { amount: number; unit: DeadlineUnit },
): { due: IsoDate; trace: WorkingDayTraceEntry[] } | { due: null; pendingYear: number } {
  try {
    return unit === 'WORKING_DAYS'
      ? addWorkingDays(calendar, from, amount)
      : { due: addCalendarDays(from, amount), trace: [] };
  } catch (error) {
    if (!(error instanceof CalendarDataMissingError)) throw error;
    return { due: null, pendingYear: error.year };
  }
}

/** Art. 6: verification with the enterprise, from registration. */
export const verificationDeadline = (
  rules: DeadlineRules,
  registeredOn: IsoDate,
  options?: DeadlineOptions,
) => stageDeadline(rules, 'verification', registeredOn, options);

/** Art. 6: screening, from verification. */
export const screeningDeadline = (rules: DeadlineRules, verifiedOn: IsoDate, options?: DeadlineOptions) =>
  stageDeadline(rules, 'screening', verifiedOn, options);

/** Art. 7: the route's approval, from screening. */
export const approvalDeadline = (rules: DeadlineRules, screenedOn: IsoDate, options?: DeadlineOptions) =>
  stageDeadline(rules, 'approval', screenedOn, options);

/** Art. 9: the department's reply (办结时限 when the assignment sheet sets none), from assignment. */
export const departmentReplyDeadline = (
  rules: DeadlineRules,
  assignedOn: IsoDate,
  options?: DeadlineOptions,
) => stageDeadline(rules, 'departmentReply', assignedOn, options);

/** Art. 7.2 and Attachment 4: the bureau's reply (Zhengyang: 5 working days), from the letter. */
export const referralReplyDeadline = (rules: DeadlineRules, referredOn: IsoDate, options?: DeadlineOptions) =>
  stageDeadline(rules, 'referralReply', referredOn, options);

/** Art. 9 and 10: the next review of a case graded B (under tracking), from grading. */
export const bGradeReviewDeadline = (rules: DeadlineRules, gradedOn: IsoDate, options?: DeadlineOptions) =>
  stageDeadline(rules, 'bGradeReviewInterval', gradedOn, options);

/** The next `count` review dates of a case under tracking, each one interval after the previous. */
export function bGradeReviewSchedule(
  rules: DeadlineRules,
  gradedOn: IsoDate,
  count: number,
  options: DeadlineOptions = {},
): IsoDate[] {
  const calendar = options.calendar ?? workingDayCalendarFor(rules);
  const dates: IsoDate[] = [];
  let from = gradedOn;
  for (let i = 0; i < count; i++) {
    from = bGradeReviewDeadline(rules, from, { ...options, calendar }).due;
    dates.push(from);
  }
  return dates;
}

/** Art. 10: the satisfaction follow-up, from the final grade. */
export const followUpDeadline = (rules: DeadlineRules, gradedOn: IsoDate, options?: DeadlineOptions) =>
  stageDeadline(rules, 'followUp', gradedOn, options);

/** The stage whose deadline runs while a case is in a status (none for the others). */
export const STATUS_DEADLINE_STAGES: Partial<Record<CaseStatus, DeadlineStage>> = {
  REGISTERED: 'verification',
  VERIFIED: 'screening',
  PENDING_APPROVAL: 'approval',
  ASSIGNED: 'departmentReply',
  IN_PROGRESS: 'departmentReply',
  RESULT_SUBMITTED: 'departmentReply',
  REFERRED: 'referralReply',
  TRACKING: 'bGradeReviewInterval',
  GRADED: 'followUp',
};

/**
 * A stage is overdue when it was done after its due date, or is still open after it; the due date
 * itself is still in time.
 */
export function isOverdue(dueOn: IsoDate, today: IsoDate, doneOn?: IsoDate | null): boolean {
  isoDateToUtcMs(dueOn);
  isoDateToUtcMs(today);
  if (doneOn !== undefined && doneOn !== null) {
    isoDateToUtcMs(doneOn);
    return doneOn > dueOn;
  }
  return today > dueOn;
}
