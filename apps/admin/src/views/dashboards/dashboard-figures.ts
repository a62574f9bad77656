import { INDICATORS } from '@qifu/domain';
import type {
  DashboardQuery,
  DrillDownSelector,
  IndicatorCode,
  IndicatorValueFieldsFragment,
} from '@/gql/graphql';

export type DashboardData = DashboardQuery['dashboard'];
export type ParkFigures = DashboardData['parks'][number];
export type DepartmentRow = ParkFigures['departments'][number];
export type Figure = IndicatorValueFieldsFragment;

/** Narrows a drill-down to one point of a chart; the filter bar's filter always applies. */
export interface DrillScope {
  parkId?: string;
  departmentId?: string;
  withoutDepartment?: boolean;
  month?: string;
  code?: string;
  categoryCode?: string;
  /** Overdue deadlines of one assignment tier (OVERDUE_DEADLINES). */
  tierCode?: string;
}

/** One list of cases behind a figure: a count, or a rate's numerator or denominator. */
export interface DrillPart {
  role: 'count' | 'numerator' | 'denominator' | 'cases';
  selector: DrillDownSelector;
  scope: DrillScope;
  /** The figure the list must add up to. */
  expected: number;
}

export interface Drill {
  /** What was clicked, as the user reads it (park, month, department…). */
  title: string;
  parts: DrillPart[];
}

export type ColumnKind = 'text' | 'count' | 'rate' | 'days';

/** A figure as shown: `none` where there is none, a rate as a percentage, days to one decimal. */
export function formatFigure(
  value: string | number | null | undefined,
  kind: ColumnKind,
  none: string,
): string {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string') return value;
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'days') return value.toFixed(1);
  return String(value);
}

export interface FigureColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** The heading over several columns (the tiers of an overdue count). */
  group?: string;
}

export interface FigureRow {
  key: string;
  cells: Record<string, string | number | null>;
  /** Cells that open the cases they count, by column key. */
  drills: Record<string, Drill>;
}

/**
 * What a chart shows, as a table: the chart is drawn from it and the 表格 view lists it, so both
 * always hold the same numbers.
 */
export interface FigureTable {
  columns: FigureColumn[];
  rows: FigureRow[];
}

/** Codes shown as KPI cards, in order. */
export const KPI_CODES: readonly IndicatorCode[] = [
  'RECEIVED',
  'ACCEPTED',
  'REJECTED',
  'REPLY_ON_TIME_RATE',
  'COMPLETION_ON_TIME_RATE',
  'RESOLUTION_RATE',
  'SATISFACTION_RATE',
  'OVERDUE_NOW',
  'SUPERVISIONS',
  'SPECIAL_SUPERVISIONS',
  'REFERRAL_LETTERS_UNANSWERED',
  'HANDLING_DAYS_MEAN',
  'HANDLING_DAYS_P90',
];

/** What is open now has no month: the monthly trend offers the others. */
export const TREND_CODES: readonly IndicatorCode[] = KPI_CODES.filter(
  (c) => c !== 'OVERDUE_NOW' && c !== 'REFERRAL_LETTERS_UNANSWERED',
);

/** Counts compared park by park. */
export const PARK_COUNT_CODES: readonly IndicatorCode[] = [
  'RECEIVED',
  'ACCEPTED',
  'REJECTED',
  'OVERDUE_NOW',
  'SUPERVISIONS',
  'SPECIAL_SUPERVISIONS',
];

export function kindOf(code: IndicatorCode): ColumnKind {
  const kind = INDICATORS[code].kind;
  return kind === 'count' ? 'count' : kind === 'rate' ? 'rate' : 'days';
}

/** The number a figure shows (a rate as a fraction, handling time in working days). */
export function valueOf(figure: Figure | undefined): number | null {
  return figure ? figure.value : null;
}

