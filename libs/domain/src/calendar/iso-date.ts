import { InvalidDateError } from '../rules/errors.js';

/**
 * Calendar dates as 'YYYY-MM-DD' strings. Arithmetic runs in UTC so that the server's time zone
 * can never shift a date by one day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC rolls 2026-02-30 over to March: a real date survives the round trip.
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Milliseconds at UTC midnight of the date; throws InvalidDateError for anything else. */
export function isoDateToUtcMs(date: IsoDate): number {
  if (!isIsoDate(date)) throw new InvalidDateError(date);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

export function utcMsToIsoDate(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDaysToIsoDate(date: IsoDate, days: number): IsoDate {
  return utcMsToIsoDate(isoDateToUtcMs(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function isoWeekday(date: IsoDate): number {
  return new Date(isoDateToUtcMs(date)).getUTCDay();
}

export function isoYear(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The parks are in China: "today" for deadlines and effective dates is Beijing time. */
export const PARK_TIME_ZONE = 'Asia/Shanghai';

const chinaDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in China at `at` (a server's own time zone does not matter). */
export function isoDateInChina(at: Date = new Date()): IsoDate {
  return chinaDateFormat.format(at);
}
