import type { CalendarOverrides } from '@qifu/domain';
import type { DayReason } from '@/gql/graphql';

/** A day as the API describes it under the rules in effect. */
export interface ApiCalendarDay {
  date: string;
  working: boolean;
  reason: DayReason;
  holidayName: string | null;
  holidayNameEn: string | null;
  parkReason: string | null;
}

/**
 * RESTORED: the rules in effect override this day but the draft no longer does; what the national
 * arrangement says is only known once published (the API hides it under the override).
 */
export type DisplayReason = DayReason | 'RESTORED';

export interface DisplayDay {
  date: string;
  /** null when unknown (RESTORED). */
  working: boolean | null;
  reason: DisplayReason;
  holidayName: string | null;
  holidayNameEn: string | null;
  parkReason: string | null;
  /** The draft differs from the rules in effect on this day. */
  pending: boolean;
}

const PARK_REASONS: readonly DayReason[] = ['PARK_CLOSURE', 'PARK_WORKDAY'];

/** The calendar of the rules in effect with the draft's park closures and extra working days. */
export function displayDay(day: ApiCalendarDay, overrides: CalendarOverrides): DisplayDay {
  const closure = overrides.closures.find((o) => o.date === day.date);
  const extra = overrides.extraWorkdays.find((o) => o.date === day.date);
  const override = closure ?? extra;
  if (override) {
    const reason: DayReason = closure ? 'PARK_CLOSURE' : 'PARK_WORKDAY';
    return {
      date: day.date,
      working: !closure,
      reason,
      holidayName: null,
      holidayNameEn: null,
      parkReason: override.reason,
      pending: day.reason !== reason || day.parkReason !== override.reason,
    };
  }
  if (PARK_REASONS.includes(day.reason)) {
    return {
      date: day.date,
      working: null,
      reason: 'RESTORED',
      holidayName: null,
      holidayNameEn: null,
      parkReason: null,
      pending: true,
    };
  }
  return { ...day, pending: false };
}

/** Monday-first weeks of a month: null pads the first and last week. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month, 1));
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells: (string | null)[] = Array.from({ length: (first.getUTCDay() + 6) % 7 }, () => null);
  for (let day = 1; day <= daysInMonth; day++) {
    cells.push(`${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Today in China (the parks' time zone), as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}
