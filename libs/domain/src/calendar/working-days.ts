import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { CalendarDataMissingError, InvalidArgumentError } from '../rules/errors.js';
import type {
  CalendarOverrides,
  DeadlineStage,
  ParkRules,
  Urgency,
  DeadlineUnit,
} from '../rules/park-rules.schema.js';
import { addDaysToIsoDate, isoDateToUtcMs, isoWeekday, isoYear, type IsoDate } from './iso-date.js';

/** Why a day counts or not; shown next to a deadline so staff can check it by hand. */
export const DAY_REASONS = [
  'WEEKEND',
  'HOLIDAY',
  'MAKEUP_WORKDAY',
  'PARK_CLOSURE',
  'PARK_WORKDAY',
  'WORKDAY',
] as const;
export type DayReason = (typeof DAY_REASONS)[number];

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  reason: DayReason;
  /** For HOLIDAY and MAKEUP_WORKDAY: the holiday (a make-up day names the holiday it pays for). */
  holidayName?: string;
  holidayNameEn?: string;
  /** For PARK_CLOSURE and PARK_WORKDAY: the park's stated reason. */
  parkReason?: string;
}

export interface WorkingDayTraceEntry extends Omit<DayInfo, 'working'> {
  counted: boolean;
}

export interface WorkingDaysResult {
  due: IsoDate;
  /** Every day after `from` up to and including `due`. */
  trace: WorkingDayTraceEntry[];
}

/** A national holiday or make-up working day. */
export interface NationalDayEntry {
  kind: 'HOLIDAY' | 'MAKEUP_WORKDAY';
  nameZh: string;
  nameEn: string;
}

/** The national holiday arrangement (国务院办公厅 notices), year by year. */
export interface NationalHolidaySource {
  covers(year: number): boolean;
  coveredYears(): number[];
  /** The entry for a date of a covered year; undefined for an ordinary weekday or weekend day. */
  entry(date: IsoDate): NationalDayEntry | undefined;
}

interface ChineseDaysData {
  holidays: Record<IsoDate, string>;
  workdays: Record<IsoDate, string>;
}

/**
 * National data from chinese-days, read from its published JSON (dist/chinese-days.json) rather
 * than through its functions: those build their tables at load time with local-time dates and
 * shift every holiday by a day in time zones west of UTC. A year counts as covered only if the
 * data lists holidays in it (the library's functions answer Monday–Friday for any other year).
 */
class ChineseDaysHolidaySource implements NationalHolidaySource {
  private entries?: Map<IsoDate, NationalDayEntry>;
  private years?: Set<number>;

  covers(year: number): boolean {
    return this.load().years.has(year);
  }

  coveredYears(): number[] {
    return [...this.load().years].sort((a, b) => a - b);
  }

  entry(date: IsoDate): NationalDayEntry | undefined {
    return this.load().entries.get(date);
  }

  private load(): { entries: Map<IsoDate, NationalDayEntry>; years: Set<number> } {
    if (!this.entries || !this.years) {
      const data = chineseDaysData as ChineseDaysData;
      const entries = new Map<IsoDate, NationalDayEntry>();
      // Values read "National Day,国庆节,3": English name, Chinese name, holiday id.
      const add = (table: Record<IsoDate, string>, kind: NationalDayEntry['kind']): void => {
        for (const [date, value] of Object.entries(table)) {
          const [nameEn, nameZh] = value.split(',');
          entries.set(date, { kind, nameZh: nameZh ?? nameEn, nameEn });
        }
      };
      add(data.holidays, 'HOLIDAY');
      add(data.workdays, 'MAKEUP_WORKDAY');
      this.entries = entries;
      this.years = new Set(Object.keys(data.holidays).map(isoYear));
    }
    return { entries: this.entries, years: this.years };
  }
}

let defaultSource: NationalHolidaySource | undefined;

/** The chinese-days national data (one shared, lazily filled cache). */
export function chineseDaysHolidaySource(): NationalHolidaySource {
  defaultSource ??= new ChineseDaysHolidaySource();
  return defaultSource;
}

const NO_OVERRIDES: CalendarOverrides = { closures: [], extraWorkdays: [] };

/**
 * Working days of one park: the national arrangement plus the park's own closures and extra
 * working days, which take precedence. Refuses (CalendarDataMissingError) to say anything about
 * a year without national data rather than guess Monday–Friday.
 */
export class WorkingDayCalendar {
  private readonly closures: Map<IsoDate, string>;
  private readonly extraWorkdays: Map<IsoDate, string>;

  constructor(
    private readonly national: NationalHolidaySource = chineseDaysHolidaySource(),
    overrides: CalendarOverrides = NO_OVERRIDES,
  ) {
    this.closures = new Map(overrides.closures.map((o) => [o.date, o.reason]));
    this.extraWorkdays = new Map(overrides.extraWorkdays.map((o) => [o.date, o.reason]));
  }

