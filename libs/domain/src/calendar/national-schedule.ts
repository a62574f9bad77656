import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { parseCsv } from '../files/csv.js';
import type { RulesProblem } from '../rules/errors.js';
import { addDaysToIsoDate, isIsoDate, isoWeekday, isoYear, type IsoDate } from './iso-date.js';
import {
  chineseDaysHolidaySource,
  type NationalDayEntry,
  type NationalHolidaySource,
} from './working-days.js';

/**
 * A year's national holiday arrangement as the State Council's notice states it (国务院办公厅关于
 * 部分节假日安排的通知): each holiday's days off, from–to, and the weekend days worked in exchange
 * (调休上班). The platform imports one per year; nothing about a year is ever guessed.
 */
export interface NationalHoliday {
  nameZh: string;
  nameEn: string;
  from: IsoDate;
  to: IsoDate;
  /** Make-up working days (weekend days that are worked). */
  workdays: IsoDate[];
}

export interface NationalSchedule {
  year: number;
  /** The notice it comes from, e.g. 国办发明电〔2025〕7号. */
  notice: string | null;
  holidays: NationalHoliday[];
}

export type NationalScheduleFormat = 'YAML' | 'CSV';

export type NationalScheduleParseResult =
  { ok: true; schedule: NationalSchedule } | { ok: false; problems: RulesProblem[] };

/** The longest run of days off one holiday has had (National Day with Mid-Autumn: 8). */
const MAX_DAYS_OFF = 14;

const isoDateSchema = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const textSchema = z.string().trim().min(1, 'must not be empty');

const holidayFileSchema = z.strictObject({
  name: textSchema,
  nameEn: textSchema.optional(),
  from: isoDateSchema,
  to: isoDateSchema,
  workdays: z.array(isoDateSchema).default([]),
});

const scheduleFileSchema = z.strictObject({
  year: z.int('must be a whole year').min(2000, 'must be 2000 or later').max(2100, 'must be 2100 or earlier'),
  notice: textSchema.nullable().optional(),
  holidays: z
    .array(holidayFileSchema, { error: 'must list the holidays' })
    .min(1, 'must list at least one holiday'),
});

function zodProblems(issues: z.core.$ZodIssue[]): RulesProblem[] {
  return issues.map((issue) => ({
    path: issue.path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
      .join(''),
    message: issue.message,
  }));
}

/** Every date from `from` to `to`, both included. */
function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; date <= to && dates.length <= MAX_DAYS_OFF; date = addDaysToIsoDate(date, 1))
    dates.push(date);
  return dates;
}

/**
 * The checks a notice always satisfies: dates in its year, days off in order and not too many, make-up
 * days on weekends, no day claimed twice. Returns the problems with paths into the schedule.
 */
export function validateNationalSchedule(schedule: NationalSchedule): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const claimed = new Map<IsoDate, string>();
  const claim = (date: IsoDate, path: string) => {
    const earlier = claimed.get(date);
    if (earlier !== undefined) problems.push({ path, message: `${date} is already listed at ${earlier}` });
    else claimed.set(date, path);
  };
  const inYear = (date: IsoDate, path: string) => {
    if (isoYear(date) === schedule.year) return true;
    problems.push({ path, message: `must be in ${schedule.year}` });
    return false;
  };
  schedule.holidays.forEach((holiday, i) => {
    const at = `holidays[${i}]`;
    const fromOk = inYear(holiday.from, `${at}.from`);
    const toOk = inYear(holiday.to, `${at}.to`);
    if (fromOk && toOk) {
      if (holiday.to < holiday.from) problems.push({ path: `${at}.to`, message: 'must not be before from' });
      else {
        const days = datesBetween(holiday.from, holiday.to);
        if (days.length > MAX_DAYS_OFF)
          problems.push({ path: `${at}.to`, message: `a holiday has at most ${MAX_DAYS_OFF} days off` });
        else days.forEach((date) => claim(date, `${at}.from`));
      }
    }
    holiday.workdays.forEach((date, j) => {
      const path = `${at}.workdays[${j}]`;
      if (!inYear(date, path)) return;
      const weekday = isoWeekday(date);
      if (weekday !== 0 && weekday !== 6)
        problems.push({
          path,
          message: `${date} is a weekday: a make-up working day replaces a Saturday or Sunday`,
        });
      claim(date, path);
    });
  });
  return problems;
}

