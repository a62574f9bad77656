import { isoDateToUtcMs, type IsoDate } from '../calendar/iso-date.js';

/**
 * What a district decides about its indicators (versioned: each change is a new version). Only
 * `monthCutOffDay` shapes the rollups (which month a date reports in); the others are applied when
 * figures are read.
 */
export interface IndicatorSettings {
  /** Grades that count as resolved (resolution rate = these ÷ all graded). */
  resolvedGradeCodes: string[];
  /** Satisfaction levels that count as satisfied, besides 基本满意 (BASICALLY_SATISFIED). */
  satisfiedCodes: string[];
  /** Whether 基本满意 counts as satisfied. */
  basicallySatisfiedCountsAsSatisfied: boolean;
  /** A park or department with fewer cases than this in the period is shown but not ranked. */
  minCasesForRanking: number;
  /** The last day of a reporting month (1–28); null: the calendar month. */
  monthCutOffDay: number | null;
}

export const BASICALLY_SATISFIED = 'BASICALLY_SATISFIED';

export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = {
  resolvedGradeCodes: ['A'],
  satisfiedCodes: ['VERY_SATISFIED', 'SATISFIED'],
  basicallySatisfiedCountsAsSatisfied: true,
  minCasesForRanking: 5,
  monthCutOffDay: null,
};

export interface SettingsProblem {
  path: string;
  message: string;
}

const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

/** Problems of a district's settings, each with the field at fault; empty when they may be saved. */
export function indicatorSettingsProblems(settings: IndicatorSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const codes = (path: keyof IndicatorSettings, list: string[], min: number) => {
    if (list.length < min) problems.push({ path, message: `must list at least ${min} code(s)` });
    list.forEach((code, i) => {
      if (!CODE.test(code)) problems.push({ path: `${path}.${i}`, message: 'must be an upper-case code' });
    });
    if (new Set(list).size !== list.length) problems.push({ path, message: 'must not repeat a code' });
  };
  codes('resolvedGradeCodes', settings.resolvedGradeCodes, 1);
  codes('satisfiedCodes', settings.satisfiedCodes, 1);
  if (settings.satisfiedCodes.includes(BASICALLY_SATISFIED))
    problems.push({ path: 'satisfiedCodes', message: 'BASICALLY_SATISFIED is decided by its own switch' });
  if (
    !Number.isInteger(settings.minCasesForRanking) ||
    settings.minCasesForRanking < 0 ||
    settings.minCasesForRanking > 10_000
  )
    problems.push({ path: 'minCasesForRanking', message: 'must be a whole number from 0 to 10000' });
  const cut = settings.monthCutOffDay;
  if (cut !== null && (!Number.isInteger(cut) || cut < 1 || cut > 28))
    problems.push({
      path: 'monthCutOffDay',
      message: 'must be a day from 1 to 28, or none for the calendar month',
    });
  return problems;
}

/** The satisfaction codes that count as satisfied under the settings. */
export function satisfiedCodesOf(settings: IndicatorSettings): string[] {
  return settings.basicallySatisfiedCountsAsSatisfied
    ? [...settings.satisfiedCodes, BASICALLY_SATISFIED]
    : settings.satisfiedCodes;
}

/** A reporting month as `YYYY-MM`. */
export type ReportMonth = string;

export function isReportMonth(value: unknown): value is ReportMonth {
  return typeof value === 'string' && /^(?!0000)\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

export function nextMonth(month: ReportMonth): ReportMonth {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The months from `from` to `to`, both included. */
export function monthsBetween(from: ReportMonth, to: ReportMonth): ReportMonth[] {
  const out: ReportMonth[] = [];
  for (let m = from; m <= to && out.length < 1200; m = nextMonth(m)) out.push(m);
  return out;
}

/** The reporting month a date counts in: past the cut-off day, the next month. */
export function reportMonthOf(date: IsoDate, cutOffDay: number | null): ReportMonth {
  isoDateToUtcMs(date);
  const month = date.slice(0, 7);
  return cutOffDay !== null && Number(date.slice(8, 10)) > cutOffDay ? nextMonth(month) : month;
}