/** The lists of cases behind a figure, as the indicator's formula defines it. */
export function drillPartsOf(figure: Figure, scope: DrillScope): DrillPart[] {
  const def = INDICATORS[figure.code];
  if (def.kind === 'count') return [{ role: 'count', selector: def.of, scope, expected: figure.numerator }];
  if (def.kind === 'rate')
    return [
      { role: 'numerator', selector: def.numerator, scope, expected: figure.numerator },
      { role: 'denominator', selector: def.denominator, scope, expected: figure.denominator ?? 0 },
    ];
  return [{ role: 'cases', selector: def.of, scope, expected: figure.numerator }];
}

export function figureOf(list: readonly Figure[], code: IndicatorCode): Figure | undefined {
  return list.find((f) => f.code === code);
}

/**
 * The figures of all the shown parks together. One district: the API's district figures. Several
 * (the platform): counts and rates added up from theirs, the mean weighted by cases; a 90th
 * percentile cannot be added up and is left out.
 */
export function overallFigures(data: DashboardData): Figure[] {
  if (data.districts.length === 1) return data.districts[0].indicators;
  return KPI_CODES.map((code) => {
    const parts = data.districts.map((d) => figureOf(d.indicators, code)).filter((f): f is Figure => !!f);
    const numerator = parts.reduce((sum, f) => sum + f.numerator, 0);
    const kind = INDICATORS[code].kind;
    if (kind === 'count') return { code, value: numerator, numerator, denominator: null };
    if (kind === 'rate') {
      const denominator = parts.reduce((sum, f) => sum + (f.denominator ?? 0), 0);
      return { code, value: denominator ? numerator / denominator : null, numerator, denominator };
    }
    if (kind === 'mean' && numerator > 0) {
      const weighted = parts.reduce((sum, f) => sum + (f.value ?? 0) * f.numerator, 0);
      return { code, value: weighted / numerator, numerator, denominator: null };
    }
    return { code, value: null, numerator, denominator: null };
  });
}

export interface Labels {
  indicator(code: IndicatorCode): string;
  grade(code: string): string;
  category(code: string): string;
  categoryHeading: string;
  park: string;
  department: string;
  month: string;
  count: string;
  sample: string;
  withoutDepartment: string;
  unnamedDepartment: string;
  /** An assignment tier (主办, 分办…) as the parks' rules name it, else the built-in name. */
  tier(code: string): string;
  /** The heading over the tiers' columns. */
  byTier: string;
  /** A department in any tier (the figures of its own deadlines), where `department` is the lead. */
  anyDepartment: string;
  /** Where overdue deadlines are no department's: the service center's or leaders' stages. */
  noDepartment: string;
  replyOnTime: string;
  completionOnTime: string;
}

function departmentLabel(d: DepartmentRow, labels: Labels, none = labels.withoutDepartment): string {
  if (!d.departmentId) return none;
  return d.departmentName ?? labels.unnamedDepartment;
}

function departmentScope(park: ParkFigures, d: DepartmentRow): DrillScope {
  return d.departmentId
    ? { parkId: park.parkId, departmentId: d.departmentId }
    : { parkId: park.parkId, withoutDepartment: true };
}

/** Monthly trend of one indicator: a row per month, a column per park. */
export function trendTable(data: DashboardData, code: IndicatorCode, labels: Labels): FigureTable {
  const months = data.parks[0]?.months.map((m) => m.month) ?? [];
  const kind = kindOf(code);
  return {
    columns: [
      { key: 'month', label: labels.month, kind: 'text' },
      ...data.parks.map((p) => ({ key: p.parkId, label: p.parkName, kind })),
    ],
    rows: months.map((month) => {
      const row: FigureRow = { key: month, cells: { month }, drills: {} };
      for (const park of data.parks) {
        const figure = figureOf(park.months.find((m) => m.month === month)?.indicators ?? [], code);
        row.cells[park.parkId] = valueOf(figure);
        if (figure)
          row.drills[park.parkId] = {
            title: `${park.parkName} · ${month} · ${labels.indicator(code)}`,
            parts: drillPartsOf(figure, { parkId: park.parkId, month }),
          };
      }
      return row;
    }),
  };
}

