import {
  addDaysToIsoDate,
  CalendarDataMissingError,
  countDeadline,
  type WorkingDayCalendar,
} from '@qifu/domain';
import type { CaseDeadline } from './case.models.js';
import type { StoredDeadline } from './case.queries.js';

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
    const counted = countDeadline(calendar, d.from, { amount: d.amount, unit: d.unit });
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
