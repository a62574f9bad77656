import type { IsoDate } from '../calendar/iso-date.js';
import { clockOwnerOf, OPEN_METRICS, type CaseFacts, type Contribution, type Metric } from './case-facts.js';
import {
  reportMonthOf,
  satisfiedCodesOf,
  type IndicatorSettings,
  type ReportMonth,
} from './indicator-settings.js';

/**
 * The countable sets of cases a dashboard figure is made of. Each is a metric of the rollups,
 * optionally narrowed to the codes the district's settings name; each is also a drill-down.
 */
export const SELECTORS = {
  RECEIVED: { metric: 'received' },
  ACCEPTED: { metric: 'accepted' },
  REJECTED: { metric: 'rejected' },
  REPLY_DUE: { metric: 'replyDue' },
  REPLIED_ON_TIME: { metric: 'repliedOnTime' },
  COMPLETION_DUE: { metric: 'completionDue' },
  COMPLETED_ON_TIME: { metric: 'completedOnTime' },
  GRADED: { metric: 'graded' },
  RESOLVED: { metric: 'graded', codes: 'resolved' },
  // Follow-ups answered, by the month of the answer: the satisfaction rate divides by these, never by
  // the cases graded. A case with no follow-up due (not sampled, the step absent or skipped) is in
  // neither count; nor is it overdue, since only a due follow-up has a deadline (OVERDUE_NOW).
  SATISFACTION_ANSWERED: { metric: 'satisfactionAnswered' },
  SATISFIED: { metric: 'satisfactionAnswered', codes: 'satisfied' },
  HANDLED: { metric: 'handled' },
  SUPERVISIONS: { metric: 'supervisions' },
  SPECIAL_SUPERVISIONS: { metric: 'specialSupervisions' },
  OVERDUE_NOW: { metric: 'openDue' },
  REFERRAL_LETTERS_UNANSWERED: { metric: 'openLetter' },
  // The deadlines overdue now, each under the department and tier whose clock ran out (a case late
  // for its lead and a split department counts once in OVERDUE_NOW, once here for each).
  OVERDUE_DEADLINES: { metric: 'openDeadline' },
} as const satisfies Record<string, { metric: Metric; codes?: 'resolved' | 'satisfied' }>;

export type SelectorCode = keyof typeof SELECTORS;
export const SELECTOR_CODES = Object.keys(SELECTORS) as SelectorCode[];
export type Selector = { metric: Metric; codes?: 'resolved' | 'satisfied' };

/** Formulas as data: each indicator is a count, a ratio of two counts, or a statistic of handling time. */
export type IndicatorDefinition =
  | { kind: 'count'; of: SelectorCode }
  | { kind: 'rate'; numerator: SelectorCode; denominator: SelectorCode }
  | { kind: 'mean' | 'p90'; of: 'HANDLED' };

export const INDICATORS = {
  RECEIVED: { kind: 'count', of: 'RECEIVED' },
  ACCEPTED: { kind: 'count', of: 'ACCEPTED' },
  REJECTED: { kind: 'count', of: 'REJECTED' },
  REPLY_ON_TIME_RATE: { kind: 'rate', numerator: 'REPLIED_ON_TIME', denominator: 'REPLY_DUE' },
  COMPLETION_ON_TIME_RATE: { kind: 'rate', numerator: 'COMPLETED_ON_TIME', denominator: 'COMPLETION_DUE' },
  RESOLUTION_RATE: { kind: 'rate', numerator: 'RESOLVED', denominator: 'GRADED' },
  SATISFACTION_RATE: { kind: 'rate', numerator: 'SATISFIED', denominator: 'SATISFACTION_ANSWERED' },
  OVERDUE_NOW: { kind: 'count', of: 'OVERDUE_NOW' },
  SUPERVISIONS: { kind: 'count', of: 'SUPERVISIONS' },
  SPECIAL_SUPERVISIONS: { kind: 'count', of: 'SPECIAL_SUPERVISIONS' },
  REFERRAL_LETTERS_UNANSWERED: { kind: 'count', of: 'REFERRAL_LETTERS_UNANSWERED' },
  HANDLING_DAYS_MEAN: { kind: 'mean', of: 'HANDLED' },
  HANDLING_DAYS_P90: { kind: 'p90', of: 'HANDLED' },
} as const satisfies Record<string, IndicatorDefinition>;

