import type { IsoDate } from '../calendar/iso-date.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import {
  DEADLINE_STAGES,
  type DeadlineStage,
  type DeadlineUnit,
  type ParkRules,
} from '../rules/park-rules.schema.js';
import { reportingDepartments, TIER_REPORT_STAGE } from './assignment-tiers.js';
import type { CaseEvent, CaseState, DeadlineFact } from './case-state.js';
import { countDeadline, stageDeadlineOrPending } from './deadlines.js';
import { runningDeadlineStage } from './procedure-steps.js';

/**
 * How a case's deadlines open, close, move and pend after each accepted act. The case keeps them
 * as a list: the running stage's, an objection's decision, and each split or assisting
 * department's own clock; done ones stay for the record. Stages open and close with the status
 * (one approval deadline covers a whole chain of sign-offs); an approved extension moves the lead's
 * reply deadline; an objection opens its decision's clock, which the decision closes; a
 * reassignment or a special supervision restarts the running stage; split and assisting
 * departments' clocks start at the assignment and stop when they report.
 */

/** The stages a case keeps a deadline for: a rules stage, a department's clock, an objection's decision. */
export type ClockStage = DeadlineFact['stage'];

/** The stage of an objection's decision: its clock is the rules' `objections.decisionWorkingDays`. */
export const OBJECTION_DECISION_STAGE = 'objectionDecision';

/** Every stage a case's deadline may be of, in the order the API lists them. */
export const CLOCK_STAGES = [
  ...DEADLINE_STAGES,
  TIER_REPORT_STAGE,
  OBJECTION_DECISION_STAGE,
] as const satisfies readonly ClockStage[];

/** An approved extension (延期) of the reply deadline, as the trace shows it. */
export interface DeadlineExtension {
  fromDueOn: IsoDate;
  toDueOn: IsoDate;
  reason: string;
  requestedOn: IsoDate;
  decidedOn: IsoDate;
  decidedByName: string | null;
}

/** One deadline the case keeps, with what it was counted from and in which unit. */
export interface DeadlineRecord {
  stage: ClockStage;
  from: IsoDate;
  /** Null while pending (期限待定): the holiday data of `pendingYear` is missing. */
  dueOn: IsoDate | null;
  amount: number;
  unit: DeadlineUnit;
  doneOn: IsoDate | null;
  pendingYear?: number;
  /** A split or assisting department's clock (stage `tierReport`): whose it is, of which tier. */
  departmentId?: string;
  tierCode?: string;
  /** Before its first extension (延期); each approved extension in order. */
  originalDueOn?: IsoDate | null;
  extensions?: DeadlineExtension[];
}

/** A clock counted from `from` in the park's calendar, pending where the holiday data ends. */
export function countedClock(
  calendar: WorkingDayCalendar,
  stage: ClockStage,
  from: IsoDate,
  amount: number,
  unit: DeadlineUnit,
): DeadlineRecord {
  const counted = countDeadline(calendar, from, { amount, unit });
  return {
    stage,
    from,
    dueOn: counted.due,
    amount,
    unit,
    doneOn: null,
    ...(counted.due === null ? { pendingYear: counted.pendingYear } : {}),
  };
}

/**
 * A rules stage's deadline from `from` (urgent cases by the stage's urgent duration); pending
 * (no due date, the year it waits for) when the holiday data does not reach that far: never
 * guessed, never silently missing.
 */
export function stageClock(
  rules: ParkRules,
  calendar: WorkingDayCalendar,
  stage: DeadlineStage,
  from: IsoDate,
  urgent: boolean,
): DeadlineRecord {
  const d = stageDeadlineOrPending(rules, stage, from, { calendar, urgency: urgent ? 'URGENT' : 'NORMAL' });
  return {
    stage,
    from,
    dueOn: d.due,
    amount: d.amount,
    unit: d.unit,
    doneOn: null,
    ...(d.due === null ? { pendingYear: d.pendingYear } : {}),
  };
}

/** Does this event give the case a new lead department (and so a new reply clock)? */
export const reassigns = (event: CaseEvent): boolean =>
  event.type === 'ObjectionDecided' && event.data.outcome === 'REASSIGNED';

/** An accepted act, as its deadlines need it: `before` is null for the registration itself. */
export interface DeadlineAct {
  rules: ParkRules;
  calendar: WorkingDayCalendar;
  today: IsoDate;
  /** The case was registered as urgent: stages take their urgent durations. */
  urgent: boolean;
  before: CaseState | null;
  next: CaseState;
  event: CaseEvent;
  /** Who decided, for an extension's record. */
  actorName: string | null;
}

/** The case's deadlines after an accepted act (a registration starts from none). */
export function deadlinesAfterAct(deadlines: readonly DeadlineRecord[], act: DeadlineAct): DeadlineRecord[] {
  // A new clock: the case reopened by special supervision, or given to another department.
  const restarted =
    act.before !== null && (act.next.reopenCount > act.before.reopenCount || reassigns(act.event));
  return clocksAfterEvent(stagesAfter(deadlines, act, restarted), act);
}

/**
 * Closes the running stage when the case leaves it, and opens the stage it is in now: by the steps
 * the case actually goes through (screening from registration where verification is absent or
 * skipped; a follow-up deadline only for a case that must be followed up). The sign-offs of an
 * approval chain leave the case pending approval, so the chain shares one approval deadline
 * counted from screening (`deadlines.approval`), however many steps it has.
 */
