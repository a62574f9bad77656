import { addDaysToIsoDate, type IsoDate } from '../calendar/iso-date.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { reportMonthOf, type ReportMonth } from './indicator-settings.js';

/**
 * What the indicators need of one case, as plain dates and codes (the API derives them from the
 * case row, its deadlines, documents and timeline). Dates are in the park's time zone.
 */
export interface CaseFacts {
  caseId: string;
  categoryCode: string;
  channelCode: string;
  /** The lead department (null before screening, or for a case referred to district bureaus only). */
  departmentId: string | null;
  registeredOn: IsoDate;
  /** Screened and accepted (any status after screening other than rejected). */
  accepted: boolean;
  /** Not accepted (不予受理), whatever the reason. */
  rejected: boolean;
  /** The department's first reply deadline (Art. 9) and when it replied to the enterprise. */
  replyDueOn: IsoDate | null;
  repliedOn: IsoDate | null;
  /** The completion deadline (办结时限: the last handling round's) and the date of the latest grading. */
  completionDueOn: IsoDate | null;
  gradedOn: IsoDate | null;
  gradeCode: string | null;
  /**
   * When handling was completed: the latest grading, or, where the park's rules leave grading out or
   * it was skipped, the day the case passed it without a grade (null: not completed).
   */
  completedOn: IsoDate | null;
  /**
   * The follow-up's answer and its date. Only cases that were followed up have one: a case not
   * sampled for a follow-up, or whose follow-up is absent from the rules or was skipped, has none
   * and is never counted as missing one (see SATISFACTION_ANSWERED).
   */
  satisfactionCode: string | null;
  followedUpOn: IsoDate | null;
  /** Working days from registration to the latest grading (null: not graded). */
  handlingWorkingDays: number | null;
  supervisedOn: IsoDate[];
  specialSupervisedOn: IsoDate[];
  /** The earliest open deadline of the case (overdue when before today). */
  openDueOn: IsoDate | null;
  /**
   * Every open deadline of the case (not done, its due date known), each counted against whose
   * clock it is (see clockOwnerOf): the earliest of them is `openDueOn`.
   */
  openDeadlines: OpenDeadlineFact[];
  /** The code of the lead tier (主办/牵头) in the case's rules; BUILT_IN_LEAD_TIER when they name none. */
  leadTierCode?: string;
  /** Reply dates of referral letters not yet answered. */
  openLetterDueOns: IsoDate[];
}

/** An open deadline of a case, as stored: its stage and, for a tier department's own clock, whose. */
export interface OpenDeadlineFact {
  stage: string;
  dueOn: IsoDate;
  /** Stage `tierReport`: the split or assisting department whose clock it is. */
  departmentId?: string | null;
  /** Stage `tierReport`: the code of that department's assignment tier (SPLIT, ASSISTING…). */
  tierCode?: string | null;
}

/** Whose clock a deadline is: a department in one of its assignment tiers, or no department's. */
export interface ClockOwner {
  /** null: the service center's or the leaders' stages (verification, screening, approval, follow-up…). */
  departmentId: string | null;
  /** The tier's code; '' when the clock is no department's. */
  tierCode: string;
}

/** The lead tier's code when the park's rules name no assignment tiers. */
export const BUILT_IN_LEAD_TIER = 'LEAD';

/**
 * The code of the lead tier (role LEAD) among a park's assignment tiers; BUILT_IN_LEAD_TIER for
 * rules that list none (stored before tiers existed, or leaving them to the defaults).
 */
export function leadTierCodeIn(rules: object): string {
  const tiers = (rules as { assignmentTiers?: unknown }).assignmentTiers;
  const lead = Array.isArray(tiers)
    ? (tiers as { code?: unknown; role?: unknown }[]).find((t) => t?.role === 'LEAD')
    : undefined;
  return typeof lead?.code === 'string' && lead.code ? lead.code : BUILT_IN_LEAD_TIER;
}

/**
 * Whose clock ran out when a deadline is missed. The department's reply (departmentReply) is the
 * lead department's, in the lead tier; a tier report (tierReport) is the clock of the split or
 * assisting department it names; every other stage is the service center's or the leaders'.
 */
export function clockOwnerOf(
  deadline: OpenDeadlineFact,
  facts: Pick<CaseFacts, 'departmentId' | 'leadTierCode'>,
): ClockOwner {
  const owned = (departmentId: string | null | undefined, tierCode: string | null | undefined) =>
    departmentId ? { departmentId, tierCode: tierCode ?? '' } : { departmentId: null, tierCode: '' };
  if (deadline.stage === 'departmentReply')
    return owned(facts.departmentId, facts.leadTierCode ?? BUILT_IN_LEAD_TIER);
  if (deadline.stage === 'tierReport') return owned(deadline.departmentId, deadline.tierCode);
  return owned(null, null);
}