/** Counts of each park side by side. */
export function parksTable(data: DashboardData, labels: Labels): FigureTable {
  return {
    columns: [
      { key: 'park', label: labels.park, kind: 'text' },
      ...PARK_COUNT_CODES.map((code) => ({ key: code, label: labels.indicator(code), kind: kindOf(code) })),
    ],
    rows: data.parks.map((park) => {
      const row: FigureRow = { key: park.parkId, cells: { park: park.parkName }, drills: {} };
      for (const code of PARK_COUNT_CODES) {
        const figure = figureOf(park.indicators, code);
        row.cells[code] = valueOf(figure);
        if (figure)
          row.drills[code] = {
            title: `${park.parkName} · ${labels.indicator(code)}`,
            parts: drillPartsOf(figure, { parkId: park.parkId }),
          };
      }
      return row;
    }),
  };
}

/** Graded cases by grade (A/B/C…), stacked per park. */
export function gradesTable(data: DashboardData, labels: Labels): FigureTable {
  const codes = [...new Set(data.parks.flatMap((p) => p.gradeDistribution.map((g) => g.code)))].sort();
  return {
    columns: [
      { key: 'park', label: labels.park, kind: 'text' },
      ...codes.map((code) => ({ key: code, label: labels.grade(code), kind: 'count' as const })),
    ],
    rows: data.parks.map((park) => {
      const row: FigureRow = { key: park.parkId, cells: { park: park.parkName }, drills: {} };
      for (const code of codes) {
        const count = park.gradeDistribution.find((g) => g.code === code)?.count ?? 0;
        row.cells[code] = count;
        row.drills[code] = {
          title: `${park.parkName} · ${labels.grade(code)}`,
          parts: [
            { role: 'count', selector: 'GRADED', scope: { parkId: park.parkId, code }, expected: count },
          ],
        };
      }
      return row;
    }),
  };
}

interface ParkDepartment {
  park: ParkFigures;
  department: DepartmentRow;
  name: string;
}

/** `none`: what the row of no department is called (no lead department, or no department's clock). */
function departmentsOf(
  data: DashboardData,
  labels: Labels,
  none = labels.withoutDepartment,
): ParkDepartment[] {
  const several = data.parks.length > 1;
  return data.parks.flatMap((park) =>
    park.departments.map((department) => ({
      park,
      department,
      name: several
        ? `${park.parkName} · ${departmentLabel(department, labels, none)}`
        : departmentLabel(department, labels, none),
    })),
  );
}

const keyOf = (d: ParkDepartment) => `${d.park.parkId}/${d.department.departmentId ?? '-'}`;

/**
 * Departments with enough cases, best on-time reply rate first (ties: the larger sample first).
 * Those below the district's minimum are in `unranked`, with their sample.
 */