export type IndicatorCode = keyof typeof INDICATORS;
export const INDICATOR_CODES = Object.keys(INDICATORS) as IndicatorCode[];

export const INDICATOR_LABELS: Record<IndicatorCode, { zh: string; en: string }> = {
  RECEIVED: { zh: '受理登记数', en: 'Received' },
  ACCEPTED: { zh: '受理数', en: 'Accepted' },
  REJECTED: { zh: '不予受理数', en: 'Rejected' },
  REPLY_ON_TIME_RATE: { zh: '按时答复率', en: 'On-time reply rate' },
  COMPLETION_ON_TIME_RATE: { zh: '按时办结率', en: 'On-time completion rate' },
  RESOLUTION_RATE: { zh: '解决率', en: 'Resolution rate' },
  SATISFACTION_RATE: { zh: '满意率', en: 'Satisfaction rate' },
  OVERDUE_NOW: { zh: '当前超期', en: 'Overdue now' },
  SUPERVISIONS: { zh: '督办数', en: 'Supervisions' },
  SPECIAL_SUPERVISIONS: { zh: '专项督办数', en: 'Special supervisions' },
  REFERRAL_LETTERS_UNANSWERED: { zh: '商函未复', en: 'Referral letters unanswered' },
  HANDLING_DAYS_MEAN: { zh: '平均办理时长（工作日）', en: 'Mean handling time (working days)' },
  HANDLING_DAYS_P90: { zh: '90% 办理时长（工作日）', en: '90th-percentile handling time (working days)' },
};

/** Which cases a figure covers. Open metrics (overdue now, unanswered letters) ignore the period. */
export interface IndicatorFilter {
  periodFrom: ReportMonth;
  periodTo: ReportMonth;
  categoryCodes?: readonly string[] | null;
  channelCodes?: readonly string[] | null;
  /**
   * The lead department (null inside the list: cases without one); for overdue deadlines, the
   * department whose clock it is (null: the service center's or the leaders' stages).
   */
  departmentIds?: readonly (string | null)[] | null;
  /** Today, for what is overdue now. */
  asOf: IsoDate;
}

/** A row of the rollups: the contributions of its key summed (over any keys not shown). */
export type RollupCount = Omit<Contribution, 'caseId'>;

export interface IndicatorValue {
  code: IndicatorCode;
  /** null: no case to divide by (a rate) or no case handled (a statistic). */
  value: number | null;
  /** The count, or the numerator of a rate, or the number of cases of a statistic. */
  numerator: number;
  /** The denominator of a rate; null for the others. */
  denominator: number | null;
}

const OPEN: readonly Metric[] = OPEN_METRICS;

function codesOf(selector: Selector, settings: IndicatorSettings): readonly string[] | null {
  if (selector.codes === 'resolved') return settings.resolvedGradeCodes;
  if (selector.codes === 'satisfied') return satisfiedCodesOf(settings);
  return null;
}

function inFilter(
  f: IndicatorFilter,
  row: { categoryCode: string; channelCode: string; departmentId: string | null },
): boolean {
  return (
    (!f.categoryCodes || f.categoryCodes.includes(row.categoryCode)) &&
    (!f.channelCodes || f.channelCodes.includes(row.channelCode)) &&
    (!f.departmentIds || f.departmentIds.includes(row.departmentId))
  );
}

/** Whether a rollup row of `metric` at `onDate` falls in the filter's period (or is overdue now). */
export function inPeriod(metric: Metric, onDate: IsoDate, f: IndicatorFilter): boolean {
  if (OPEN.includes(metric)) return onDate < f.asOf;
  const month = onDate.slice(0, 7);
  return month >= f.periodFrom && month <= f.periodTo;
}