function finish(schedule: NationalSchedule): NationalScheduleParseResult {
  const problems = validateNationalSchedule(schedule);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, schedule };
}

/** Reads the YAML form: `year`, `notice`, and `holidays` with name, nameEn, from, to and workdays. */
export function parseNationalScheduleYaml(text: string): NationalScheduleParseResult {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.slice(0, 3).map((e) => ({ path: '', message: e.message.split('\n')[0] })),
    };
  const parsed = scheduleFileSchema.safeParse(doc.toJS());
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error.issues) };
  return finish({
    year: parsed.data.year,
    notice: parsed.data.notice ?? null,
    holidays: parsed.data.holidays.map((h) => ({
      nameZh: h.name,
      nameEn: h.nameEn ?? h.name,
      from: h.from,
      to: h.to,
      workdays: h.workdays,
    })),
  });
}

const CSV_KINDS: Record<string, NationalDayEntry['kind']> = {
  休: 'HOLIDAY',
  HOLIDAY: 'HOLIDAY',
  班: 'MAKEUP_WORKDAY',
  MAKEUP_WORKDAY: 'MAKEUP_WORKDAY',
};
const CSV_HEADER = ['date', 'type', 'name', 'nameEn'];

/**
 * Reads the CSV form, one day a row: `date,type,name,nameEn` with type 休 (day off) or 班 (make-up
 * working day). Consecutive days off of one name make one holiday; the year is that of the dates.
 * Problems name the line, e.g. `line 4.date`.
 */