export function departmentRanking(
  data: DashboardData,
  labels: Labels,
): { table: FigureTable; unranked: { key: string; name: string; sample: number }[] } {
  const all = departmentsOf(data, labels);
  const ranked = all
    .filter((d) => d.department.ranked && d.department.replyOnTime.value !== null)
    .sort(
      (a, b) =>
        (b.department.replyOnTime.value ?? 0) - (a.department.replyOnTime.value ?? 0) ||
        (b.department.replyOnTime.denominator ?? 0) - (a.department.replyOnTime.denominator ?? 0) ||
        a.name.localeCompare(b.name),
    );
  const table: FigureTable = {
    columns: [
      { key: 'department', label: labels.department, kind: 'text' },
      { key: 'REPLY_ON_TIME_RATE', label: labels.indicator('REPLY_ON_TIME_RATE'), kind: 'rate' },
      { key: 'sample', label: labels.sample, kind: 'count' },
      { key: 'COMPLETION_ON_TIME_RATE', label: labels.indicator('COMPLETION_ON_TIME_RATE'), kind: 'rate' },
    ],
    rows: ranked.map((d) => {
      const scope = departmentScope(d.park, d.department);
      const reply = d.department.replyOnTime;
      const completion = d.department.completionOnTime;
      return {
        key: keyOf(d),
        cells: {
          department: d.name,
          REPLY_ON_TIME_RATE: reply.value,
          sample: reply.denominator ?? 0,
          COMPLETION_ON_TIME_RATE: completion.value,
        },
        drills: {
          REPLY_ON_TIME_RATE: {
            title: `${d.name} · ${labels.indicator('REPLY_ON_TIME_RATE')}`,
            parts: drillPartsOf(reply, scope),
          },
          sample: {
            title: `${d.name} · ${labels.sample}`,
            parts: drillPartsOf(reply, scope).filter((p) => p.role === 'denominator'),
          },
          COMPLETION_ON_TIME_RATE: {
            title: `${d.name} · ${labels.indicator('COMPLETION_ON_TIME_RATE')}`,
            parts: drillPartsOf(completion, scope),
          },
        },
      };
    }),
  };
  // A department with no reply due as lead (overdue only in another tier, or no department's) has
  // no sample to rank.
  const unranked = all
    .filter((d) => !ranked.includes(d) && (d.department.replyOnTime.denominator ?? 0) > 0)
    .map((d) => ({ key: keyOf(d), name: d.name, sample: d.department.replyOnTime.denominator ?? 0 }));
  return { table, unranked };
}

// Tiers in the order rulebooks list them; others (a park's own) after them, by code.
const TIER_ORDER = ['LEAD', 'SPLIT', 'ASSISTING', 'COOPERATING'];

/**
 * The tiers with overdue deadlines in the shown parks, as columns: in the order the parks' rules
 * list them, else the built-in order. Deadlines of no department have no tier and no column.
 */