function stagesAfter(
  deadlines: readonly DeadlineRecord[],
  { rules, calendar, before, next, today, urgent }: DeadlineAct,
  restarted: boolean,
): DeadlineRecord[] {
  const stageBefore = before ? runningDeadlineStage(before, rules) : undefined;
  const stageAfter = runningDeadlineStage(next, rules);
  if (stageBefore === stageAfter && !restarted) return [...deadlines];
  const closed = deadlines.map((d) => (d.doneOn === null ? { ...d, doneOn: today } : d));
  return stageAfter ? [...closed, stageClock(rules, calendar, stageAfter, today, urgent)] : closed;
}

/** The clocks of the split and assisting departments of an assignment made today, from their tiers. */
function tierClocks({ rules, calendar, next, today }: DeadlineAct): DeadlineRecord[] {
  return reportingDepartments(next, rules).map(({ departmentId, tier }) => ({
    ...countedClock(calendar, TIER_REPORT_STAGE, today, tier.clock!.amount, tier.clock!.unit),
    departmentId,
    tierCode: tier.code,
  }));
}

const closeTierClocks = (deadlines: readonly DeadlineRecord[], today: IsoDate, departmentId?: string) =>
  deadlines.map((d) =>
    d.stage === TIER_REPORT_STAGE && d.doneOn === null && (!departmentId || d.departmentId === departmentId)
      ? { ...d, doneOn: today }
      : d,
  );

const decidedObjection = (deadlines: readonly DeadlineRecord[], today: IsoDate) =>
  deadlines.map((d) =>
    d.stage === OBJECTION_DECISION_STAGE && d.doneOn === null ? { ...d, doneOn: today } : d,
  );

/** How the departments' clocks follow what happens to the assignment. */
function clocksAfterEvent(deadlines: DeadlineRecord[], act: DeadlineAct): DeadlineRecord[] {
  const { rules, calendar, today, before, next, event } = act;
  // Assigned now (by screening or the last sign-off), or to other departments: the tiers' clocks start.
  if (reassigns(event))
    return [...closeTierClocks(decidedObjection(deadlines, today), today), ...tierClocks(act)];
  if (next.status === 'ASSIGNED' && before?.status !== 'ASSIGNED' && next.jurisdiction === 'PARK')
    return [...deadlines, ...tierClocks(act)];
  switch (event.type) {
    case 'ExtensionDecided': {
      if (event.data.approved !== true) return deadlines;
      const toDueOn = String(event.data.toDueOn);
      return deadlines.map((d) =>
        d.stage === 'departmentReply' && d.doneOn === null
          ? {
              ...d,
              dueOn: toDueOn,
              originalDueOn: d.originalDueOn ?? d.dueOn,
              extensions: [
                ...(d.extensions ?? []),
                {
                  fromDueOn: String(event.data.fromDueOn),
                  toDueOn,
                  reason: String(event.data.reason),
                  requestedOn: String(event.data.requestedOn),
                  decidedOn: today,
                  decidedByName: act.actorName,
                },
              ],
            }
          : d,
      );
    }
    case 'AssignmentObjected':
      return [
        ...deadlines,
        countedClock(
          calendar,
          OBJECTION_DECISION_STAGE,
          today,
          rules.objections?.decisionWorkingDays ?? 0,
          'WORKING_DAYS',
        ),
      ];
    case 'ObjectionDecided':
      return decidedObjection(deadlines, today);
    case 'PartReported':
      return closeTierClocks(deadlines, today, String(event.data.departmentId));
    default:
      return deadlines;
  }
}

/** What the ledger sorts and filters on: the earliest open due date, and the year a pending one waits for. */
export interface NextDue {
  dueOn: IsoDate | null;
  stage: ClockStage | null;
  pendingYear: number | null;
}

export function nextDueOf(deadlines: readonly DeadlineRecord[]): NextDue {
  const open = deadlines
    .filter((d): d is DeadlineRecord & { dueOn: IsoDate } => d.doneOn === null && d.dueOn !== null)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
  // Done ones too: an answer given while its due date was pending is judged once the date is known.
  const pendingYears = deadlines.flatMap((d) => (d.dueOn === null && d.pendingYear ? [d.pendingYear] : []));
  return {
    dueOn: open?.dueOn ?? null,
    stage: open?.stage ?? null,
    pendingYear: pendingYears.length > 0 ? Math.min(...pendingYears) : null,
  };
}

/**
 * The pending deadlines (期限待定) the calendar now reaches, counted from the day each opened as
 * stored (the stage's amount then, urgent or not; an objection's clock too); whose clock it is
 * stays with it. `computed` lists those that got a due date, in the case's order.
 */
export function countPendingDeadlines(
  deadlines: readonly DeadlineRecord[],
  calendar: WorkingDayCalendar,
): { deadlines: DeadlineRecord[]; computed: DeadlineRecord[] } {
  const computed: DeadlineRecord[] = [];
  const counted = deadlines.map((d) => {
    if (d.dueOn !== null) return d;
    const again = countedClock(calendar, d.stage, d.from, d.amount, d.unit);
    if (again.dueOn !== null) computed.push(again);
    return { ...d, dueOn: again.dueOn, pendingYear: again.pendingYear };
  });
  return { deadlines: counted, computed };
}
