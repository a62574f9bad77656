import {
  addDaysToIsoDate,
  CalendarDataMissingError,
  countDeadline,
  reportingDepartments,
  TIER_REPORT_STAGE,
  type CaseEvent,
  type CaseState,
  type DeadlineUnit,
  type ParkRules,
  type WorkingDayCalendar,
} from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import type { CaseDeadline } from './case.models.js';
import type { StoredDeadline } from './case.queries.js';

/**
 * How the departments' clocks follow what happens to the assignment: an approved extension moves
 * the lead's reply deadline (keeping the original date and each extension, for the trace); an
 * objection opens the decision's own clock, which the decision closes. A reassignment restarts
 * the reply deadline like any change of stage (see nextDeadlines). Split and assisting departments
 * get their own clocks when the case is assigned (again, after a reassignment) and stop them when
 * they report their part.
 */

/** A clock counted from `from` in the park's calendar, pending where the holiday data ends. */
export function countedClock(
  calendar: WorkingDayCalendar,
  stage: string,
  from: string,
  amount: number,
  unit: DeadlineUnit,
): StoredDeadline {
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

/** The stage of an objection's decision: its clock is the rules' `objections.decisionWorkingDays`. */
export const OBJECTION_DECISION = 'objectionDecision';

/** Does this event give the case a new lead department (and so a new reply clock)? */
export const reassigns = (event: CaseEvent): boolean =>
  event.type === 'ObjectionDecided' && event.data.outcome === 'REASSIGNED';

/** The clocks of the split and assisting departments of an assignment made today, from their tiers. */
function tierClocks(
  rules: ParkRules,
  calendar: WorkingDayCalendar,
  next: CaseState,
  today: string,
): StoredDeadline[] {
  return reportingDepartments(next, rules).map(({ departmentId, tier }) => ({
    ...countedClock(calendar, TIER_REPORT_STAGE, today, tier.clock!.amount, tier.clock!.unit),
    departmentId,
    tierCode: tier.code,
  }));
}

const closeTierClocks = (deadlines: StoredDeadline[], today: string, departmentId?: string) =>
  deadlines.map((d) =>
    d.stage === TIER_REPORT_STAGE && d.doneOn === null && (!departmentId || d.departmentId === departmentId)
      ? { ...d, doneOn: today }
      : d,
  );

export function deadlinesAfter(
  deadlines: StoredDeadline[],
  event: CaseEvent,
  context: {
    rules: ParkRules;
    calendar: WorkingDayCalendar;
    today: string;
    actorName: string | null;
    before: CaseState;
    next: CaseState;
  },
): StoredDeadline[] {
  const { rules, calendar, today, before, next } = context;
  // Assigned now (by screening or the last sign-off), or to other departments: the tiers' clocks start.
  if (reassigns(event))
    return [
      ...closeTierClocks(decidedObjection(deadlines, today), today),
      ...tierClocks(rules, calendar, next, today),
    ];
  if (next.status === 'ASSIGNED' && before.status !== 'ASSIGNED' && next.jurisdiction === 'PARK')
    return [...deadlines, ...tierClocks(rules, calendar, next, today)];
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
                  decidedByName: context.actorName,
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
          OBJECTION_DECISION,
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

const decidedObjection = (deadlines: StoredDeadline[], today: string) =>
  deadlines.map((d) => (d.stage === OBJECTION_DECISION && d.doneOn === null ? { ...d, doneOn: today } : d));

/**
 * The assignment sheets follow: an extension moves the running sheet's 办结时限; a reassignment
 * ends it (a new sheet to the new lead department is issued with the act).
 */
export async function updateAssignmentSheets(
  em: EntityManager,
  caseId: string,
  event: CaseEvent,
  today: string,
) {
  if (event.type === 'ExtensionDecided' && event.data.approved === true) {
    await em.query(
      `UPDATE case_documents SET due_on = $2, data = data || jsonb_build_object('extendedFrom', to_char(due_on, 'YYYY-MM-DD'))
        WHERE case_id = $1 AND kind = 'ASSIGNMENT_SHEET' AND done_on IS NULL`,
      [caseId, event.data.toDueOn],
    );
  }
  if (reassigns(event)) {
    await em.query(
      `UPDATE case_documents SET done_on = $2, data = data || '{"reassigned": true}'
        WHERE case_id = $1 AND kind = 'ASSIGNMENT_SHEET' AND done_on IS NULL`,
      [caseId, today],
    );
  }
}

/** A stored deadline as the case page shows it: overdue or not, and every day counted or skipped. */
export function presentDeadline(
  d: StoredDeadline,
  calendar: WorkingDayCalendar,
  today: string,
): CaseDeadline {
  const shown = {
    stage: d.stage,
    from: d.from,
    dueOn: d.dueOn,
    amount: d.amount,
    unit: d.unit,
    doneOn: d.doneOn,
    pendingYear: d.dueOn === null ? (d.pendingYear ?? null) : null,
    departmentId: d.departmentId ?? null,
    tierCode: d.tierCode ?? null,
    originalDueOn: d.originalDueOn ?? null,
    extensions: d.extensions ?? [],
  };
  if (d.dueOn === null) return { ...shown, overdue: false, trace: [] };
  const overdue = d.doneOn ? d.doneOn > d.dueOn : today > d.dueOn;
  return { ...shown, overdue, trace: traceOf(d, d.dueOn, calendar) };
}

/** The days of the original count, then those an extension added (marked as such). */
function traceOf(d: StoredDeadline, dueOn: string, calendar: WorkingDayCalendar): CaseDeadline['trace'] {
  try {
    const counted = countDeadline(calendar, d.from, { amount: d.amount, unit: d.unit as DeadlineUnit });
    const original = counted.due === null ? [] : counted.trace.map((day) => ({ ...day, extension: false }));
    const extended: CaseDeadline['trace'] = [];
    for (
      let date = addDaysToIsoDate(d.originalDueOn ?? dueOn, 1);
      date <= dueOn;
      date = addDaysToIsoDate(date, 1)
    ) {
      const { working, ...day } = calendar.describeDay(date);
      extended.push({ ...day, counted: d.unit === 'CALENDAR_DAYS' || working, extension: true });
    }
    return [...original, ...extended];
  } catch (error) {
    // A year whose data was withdrawn since: the date stands, its days cannot be shown.
    if (error instanceof CalendarDataMissingError) return [];
    throw error;
  }
}
