import type { IsoDate } from '../calendar/iso-date.js';
import type { ReportMonth } from './indicator-settings.js';
import { INDICATOR_LABELS, type IndicatorCode, type IndicatorValue } from './indicators.js';

/** A department's figures in a park for the month, as the dashboard computes them. */
export interface ReportDepartmentFigures {
  departmentName: string | null;
  replyOnTime: IndicatorValue;
  completionOnTime: IndicatorValue;
  overdueNow: number;
}

/** What the monthly report is made from: the district's dashboard for one month. */
export interface MonthlyReportInput {
  districtName: string;
  month: ReportMonth;
  asOf: IsoDate;
  settingsVersion: number;
  indicators: IndicatorValue[];
  parks: {
    parkName: string;
    ranked: boolean;
    indicators: IndicatorValue[];
    departments: ReportDepartmentFigures[];
  }[];
}

/** A department named for delay: late replies or completions in the month, or cases overdue now. */
export interface DelayedDepartment {
  parkName: string;
  departmentName: string;
  lateReplies: number;
  lateCompletions: number;
  overdueNow: number;
}

export interface MonthlyReportRow {
  label: string;
  value: string;
  /** How the figure is made: "12 / 15" for a rate, empty for a count. */
  basis: string;
}

export interface MonthlyReport {
  title: string;
  districtName: string;
  /** 2026年10月 */
  monthLabel: string;
  asOf: IsoDate;
  settingsVersion: number;
  /** The district's indicators, in the dashboard's order. */
  summary: MonthlyReportRow[];
  /** Parks side by side: received, on-time reply, on-time completion, resolution, satisfaction, overdue. */
  parkColumns: string[];
  parkRows: { parkName: string; cells: string[]; ranked: boolean }[];
  delayed: DelayedDepartment[];
  /** A sentence for the body: which departments delayed, or that none did. */
  delaySentence: string;
}

const PARK_COLUMNS: IndicatorCode[] = [
  'RECEIVED',
  'REPLY_ON_TIME_RATE',
  'COMPLETION_ON_TIME_RATE',
  'RESOLUTION_RATE',
  'SATISFACTION_RATE',
  'OVERDUE_NOW',
];

const RATES = new Set<IndicatorCode>([
  'REPLY_ON_TIME_RATE',
  'COMPLETION_ON_TIME_RATE',
  'RESOLUTION_RATE',
  'SATISFACTION_RATE',
]);

/** A figure as printed: rates in per cent with one decimal, "—" where nothing was due. */
export function formatIndicator(value: IndicatorValue): string {
  if (value.value === null) return '—';
  if (RATES.has(value.code)) return `${(Math.round(value.value * 1000) / 10).toFixed(1)}%`;
  if (value.code === 'HANDLING_DAYS_MEAN' || value.code === 'HANDLING_DAYS_P90')
    return (Math.round(value.value * 10) / 10).toFixed(1);
  return String(value.numerator);
}

function basisOf(value: IndicatorValue): string {
  return value.denominator === null ? '' : `${value.numerator} / ${value.denominator}`;
}

const late = (v: IndicatorValue) => (v.denominator ?? 0) - v.numerator;

/** The departments of every park that were late in the month or hold overdue cases, worst first. */
export function delayedDepartments(input: MonthlyReportInput): DelayedDepartment[] {
  return input.parks
    .flatMap((park) =>
      park.departments
        .filter((d) => d.departmentName !== null)
        .map((d) => ({
          parkName: park.parkName,
          departmentName: d.departmentName!,
          lateReplies: late(d.replyOnTime),
          lateCompletions: late(d.completionOnTime),
          overdueNow: d.overdueNow,
        })),
    )
    .filter((d) => d.lateReplies + d.lateCompletions + d.overdueNow > 0)
    .sort(
      (a, b) =>
        b.lateReplies +
          b.lateCompletions +
          b.overdueNow -
          (a.lateReplies + a.lateCompletions + a.overdueNow) ||
        a.parkName.localeCompare(b.parkName, 'zh-CN') ||
        a.departmentName.localeCompare(b.departmentName, 'zh-CN'),
    );
}

/** The monthly report of a district (月报): its figures, its parks, and the departments named for delay. */
export function monthlyReportOf(input: MonthlyReportInput): MonthlyReport {
  const [year, month] = input.month.split('-').map(Number);
  const monthLabel = `${year}年${month}月`;
  const delayed = delayedDepartments(input);
  const byCode = (values: IndicatorValue[], code: IndicatorCode) => values.find((v) => v.code === code)!;
  const delaySentence =
    delayed.length === 0
      ? '本月各园区部门均按时答复、按时办结，无超期未办结问题。'
      : `本月存在答复或办结滞后、或有超期未办结问题的部门共 ${delayed.length} 个：${delayed
          .map((d) => `${d.parkName}${d.departmentName}`)
          .join('、')}。请相关园区督促整改。`;
  return {
    title: `${input.districtName}企业反映困难问题办理情况月报`,
    districtName: input.districtName,
    monthLabel,
    asOf: input.asOf,
    settingsVersion: input.settingsVersion,
    summary: input.indicators.map((v) => ({
      label: INDICATOR_LABELS[v.code].zh,
      value: formatIndicator(v),
      basis: basisOf(v),
    })),
    parkColumns: PARK_COLUMNS.map((code) => INDICATOR_LABELS[code].zh),
    parkRows: input.parks.map((park) => ({
      parkName: park.parkName,
      ranked: park.ranked,
      cells: PARK_COLUMNS.map((code) => formatIndicator(byCode(park.indicators, code))),
    })),
    delayed,
    delaySentence,
  };
}