/** Whether a rollup row counts for a selector under a filter and the district's settings. */
export function rowCounts(
  row: RollupCount,
  selector: Selector,
  f: IndicatorFilter,
  settings: IndicatorSettings,
): boolean {
  const codes = codesOf(selector, settings);
  return (
    row.metric === selector.metric &&
    (!codes || codes.includes(row.code)) &&
    inPeriod(row.metric, row.onDate, f) &&
    inFilter(f, row)
  );
}

interface HandlingStats {
  cases: number;
  mean: number | null;
  p90: number | null;
}

/** Nearest-rank statistics of a histogram {value → cases}. */
function histogramStats(histogram: Map<number, number>): HandlingStats {
  const values = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const cases = values.reduce((sum, [, n]) => sum + n, 0);
  if (cases === 0) return { cases, mean: null, p90: null };
  const total = values.reduce((sum, [v, n]) => sum + v * n, 0);
  const rank = Math.ceil(0.9 * cases);
  let seen = 0;
  let p90 = values[values.length - 1][0];
  for (const [v, n] of values) {
    seen += n;
    if (seen >= rank) {
      p90 = v;
      break;
    }
  }
  return { cases, mean: total / cases, p90 };
}

function evaluate(
  code: IndicatorCode,
  count: (selector: SelectorCode) => number,
  handling: () => HandlingStats,
): IndicatorValue {
  const def: IndicatorDefinition = INDICATORS[code];
  if (def.kind === 'count') {
    const n = count(def.of);
    return { code, value: n, numerator: n, denominator: null };
  }
  if (def.kind === 'rate') {
    const numerator = count(def.numerator);
    const denominator = count(def.denominator);
    return { code, value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
  }
  const stats = handling();
  return {
    code,
    value: def.kind === 'mean' ? stats.mean : stats.p90,
    numerator: stats.cases,
    denominator: null,
  };
}

/**
 * Every indicator from rollup rows (those of one park, one department… as the caller grouped them).
 * The rows are filtered once and split by metric, so each selector reads only its metric's rows
 * (the same counts as `rowCounts` over all of them; dashboards call this for every park and month).
 */
export function indicatorsFromRollups(
  rows: readonly RollupCount[],
  f: IndicatorFilter,
  settings: IndicatorSettings,
  codes: readonly IndicatorCode[] = INDICATOR_CODES,
): IndicatorValue[] {
  const byMetric = new Map<Metric, RollupCount[]>();
  for (const row of rows) {
    if (!inPeriod(row.metric, row.onDate, f) || !inFilter(f, row)) continue;
    const list = byMetric.get(row.metric);
    if (list) list.push(row);
    else byMetric.set(row.metric, [row]);
  }
  const count = (code: SelectorCode) => {
    const selector: Selector = SELECTORS[code];
    const wanted = codesOf(selector, settings);
    let n = 0;
    for (const row of byMetric.get(selector.metric) ?? [])
      if (!wanted || wanted.includes(row.code)) n += row.n;
    return n;
  };
  // Computed once for the mean and the 90th percentile alike.
  let stats: HandlingStats | null = null;
  const handling = () => {
    if (stats) return stats;
    const histogram = new Map<number, number>();
    for (const row of byMetric.get(SELECTORS.HANDLED.metric) ?? []) {
      const days = Number(row.code);
      histogram.set(days, (histogram.get(days) ?? 0) + row.n);
    }
    return (stats = histogramStats(histogram));
  };
  return codes.map((code) => evaluate(code, count, handling));
}

/**
 * Deadlines overdue now per tier code (of the rows of one department, as the caller grouped them;
 * '' for the clocks of no department).
 */
export function overdueByTierFromRollups(
  rows: readonly RollupCount[],
  f: IndicatorFilter,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows)
    if (row.metric === 'openDeadline' && inPeriod(row.metric, row.onDate, f) && inFilter(f, row))
      out.set(row.code, (out.get(row.code) ?? 0) + row.n);
  for (const [code, n] of out) if (n === 0) out.delete(code);
  return out;
}

/** Cases per code of a metric in the filter (the A/B/C distribution, the satisfaction answers). */
export function distributionFromRollups(
  rows: readonly RollupCount[],
  metric: 'graded' | 'satisfactionAnswered',
  f: IndicatorFilter,
  settings: IndicatorSettings,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows)
    if (rowCounts(row, { metric }, f, settings)) out.set(row.code, (out.get(row.code) ?? 0) + row.n);
  return out;
}