/** Counted per reporting month (`onDate` is the month's first day). */
export const MONTHLY_METRICS = [
  'received',
  'accepted',
  'rejected',
  'replyDue',
  'repliedOnTime',
  'completionDue',
  'completedOnTime',
  /** code: the grade. */
  'graded',
  /** code: the satisfaction level. */
  'satisfactionAnswered',
  'supervisions',
  'specialSupervisions',
  /** code: working days from registration to grading. */
  'handled',
] as const;

/**
 * Counted by due date (`onDate` is the date itself): what is open now and when it fell due. A case
 * is one `openDue` (its earliest open deadline) and one `openDeadline` per open deadline, under the
 * department whose clock it is and with the tier's code as `code`.
 */
export const OPEN_METRICS = ['openDue', 'openLetter', 'openDeadline'] as const;

export type MonthlyMetric = (typeof MONTHLY_METRICS)[number];
export type OpenMetric = (typeof OPEN_METRICS)[number];
export type Metric = MonthlyMetric | OpenMetric;

/** One case's share of a rollup row: a rollup row is the sum of `n` over the contributions of its key. */
export interface Contribution {
  caseId: string;
  metric: Metric;
  /** The first day of the reporting month (monthly metrics) or the due date (open metrics). */
  onDate: IsoDate;
  categoryCode: string;
  channelCode: string;
  /** The lead department; for `openDeadline`, the department whose clock it is. */
  departmentId: string | null;
  /** A grade, satisfaction level, number of working days or (openDeadline) tier; '' for the others. */
  code: string;
  n: number;
}

export function monthStart(month: ReportMonth): IsoDate {
  return `${month}-01`;
}

/** The contributions of one case to the rollups, under a district's reporting-month cut-off. */
export function contributionsOf(facts: CaseFacts, cutOffDay: number | null): Contribution[] {
  const out: Contribution[] = [];
  const base = {
    caseId: facts.caseId,
    categoryCode: facts.categoryCode,
    channelCode: facts.channelCode,
    departmentId: facts.departmentId,
  };
  const monthly = (metric: MonthlyMetric, date: IsoDate, code = '') =>
    out.push({ ...base, metric, onDate: monthStart(reportMonthOf(date, cutOffDay)), code, n: 1 });
  monthly('received', facts.registeredOn);
  if (facts.accepted) monthly('accepted', facts.registeredOn);
  if (facts.rejected) monthly('rejected', facts.registeredOn);
  if (facts.replyDueOn) {
    monthly('replyDue', facts.replyDueOn);
    if (facts.repliedOn && facts.repliedOn <= facts.replyDueOn) monthly('repliedOnTime', facts.replyDueOn);
  }
  if (facts.completionDueOn) {
    monthly('completionDue', facts.completionDueOn);
    if (facts.completedOn && facts.completedOn <= facts.completionDueOn)
      monthly('completedOnTime', facts.completionDueOn);
  }
  if (facts.gradedOn && facts.gradeCode) {
    monthly('graded', facts.gradedOn, facts.gradeCode);
    if (facts.handlingWorkingDays !== null)
      monthly('handled', facts.gradedOn, String(facts.handlingWorkingDays));
  }
  if (facts.followedUpOn && facts.satisfactionCode)
    monthly('satisfactionAnswered', facts.followedUpOn, facts.satisfactionCode);
  for (const on of facts.supervisedOn) monthly('supervisions', on);
  for (const on of facts.specialSupervisedOn) monthly('specialSupervisions', on);
  if (facts.openDueOn) out.push({ ...base, metric: 'openDue', onDate: facts.openDueOn, code: '', n: 1 });
  for (const due of facts.openLetterDueOns)
    out.push({ ...base, metric: 'openLetter', onDate: due, code: '', n: 1 });
  for (const deadline of facts.openDeadlines) {
    const owner = clockOwnerOf(deadline, facts);
    out.push({
      ...base,
      metric: 'openDeadline',
      onDate: deadline.dueOn,
      departmentId: owner.departmentId,
      code: owner.tierCode,
      n: 1,
    });
  }
  // One row per key: a case supervised twice in a month counts 2 there.
  const merged = new Map<string, Contribution>();
  for (const c of out) {
    const key = `${c.metric}|${c.onDate}|${c.departmentId ?? ''}|${c.code}`;
    const seen = merged.get(key);
    if (seen) seen.n += c.n;
    else merged.set(key, c);
  }
  return [...merged.values()];
}

/**
 * Working days from `from` to `to`, counted as addWorkingDays counts (the start is day 0): the
 * handling time of a case registered on `from` and graded on `to`. Throws CalendarDataMissingError
 * for a year without holiday data.
 */
export function workingDaysBetween(calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let date = addDaysToIsoDate(from, 1); date <= to; date = addDaysToIsoDate(date, 1))
    if (calendar.isWorkingDay(date)) n++;
  return n;
}