  describeDay(date: IsoDate): DayInfo {
    isoDateToUtcMs(date); // validates the date
    const year = isoYear(date);
    if (!this.national.covers(year)) throw new CalendarDataMissingError(year);
    const closure = this.closures.get(date);
    if (closure !== undefined) return { date, working: false, reason: 'PARK_CLOSURE', parkReason: closure };
    const extra = this.extraWorkdays.get(date);
    if (extra !== undefined) return { date, working: true, reason: 'PARK_WORKDAY', parkReason: extra };
    const entry = this.national.entry(date);
    if (entry) {
      const working = entry.kind === 'MAKEUP_WORKDAY';
      return {
        date,
        working,
        reason: working ? 'MAKEUP_WORKDAY' : 'HOLIDAY',
        holidayName: entry.nameZh,
        holidayNameEn: entry.nameEn,
      };
    }
    const weekday = isoWeekday(date);
    return weekday === 0 || weekday === 6
      ? { date, working: false, reason: 'WEEKEND' }
      : { date, working: true, reason: 'WORKDAY' };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.describeDay(date).working;
  }

  /** Years this calendar can answer for. */
  coveredYears(): number[] {
    return this.national.coveredYears();
  }
}

export function createWorkingDayCalendar(
  options: { overrides?: CalendarOverrides; national?: NationalHolidaySource } = {},
): WorkingDayCalendar {
  return new WorkingDayCalendar(
    options.national ?? chineseDaysHolidaySource(),
    options.overrides ?? NO_OVERRIDES,
  );
}

/** The calendar of a park: national data plus the park's `calendar` overrides. */
export function workingDayCalendarFor(
  rules: Pick<ParkRules, 'calendar'>,
  national: NationalHolidaySource = chineseDaysHolidaySource(),
): WorkingDayCalendar {
  return new WorkingDayCalendar(national, rules.calendar);
}

export function isWorkingDay(calendar: WorkingDayCalendar, date: IsoDate): boolean {
  return calendar.isWorkingDay(date);
}

export function coveredYears(calendar: WorkingDayCalendar = new WorkingDayCalendar()): number[] {
  return calendar.coveredYears();
}

function assertDayCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError('n', 'must be a whole number of days, at least 0');
}

/**
 * The n-th working day after `from`. `from` itself is day 0 and never counts, whatever it is:
 * 5 working days from Thu 2026-09-24 fall due on Fri 2026-10-09.
 */
export function addWorkingDays(calendar: WorkingDayCalendar, from: IsoDate, n: number): WorkingDaysResult {
  isoDateToUtcMs(from);
  assertDayCount(n);
  const trace: WorkingDayTraceEntry[] = [];
  let date = from;
  let counted = 0;
  while (counted < n) {
    date = addDaysToIsoDate(date, 1);
    const { working, ...day } = calendar.describeDay(date);
    if (working) counted++;
    trace.push({ ...day, counted: working });
  }
  return { due: date, trace };
}

/**
 * The last working day that still has n working days after it up to and including `date`: the
 * cut-off for asking something at least n working days ahead. 0 is the date itself; n = 2 before a
 * Tuesday is the Friday before (Monday and Tuesday remain).
 */
export function workingDaysBefore(calendar: WorkingDayCalendar, date: IsoDate, n: number): IsoDate {
  isoDateToUtcMs(date);
  assertDayCount(n);
  if (n === 0) return date;
  let day = date;
  let counted = 0;
  while (counted < n) {
    if (calendar.isWorkingDay(day)) counted++;
    day = addDaysToIsoDate(day, -1);
  }
  while (!calendar.isWorkingDay(day)) day = addDaysToIsoDate(day, -1);
  return day;
}

/** `from` plus n calendar days; holidays do not matter. */
export function addCalendarDays(from: IsoDate, n: number): IsoDate {
  isoDateToUtcMs(from);
  assertDayCount(n);
  return addDaysToIsoDate(from, n);
}

export interface ComputedDeadline extends WorkingDaysResult {
  stage: DeadlineStage;
  urgency: Urgency;
  from: IsoDate;
  amount: number;
  unit: DeadlineUnit;
}

/**
 * The due date of a stage under the park's rules, in the stage's unit, with the urgent override
 * when there is one. A calendar-day deadline has an empty trace (no day is skipped).
 */
export function computeDeadline(
  rules: Pick<ParkRules, 'deadlines'>,
  calendar: WorkingDayCalendar,
  stage: DeadlineStage,
  from: IsoDate,
  urgency: Urgency = 'NORMAL',
): ComputedDeadline {
  const rule = rules.deadlines[stage];
  const { amount, unit } = (urgency === 'URGENT' ? rule.byUrgency?.URGENT : undefined) ?? rule;
  const result =
    unit === 'WORKING_DAYS'
      ? addWorkingDays(calendar, from, amount)
      : { due: addCalendarDays(from, amount), trace: [] };
  return { stage, urgency, from, amount, unit, ...result };
}