export function parseNationalScheduleCsv(text: string): NationalScheduleParseResult {
  const rows = parseCsv(text);
  const header = rows.shift()?.map((cell) => cell.trim());
  if (!header || CSV_HEADER.some((name, i) => header[i] !== name))
    return {
      ok: false,
      problems: [{ path: 'line 1', message: `the header must be ${CSV_HEADER.join(',')}` }],
    };
  const problems: RulesProblem[] = [];
  const days: { date: IsoDate; kind: NationalDayEntry['kind']; nameZh: string; nameEn: string }[] = [];
  rows.forEach((row, i) => {
    const line = `line ${i + 2}`;
    const [date = '', type = '', name = '', nameEn = ''] = row.map((cell) => cell.trim());
    const kind = CSV_KINDS[type];
    if (!isIsoDate(date)) problems.push({ path: `${line}.date`, message: 'must be a date YYYY-MM-DD' });
    if (!kind)
      problems.push({ path: `${line}.type`, message: 'must be 休 (day off) or 班 (make-up working day)' });
    if (!name) problems.push({ path: `${line}.name`, message: 'must not be empty' });
    if (isIsoDate(date) && kind && name) days.push({ date, kind, nameZh: name, nameEn: nameEn || name });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (days.length === 0)
    return { ok: false, problems: [{ path: 'line 2', message: 'must list at least one day' }] };
  const orphans = days.filter(
    (d) => d.kind === 'MAKEUP_WORKDAY' && !days.some((o) => o.kind === 'HOLIDAY' && o.nameZh === d.nameZh),
  );
  if (orphans.length > 0)
    return {
      ok: false,
      problems: orphans.map((d) => ({
        path: `line ${days.indexOf(d) + 2}.name`,
        message: `no day off of ${d.nameZh} is listed: a make-up working day belongs to a holiday`,
      })),
    };
  const year = isoYear(days[0].date);
  const strays = days.filter((d) => isoYear(d.date) !== year);
  if (strays.length > 0)
    return {
      ok: false,
      problems: strays.map((d) => ({
        path: `line ${days.indexOf(d) + 2}.date`,
        message: `must be in ${year}, as the first row`,
      })),
    };
  return finish({ year, notice: null, holidays: holidaysFromDays(days) });
}

export function parseNationalSchedule(
  format: NationalScheduleFormat,
  text: string,
): NationalScheduleParseResult {
  return format === 'CSV' ? parseNationalScheduleCsv(text) : parseNationalScheduleYaml(text);
}

/** Groups single days into holidays: a run of consecutive days off of one name, then its make-up days. */
function holidaysFromDays(
  days: { date: IsoDate; kind: NationalDayEntry['kind']; nameZh: string; nameEn: string }[],
): NationalHoliday[] {
  const holidays: NationalHoliday[] = [];
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  for (const day of sorted.filter((d) => d.kind === 'HOLIDAY')) {
    const last = holidays.at(-1);
    if (last && last.nameZh === day.nameZh && addDaysToIsoDate(last.to, 1) === day.date) last.to = day.date;
    else
      holidays.push({ nameZh: day.nameZh, nameEn: day.nameEn, from: day.date, to: day.date, workdays: [] });
  }
  for (const day of sorted.filter((d) => d.kind === 'MAKEUP_WORKDAY'))
    holidays.findLast((h) => h.nameZh === day.nameZh)?.workdays.push(day.date);
  return holidays;
}

/** Each day a schedule names, keyed by date. */
export function scheduleDays(schedule: NationalSchedule): Map<IsoDate, NationalDayEntry> {
  const days = new Map<IsoDate, NationalDayEntry>();
  for (const holiday of schedule.holidays) {
    const names = { nameZh: holiday.nameZh, nameEn: holiday.nameEn };
    for (const date of datesBetween(holiday.from, holiday.to)) days.set(date, { kind: 'HOLIDAY', ...names });
    for (const date of holiday.workdays) days.set(date, { kind: 'MAKEUP_WORKDAY', ...names });
  }
  return days;
}

/** A year of a source as a schedule (the bundled years, for reading and as a file to start from). */
export function scheduleOfYear(source: NationalHolidaySource, year: number): NationalSchedule | null {
  if (!source.covers(year)) return null;
  const days: { date: IsoDate; kind: NationalDayEntry['kind']; nameZh: string; nameEn: string }[] = [];
  for (let date = `${year}-01-01`; isoYear(date) === year; date = addDaysToIsoDate(date, 1)) {
    const entry = source.entry(date);
    if (entry) days.push({ date, ...entry });
  }
  return { year, notice: null, holidays: holidaysFromDays(days) };
}

/** The YAML form of a schedule, as parseNationalScheduleYaml reads it. */
export function nationalScheduleToYaml(schedule: NationalSchedule): string {
  return stringify({
    year: schedule.year,
    notice: schedule.notice,
    holidays: schedule.holidays.map((h) => ({
      name: h.nameZh,
      nameEn: h.nameEn,
      from: h.from,
      to: h.to,
      workdays: h.workdays,
    })),
  });
}

/**
 * The national arrangement the platform holds: imported years over the bundled chinese-days data
 * (an imported year replaces the bundled one whole, so a correction is never mixed with the old).
 */
export class LayeredHolidaySource implements NationalHolidaySource {
  private readonly days = new Map<IsoDate, NationalDayEntry>();
  private readonly imported: Set<number>;

  constructor(
    schedules: readonly NationalSchedule[],
    private readonly bundled: NationalHolidaySource = chineseDaysHolidaySource(),
  ) {
    this.imported = new Set(schedules.map((s) => s.year));
    for (const schedule of schedules)
      for (const [date, entry] of scheduleDays(schedule)) this.days.set(date, entry);
  }

  covers(year: number): boolean {
    return this.imported.has(year) || this.bundled.covers(year);
  }

  coveredYears(): number[] {
    return [...new Set([...this.bundled.coveredYears(), ...this.imported])].sort((a, b) => a - b);
  }

  isImported(year: number): boolean {
    return this.imported.has(year);
  }

  entry(date: IsoDate): NationalDayEntry | undefined {
    return this.imported.has(isoYear(date)) ? this.days.get(date) : this.bundled.entry(date);
  }
}

/**
 * Whether the platform should be told to import next year's arrangement: from 1 November (the notice
 * usually appears in the autumn) while the coming year is not covered.
 */
export function nextYearMissing(source: NationalHolidaySource, today: IsoDate): number | null {
  const next = isoYear(today) + 1;
  return today.slice(5) >= '11-01' && !source.covers(next) ? next : null;
}