export function tierCodesOf(data: DashboardData): string[] {
  const seen = new Set(
    data.parks.flatMap((p) => p.departments.flatMap((d) => d.overdueByTier.map((t) => t.tierCode))),
  );
  seen.delete('');
  const listed = data.assignmentTiers.map((t) => t.code);
  const rank = (code: string) => {
    const i = listed.indexOf(code);
    if (i >= 0) return i;
    const j = TIER_ORDER.indexOf(code);
    return j >= 0 ? listed.length + j : listed.length + TIER_ORDER.length;
  };
  return [...seen].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const tierKey = (code: string) => `tier:${code}`;

/** The overdue columns: the department's own deadlines overdue now, then each tier's share. */
function overdueColumns(tiers: string[], labels: Labels): FigureColumn[] {
  return [
    { key: 'OVERDUE_NOW', label: labels.indicator('OVERDUE_NOW'), kind: 'count' },
    ...tiers.map((code) => ({
      key: tierKey(code),
      label: labels.tier(code),
      kind: 'count' as const,
      group: labels.byTier,
    })),
  ];
}

/** A department's overdue cells and the deadlines behind each (OVERDUE_DEADLINES). */
function overdueCells(
  d: ParkDepartment,
  tiers: string[],
  labels: Labels,
): Pick<FigureRow, 'cells' | 'drills'> {
  const scope = departmentScope(d.park, d.department);
  const part = (expected: number, tierCode?: string): DrillPart => ({
    role: 'count',
    selector: 'OVERDUE_DEADLINES',
    scope: tierCode === undefined ? scope : { ...scope, tierCode },
    expected,
  });
  const cells: FigureRow['cells'] = { OVERDUE_NOW: d.department.overdueNow };
  const drills: FigureRow['drills'] = {
    OVERDUE_NOW: {
      title: `${d.name} · ${labels.indicator('OVERDUE_NOW')}`,
      parts: [part(d.department.overdueNow)],
    },
  };
  for (const code of tiers) {
    const count = d.department.overdueByTier.find((t) => t.tierCode === code)?.count ?? 0;
    // No department's deadlines have no tier: their row has the total only.
    cells[tierKey(code)] = d.department.departmentId ? count : null;
    if (d.department.departmentId && count > 0)
      drills[tierKey(code)] = {
        title: `${d.name} · ${labels.tier(code)} · ${labels.indicator('OVERDUE_NOW')}`,
        parts: [part(count, code)],
      };
  }
  return { cells, drills };
}

/**
 * Deadlines overdue now per department, most first, each against the department whose clock ran
 * out, with each tier's share (主办, 分办, 协办…).
 */
export function overdueTable(data: DashboardData, labels: Labels): FigureTable {
  const tiers = tierCodesOf(data);
  const rows = departmentsOf(data, labels, labels.noDepartment)
    .filter((d) => d.department.overdueNow > 0)
    .sort((a, b) => b.department.overdueNow - a.department.overdueNow || a.name.localeCompare(b.name));
  return {
    columns: [
      { key: 'department', label: labels.anyDepartment, kind: 'text' },
      ...overdueColumns(tiers, labels),
    ],
    rows: rows.map((d) => {
      const { cells, drills } = overdueCells(d, tiers, labels);
      return { key: keyOf(d), cells: { department: d.name, ...cells }, drills };
    }),
  };
}

/**
 * Every department of the shown parks, park by park and by name: its on-time rates as lead
 * department and its own deadlines overdue now, by tier; each park's row of no department last.
 */
export function departmentTable(data: DashboardData, labels: Labels): FigureTable {
  const tiers = tierCodesOf(data);
  // Park by park as the API lists them.
  const parkIndex = (d: ParkDepartment) => data.parks.indexOf(d.park);
  const rows = departmentsOf(data, labels, labels.noDepartment).sort(
    (a, b) =>
      parkIndex(a) - parkIndex(b) ||
      Number(!a.department.departmentId) - Number(!b.department.departmentId) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  return {
    columns: [
      { key: 'department', label: labels.anyDepartment, kind: 'text' },
      { key: 'REPLY_ON_TIME_RATE', label: labels.replyOnTime, kind: 'rate' },
      { key: 'COMPLETION_ON_TIME_RATE', label: labels.completionOnTime, kind: 'rate' },
      ...overdueColumns(tiers, labels),
    ],
    rows: rows.map((d) => {
      const scope = departmentScope(d.park, d.department);
      const { cells, drills } = overdueCells(d, tiers, labels);
      const rate = (code: 'REPLY_ON_TIME_RATE' | 'COMPLETION_ON_TIME_RATE', figure: Figure) =>
        figure.denominator
          ? { [code]: { title: `${d.name} · ${labels.indicator(code)}`, parts: drillPartsOf(figure, scope) } }
          : {};
      return {
        key: keyOf(d),
        cells: {
          department: d.name,
          REPLY_ON_TIME_RATE: d.department.replyOnTime.value,
          COMPLETION_ON_TIME_RATE: d.department.completionOnTime.value,
          ...cells,
        },
        drills: {
          ...rate('REPLY_ON_TIME_RATE', d.department.replyOnTime),
          ...rate('COMPLETION_ON_TIME_RATE', d.department.completionOnTime),
          ...drills,
        },
      };
    }),
  };
}

/** Cases received by category over all the shown parks, most first. */
export function categoryTable(data: DashboardData, labels: Labels): FigureTable {
  const totals = new Map<string, number>();
  for (const park of data.parks)
    for (const mix of park.categoryMix) totals.set(mix.code, (totals.get(mix.code) ?? 0) + mix.count);
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    columns: [
      { key: 'category', label: labels.categoryHeading, kind: 'text' },
      { key: 'count', label: labels.count, kind: 'count' },
    ],
    rows: sorted.map(([code, count]) => ({
      key: code,
      cells: { category: labels.category(code), count },
      drills: {
        count: {
          title: `${labels.category(code)} · ${labels.indicator('RECEIVED')}`,
          parts: [{ role: 'count', selector: 'RECEIVED', scope: { categoryCode: code }, expected: count }],
        },
      },
    })),
  };
}