// The direct computation: the definitions read straight off each case's facts, with no rollup in
// between. The property tests hold the rollups to it.

function monthIn(date: IsoDate, f: IndicatorFilter, s: IndicatorSettings): boolean {
  const month = reportMonthOf(date, s.monthCutOffDay);
  return month >= f.periodFrom && month <= f.periodTo;
}

/** How many times a case counts for a selector (supervisions may count more than once). */
export function directCount(
  c: CaseFacts,
  selector: Selector,
  f: IndicatorFilter,
  s: IndicatorSettings,
): number {
  // A deadline is counted under the department whose clock it is, the case's other figures under its lead.
  if (selector.metric === 'openDeadline')
    return c.openDeadlines.filter(
      (d) => d.dueOn < f.asOf && inFilter(f, { ...c, departmentId: clockOwnerOf(d, c).departmentId }),
    ).length;
  if (!inFilter(f, c)) return 0;
  const codes = codesOf(selector, s);
  const coded = (code: string | null) => code !== null && (!codes || codes.includes(code));
  const graded = c.gradedOn !== null && c.gradeCode !== null;
  const one = (yes: boolean) => (yes ? 1 : 0);
  switch (selector.metric) {
    case 'received':
      return one(monthIn(c.registeredOn, f, s));
    case 'accepted':
      return one(c.accepted && monthIn(c.registeredOn, f, s));
    case 'rejected':
      return one(c.rejected && monthIn(c.registeredOn, f, s));
    case 'replyDue':
      return one(c.replyDueOn !== null && monthIn(c.replyDueOn, f, s));
    case 'repliedOnTime':
      return one(
        c.replyDueOn !== null &&
          monthIn(c.replyDueOn, f, s) &&
          c.repliedOn !== null &&
          c.repliedOn <= c.replyDueOn,
      );
    case 'completionDue':
      return one(c.completionDueOn !== null && monthIn(c.completionDueOn, f, s));
    case 'completedOnTime':
      return one(
        c.completionDueOn !== null &&
          monthIn(c.completionDueOn, f, s) &&
          c.completedOn !== null &&
          c.completedOn <= c.completionDueOn,
      );
    case 'graded':
      return one(graded && monthIn(c.gradedOn!, f, s) && coded(c.gradeCode));
    case 'handled':
      return one(graded && c.handlingWorkingDays !== null && monthIn(c.gradedOn!, f, s));
    case 'satisfactionAnswered':
      return one(c.followedUpOn !== null && monthIn(c.followedUpOn, f, s) && coded(c.satisfactionCode));
    case 'supervisions':
      return c.supervisedOn.filter((d) => monthIn(d, f, s)).length;
    case 'specialSupervisions':
      return c.specialSupervisedOn.filter((d) => monthIn(d, f, s)).length;
    case 'openDue':
      return one(c.openDueOn !== null && c.openDueOn < f.asOf);
    case 'openLetter':
      return c.openLetterDueOns.filter((d) => d < f.asOf).length;
  }
}

/** Every indicator computed directly from the cases' facts. */
export function indicatorsFromFacts(
  cases: readonly CaseFacts[],
  f: IndicatorFilter,
  settings: IndicatorSettings,
  codes: readonly IndicatorCode[] = INDICATOR_CODES,
): IndicatorValue[] {
  const count = (s: SelectorCode) =>
    cases.reduce((sum, c) => sum + directCount(c, SELECTORS[s], f, settings), 0);
  const handling = () => {
    const h = new Map<number, number>();
    for (const c of cases)
      if (directCount(c, SELECTORS.HANDLED, f, settings))
        h.set(c.handlingWorkingDays!, (h.get(c.handlingWorkingDays!) ?? 0) + 1);
    return histogramStats(h);
  };
  return codes.map((code) => evaluate(code, count, handling));
}

/** Ranked or not: enough cases in the period for a fair comparison (the district's minimum). */
export function isRanked(received: number, settings: IndicatorSettings): boolean {
  return received >= settings.minCasesForRanking;
}
