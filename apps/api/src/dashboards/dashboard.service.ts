import {
  distributionFromRollups,
  isReportMonth,
  monthlyReportOf,
  INDICATOR_CODES,
  indicatorSettingsProblems,
  indicatorsFromRollups,
  isRanked,
  MONTHLY_METRICS,
  monthsBetween,
  nextMonth,
  OPEN_METRICS,
  overdueByTierFromRollups,
  SELECTORS,
  satisfiedCodesOf,
  type IndicatorCode,
  type IndicatorFilter,
  type IndicatorSettings,
  type IndicatorValue,
  type Metric,
  type RollupCount,
  type SelectorCode,
} from '@qifu/domain';
import { renderMonthlyReportDocx } from '@qifu/documents';
import { sql, type InferResult, type RawBuilder, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { caseReachCondition, caseVisibility, type CaseVisibility } from '../access/case-visibility.js';
import { recordPlatformAudit } from '../audit/audit.js';
import { systemClock, todayIn, type Clock } from '../common/clock.js';
import { assertUuid, badInput, forbidden, notFound } from '../common/errors.js';
import { currentRequestId } from '../common/request-store.js';
import type { DB } from '../database/db-types.js';
import { Scope, scopeOf, type DbScope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import { caseStatusOf } from '../cases/case.queries.js';
import { districtSettings, settingsOf } from './dashboard-refresh.js';
import type {
  CodeCount,
  CodeLabel,
  Dashboard,
  DashboardFilterInput,
  DepartmentFigures,
  DistrictIndicatorSettings,
  DrillDownInput,
  DrillDownPage,
  ParkDashboard,
  UpdateDistrictIndicatorSettingsInput,
} from './dashboard.models.js';

/**
 * How a caller reads dashboards (its figure reach in case-visibility.ts). A district viewer reads
 * across its district's parks through the district policies (contacts masked in the table itself);
 * park leaders and the park administrator their own park through the tenant policy; the platform
 * the rollups of every district and nothing else.
 */
interface Reader {
  kind: 'park' | 'district' | 'platform';
  scope: DbScope;
  visibility: CaseVisibility;
  /** Some case behind the figures has its contacts masked for this reader. */
  masked: boolean;
}

const MAX_MONTHS = 36;
const OPEN: readonly string[] = OPEN_METRICS;
/** Monthly charts show the figures of a month; what is open now has no month. */
const MONTHLY_CODES = INDICATOR_CODES.filter(
  (c) => c !== 'OVERDUE_NOW' && c !== 'REFERRAL_LETTERS_UNANSWERED',
);

function readerOf(actor: Actor): Reader {
  const visibility = caseVisibility(actor);
  if (visibility.figures === 'DISTRICT')
    return {
      kind: 'district',
      scope: Scope.districtDashboards(actor.userId, actor.districtId),
      visibility,
      masked: true,
    };
  if (visibility.figures === 'AGGREGATES')
    return {
      kind: 'platform',
      scope: Scope.platformDashboards(actor.userId),
      visibility,
      masked: true,
    };
  if (visibility.figures === 'PARK')
    return { kind: 'park', scope: scopeOf(actor), visibility, masked: visibility.cases.kind !== 'PARK' };
  throw forbidden();
}

type ParkRow = Pick<Selectable<DB['parks']>, 'id' | 'name' | 'district_id'> & {
  district_name: Selectable<DB['districts']>['name'];
};

type FiguresRow = Selectable<DB['dashboard_park_figures']>;

/** A row of the figures' queries: a key with the columns its grouping left out null. */
type GroupedSqlRow = Pick<FiguresRow, 'park_id' | 'metric' | 'department_id' | 'n'> & {
  on_date: string | null;
  code: FiguresRow['code'] | null;
  category_code: FiguresRow['category_code'] | null;
  channel_code: FiguresRow['channel_code'] | null;
  /** GROUPING(on_date, code, category_code, channel_code, department_id). */
  g: number;
};

type GroupedRow = Omit<GroupedSqlRow, 'metric'> & { metric: Metric };

const METRICS = new Map<string, Metric>([...MONTHLY_METRICS, ...OPEN_METRICS].map((m) => [m, m]));

/** The rows of the metrics the domain counts (the refresh writes no others). */
function ofKnownMetrics(rows: GroupedSqlRow[]): GroupedRow[] {
  return rows.flatMap((row) => {
    const metric = METRICS.get(row.metric);
    return metric ? [{ ...row, metric }] : [];
  });
}

function checkPeriod(filter: DashboardFilterInput): void {
  if (filter.periodTo < filter.periodFrom)
    throw badInput([{ path: 'filter.periodTo', message: 'must not be before periodFrom' }]);
  if (monthsBetween(filter.periodFrom, filter.periodTo).length > MAX_MONTHS)
    throw badInput([{ path: 'filter.periodTo', message: `at most ${MAX_MONTHS} months` }]);
}

// GROUPING(on_date, code, category_code, channel_code, department_id): a bit set per column left out.
const BY_DATE = 0b00111;
const BY_CATEGORY = 0b11011;
const BY_CHANNEL = 0b11101;
// The departments' rows keep the code: an overdue deadline's is the tier of the clock that ran out.
const BY_DEPARTMENT = 0b10110;

// Without a category or channel filter: the park figures, each slice grouped as one grouping set
// of the rollups' query would be (the same rows, far fewer to sum). The 'code' slice of a month is
// already one row per key and is read as it is; the category, channel and department slices are
// summed over the period, and what is open now (overdue, letters unanswered) over every due date
// before today; the department slice per code too (the tiers of overdue deadlines). The parks' ids
// select the rows; row-level security keeps them in the reader's district.
const parkFiguresSql = (parkIds: string[], from: string, to: string, asOf: string) => sql<GroupedSqlRow>`
  SELECT park_id, metric, to_char(on_date, 'YYYY-MM-DD') AS on_date, code, NULL AS category_code,
         NULL AS channel_code, NULL::uuid AS department_id, ${sql.lit(BY_DATE)} AS g, n
    FROM dashboard_park_figures
   WHERE park_id = ANY(${parkIds}::uuid[]) AND slice = 'code' AND metric <> ALL(${OPEN}::text[])
     AND on_date >= ${from}::date AND on_date < ${to}::date
  UNION ALL
  SELECT park_id, metric, NULL, code, NULL, NULL, NULL, ${sql.lit(BY_DATE)}, sum(n)::int
    FROM dashboard_park_figures
   WHERE park_id = ANY(${parkIds}::uuid[]) AND slice = 'code' AND metric = ANY(${OPEN}::text[]) AND on_date < ${asOf}::date
   GROUP BY park_id, metric, code
  UNION ALL
  SELECT park_id, metric, NULL, CASE WHEN slice = 'department' THEN code END,
         CASE WHEN slice = 'category' THEN category_code END,
         CASE WHEN slice = 'channel' THEN channel_code END, department_id,
         CASE slice WHEN 'category' THEN ${sql.lit(BY_CATEGORY)} WHEN 'channel' THEN ${sql.lit(BY_CHANNEL)} ELSE ${sql.lit(BY_DEPARTMENT)} END,
         sum(n)::int
    FROM dashboard_park_figures
   WHERE park_id = ANY(${parkIds}::uuid[]) AND slice <> 'code'
     AND CASE WHEN metric = ANY(${OPEN}::text[]) THEN on_date < ${asOf}::date
              ELSE on_date >= ${from}::date AND on_date < ${to}::date END
   GROUP BY park_id, slice, metric, category_code, channel_code, department_id, code`;

/**
 * The park figures of the parks, grouped. The planner underestimates these rows (the park and date
 * columns are correlated) and would sort thousands of rows by their text keys to group them; hashing
 * them takes half the time, so sorting is off for this one statement. For a district's parks or
 * fewer (`serial`), parallel workers are off for the rest of the read: starting two for a query of
 * a few milliseconds costs more processor time than it saves, and many read dashboards at once.
 * The platform's read of every park still gains from them.
 */
async function parkFigures(
  em: EntityManager,
  query: RawBuilder<GroupedSqlRow>,
  serial: boolean,
): Promise<GroupedSqlRow[]> {
  await rowsOfSql(
    em,
    sql<never>`SELECT set_config('enable_sort', 'off', true),
            set_config('max_parallel_workers_per_gather',
                       CASE WHEN ${serial} THEN '0' ELSE current_setting('max_parallel_workers_per_gather') END, true)`,
  );
  const rows = await rowsOfSql(em, query);
  await rowsOfSql(em, sql<never>`SET LOCAL enable_sort = on`);
  return rows;
}

// Each code as the most recently published rules of the parks name it (a retired category keeps
// the name it had), the assignment tiers too where the rules list them. The district read path and
// the platform may read the parks' published rules.
const labelsSql = (parkIds: string[]) => sql<{
  kind: 'category' | 'channel' | 'tier';
  code: string;
  label_zh: string;
  label_en: string;
}>`
  SELECT DISTINCT ON (x.kind, x.code) x.kind, x.code, x.label_zh, x.label_en
    FROM park_rules_versions v
    CROSS JOIN LATERAL (
      SELECT 'category' AS kind, e ->> 'code' AS code, e ->> 'labelZh' AS label_zh, e ->> 'labelEn' AS label_en
        FROM jsonb_array_elements(v.rules -> 'categories') e
      UNION ALL
      SELECT 'channel', e ->> 'code', e ->> 'labelZh', e ->> 'labelEn'
        FROM jsonb_array_elements(v.rules -> 'intakeChannels') e
      UNION ALL
      SELECT 'tier', e ->> 'code', COALESCE(e ->> 'labelZh', e ->> 'code'), COALESCE(e ->> 'labelEn', e ->> 'code')
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.rules -> 'assignmentTiers') = 'array'
                                       THEN v.rules -> 'assignmentTiers' ELSE '[]' END) e) x
   WHERE v.park_id = ANY(${parkIds}::uuid[])
   ORDER BY x.kind, x.code, v.published_at DESC, v.version DESC`;

async function codeLabels(
  em: EntityManager,
  parkIds: string[],
): Promise<{ categories: CodeLabel[]; channels: CodeLabel[]; assignmentTiers: CodeLabel[] }> {
  const rows = await rowsOfSql(em, labelsSql(parkIds));
  const of = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => ({ code: r.code, labelZh: r.label_zh, labelEn: r.label_en }));
  return { categories: of('category'), channels: of('channel'), assignmentTiers: of('tier') };
}

type DepartmentName = Pick<Selectable<DB['dashboard_departments']>, 'department_id' | 'name'>;

const monthly = (from: string, to: string) => [`${from}-01`, `${nextMonth(to)}-01`];

type DashboardCase = Selectable<DB['dashboard_cases']>;

/** A row of the drill-down query: a counted case with the page's totals. */
type DrillRow = Pick<
  DashboardCase,
  | 'case_id'
  | 'park_id'
  | 'registration_no'
  | 'title'
  | 'enterprise_name'
  | 'status'
  | 'category_code'
  | 'channel_code'
  | 'department_id'
  | 'department_name'
> & {
  registered_on: string;
  /** The recorded contact or the masked one the dashboard row keeps. */
  contact_name: DashboardCase['contact_name_masked'];
  contact_phone: DashboardCase['contact_phone_masked'];
  count: number;
  total: number;
  total_cases: number;
};

export class DashboardService {
  constructor(
    private readonly db: TenantDb,
    private readonly clock: Clock = systemClock,
    /** Queues the rebuild of a district's rollups after its reporting month changed (absent: the nightly rebuild). */
    private readonly queueRebuild: ((districtId: string) => Promise<unknown>) | null = null,
  ) {}

  private run<T>(reader: Reader, work: (em: EntityManager) => Promise<T>): Promise<T> {
    // The district read path (and the platform's read of the parks' rules) are its scope's own.
    return this.db.run(reader.scope, (em) => work(em));
  }

  /** The parks the caller may read, narrowed to those asked for (asking for another is refused). */
  private async parks(
    em: EntityManager,
    actor: Actor,
    reader: Reader,
    parkIds?: string[] | null,
  ): Promise<ParkRow[]> {
    const parkId = reader.kind === 'park' ? actor.parkId : null;
    const rows = await rowsOfSql(
      em,
      sql<ParkRow>`SELECT p.id, p.name, p.district_id, d.name AS district_name
         FROM parks p JOIN districts d ON d.id = p.district_id
        WHERE (${parkId}::uuid IS NULL OR p.id = ${parkId}) ORDER BY d.code, p.code`,
    );
    if (!parkIds?.length) return rows;
    const visible = new Set(rows.map((p) => p.id));
    if (parkIds.some((id) => !visible.has(id)))
      throw forbidden('无权查看该园区 / Not allowed to read that park');
    return rows.filter((p) => parkIds.includes(p.id));
  }

  private async audit(em: EntityManager, actor: Actor, operation: string, parks: ParkRow[], filter: object) {
    const districts = [...new Set(parks.map((p) => p.district_id))];
    await rowsOf(
      em,
      kysely.insertInto('dashboard_reads').values({
        actor_user_id: actor.userId,
        operation,
        district_id: districts.length === 1 ? districts[0] : null,
        park_ids: parks.map((p) => p.id),
        // JSON text, which PostgreSQL reads into the jsonb column.
        filter: JSON.stringify(filter),
        request_id: currentRequestId(),
      }),
    );
  }

  async dashboard(
    actor: Actor,
    filter: DashboardFilterInput,
    operation: 'dashboard' | 'monthlyReport' = 'dashboard',
  ): Promise<Dashboard> {
    checkPeriod(filter);
    const reader = readerOf(actor);
    const asOf = todayIn(this.clock);
    return this.run(reader, async (em) => {
      const parks = await this.parks(em, actor, reader, filter.parkIds);
      await this.audit(em, actor, operation, parks, filter);
      const settingsByDistrict = new Map<string, { version: number; settings: IndicatorSettings }>();
      for (const id of new Set(parks.map((p) => p.district_id)))
        settingsByDistrict.set(id, await districtSettings(em, id));
      const [from, to] = monthly(filter.periodFrom, filter.periodTo);
      const filtered = Boolean(filter.categoryCodes?.length || filter.channelCodes?.length);
      const parkIds = parks.map((p) => p.id);
      const categories = filter.categoryCodes?.length ? filter.categoryCodes : null;
      const channels = filter.channelCodes?.length ? filter.channelCodes : null;
      const grouped = ofKnownMetrics(
        !parks.length
          ? []
          : !filtered
            ? await parkFigures(em, parkFiguresSql(parkIds, from, to, asOf), reader.kind !== 'platform')
            : await rowsOfSql(
                em,
                sql<GroupedSqlRow>`SELECT park_id, metric, to_char(on_date, 'YYYY-MM-DD') AS on_date, code, category_code, channel_code,
                    department_id, GROUPING(on_date, code, category_code, channel_code, department_id) AS g,
                    sum(n)::int AS n
               FROM dashboard_rollups
              WHERE district_id = ANY(${[...settingsByDistrict.keys()]}::uuid[]) AND park_id = ANY(${parkIds}::uuid[])
                AND (CASE WHEN metric = ANY(${OPEN}::text[]) THEN on_date < ${asOf}::date
                          ELSE on_date >= ${from}::date AND on_date < ${to}::date END)
                AND (${categories}::text[] IS NULL OR category_code = ANY(${categories}::text[]))
                AND (${channels}::text[] IS NULL OR channel_code = ANY(${channels}::text[]))
              GROUP BY GROUPING SETS ((park_id, metric, on_date, code), (park_id, metric, category_code),
                                      (park_id, metric, channel_code), (park_id, metric, department_id, code))`,
              ),
      );
      const f: IndicatorFilter = { periodFrom: filter.periodFrom, periodTo: filter.periodTo, asOf };
      // Grouped without a date, a row is already in the period: it gets a date the filter keeps.
      const dated = (r: GroupedRow): RollupCount => ({
        metric: r.metric,
        onDate: r.on_date ?? (OPEN.includes(r.metric) ? '0001-01-01' : `${filter.periodFrom}-01`),
        categoryCode: r.category_code ?? '',
        channelCode: r.channel_code ?? '',
        departmentId: r.department_id,
        code: r.code ?? '',
        n: r.n,
      });
      const byDate = new Map<string, RollupCount[]>();
      const others = new Map<string, GroupedRow[]>();
      for (const r of grouped) {
        if (r.g === BY_DATE) listOf(byDate, r.park_id).push(dated(r));
        else listOf(others, r.park_id).push(r);
      }
      const departmentNames = await this.departmentNames(em, reader, grouped);
      const result: ParkDashboard[] = parks.map((park) => {
        const { settings } = settingsByDistrict.get(park.district_id)!;
        const rows = byDate.get(park.id) ?? [];
        const rest = others.get(park.id) ?? [];
        const indicators = indicatorsFromRollups(rows, f, settings);
        // Each month's figures from that month's rows only.
        const byMonth = new Map<string, RollupCount[]>();
        for (const r of rows) if (!OPEN.includes(r.metric)) listOf(byMonth, r.onDate.slice(0, 7)).push(r);
        const mix = (column: 'category_code' | 'channel_code'): CodeCount[] =>
          rest
            .filter(
              (r) =>
                r.metric === 'received' && r.g === (column === 'category_code' ? BY_CATEGORY : BY_CHANNEL),
            )
            .map((r) => ({ code: r[column]!, count: r.n }))
            .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
        const received = indicators.find((v) => v.code === 'RECEIVED')!.numerator;
        return {
          parkId: park.id,
          parkName: park.name,
          districtId: park.district_id,
          ranked: isRanked(received, settings),
          indicators,
          months: monthsBetween(filter.periodFrom, filter.periodTo).map((month) => ({
            month,
            indicators: indicatorsFromRollups(
              byMonth.get(month) ?? [],
              { ...f, periodFrom: month, periodTo: month },
              settings,
              MONTHLY_CODES,
            ),
          })),
          gradeDistribution: codeCounts(distributionFromRollups(rows, 'graded', f, settings)),
          satisfactionDistribution: codeCounts(
            distributionFromRollups(rows, 'satisfactionAnswered', f, settings),
          ),
          categoryMix: mix('category_code'),
          channelMix: mix('channel_code'),
          departments: departmentFigures(
            rest.filter((r) => r.g === BY_DEPARTMENT).map(dated),
            departmentNames,
            f,
            settings,
          ),
        };
      });
      const districts = [...settingsByDistrict.entries()].map(([districtId, { version, settings }]) => ({
        districtId,
        districtName: parks.find((p) => p.district_id === districtId)!.district_name,
        settingsVersion: version,
        indicators: indicatorsFromRollups(
          parks.filter((p) => p.district_id === districtId).flatMap((p) => byDate.get(p.id) ?? []),
          f,
          settings,
        ),
      }));
      return {
        asOf,
        districts,
        parks: result,
        ...(await codeLabels(
          em,
          parks.map((p) => p.id),
        )),
        contactsMasked: reader.masked,
        canDrillDown: reader.kind !== 'platform',
      };
    });
  }

  /**
   * A district's monthly report (月报) as Word: the district's dashboard for the month, its parks
   * side by side and the departments named for delay. For district viewers, of their own district.
   */
  async monthlyReport(actor: Actor, month: string): Promise<{ fileName: string; bytes: Buffer }> {
    if (!isReportMonth(month)) throw badInput([{ path: 'month', message: 'must be a month YYYY-MM' }]);
    if (readerOf(actor).kind !== 'district')
      throw forbidden('月报供区级查看人员使用 / The monthly report is for district viewers');
    const dashboard = await this.dashboard(actor, { periodFrom: month, periodTo: month }, 'monthlyReport');
    const district = dashboard.districts[0];
    if (!district) throw notFound('区县园区 / District parks', 'month');
    const report = monthlyReportOf({
      districtName: district.districtName,
      month,
      asOf: dashboard.asOf,
      settingsVersion: district.settingsVersion,
      indicators: district.indicators,
      parks: dashboard.parks.map((park) => ({
        parkName: park.parkName,
        ranked: park.ranked,
        indicators: park.indicators,
        departments: park.departments,
      })),
    });
    return {
      fileName: `${report.title}-${month}.docx`,
      bytes: await renderMonthlyReportDocx(report),
    };
  }

  /** Whether the department is one of `parks`' (as departmentNames reads them, by reader). */
  private async hasDepartment(
    em: EntityManager,
    reader: Reader,
    departmentId: string,
    parks: readonly { id: string }[],
  ): Promise<boolean> {
    const parkIds = parks.map((p) => p.id);
    const found = await rowsOfSql(
      em,
      reader.kind === 'park'
        ? sql<never>`SELECT 1 FROM departments WHERE id = ${departmentId} AND park_id = ANY(${parkIds}::uuid[])`
        : sql<never>`SELECT 1 FROM dashboard_departments WHERE department_id = ${departmentId} AND park_id = ANY(${parkIds}::uuid[])`,
    );
    return found.length > 0;
  }

  private async departmentNames(
    em: EntityManager,
    reader: Reader,
    rows: GroupedRow[],
  ): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.department_id).filter((id): id is string => id !== null))];
    if (!ids.length || reader.kind === 'platform') return new Map();
    const found = await rowsOfSql(
      em,
      reader.kind === 'park'
        ? sql<DepartmentName>`SELECT id AS department_id, name FROM departments WHERE id = ANY(${ids}::uuid[])`
        : sql<DepartmentName>`SELECT department_id, name FROM dashboard_departments WHERE department_id = ANY(${ids}::uuid[])`,
    );
    return new Map(found.map((r) => [r.department_id, r.name]));
  }

  async drillDown(actor: Actor, input: DrillDownInput): Promise<DrillDownPage> {
    checkPeriod(input.filter);
    const reader = readerOf(actor);
    if (reader.kind === 'platform')
      throw forbidden('平台仅可查看汇总数据 / The platform reads aggregates only');
    if (input.departmentId) assertUuid(input.departmentId, 'departmentId');
    if (input.tierCode != null && input.selector !== 'OVERDUE_DEADLINES')
      throw badInput([{ path: 'input.tierCode', message: 'only for OVERDUE_DEADLINES' }]);
    if (input.tierCode != null && input.code != null && input.code !== input.tierCode)
      throw badInput([{ path: 'input.tierCode', message: 'differs from code' }]);
    const asOf = todayIn(this.clock);
    const selector = SELECTORS[input.selector as SelectorCode] as {
      metric: Metric;
      codes?: 'resolved' | 'satisfied';
    };
    return this.run(reader, async (em) => {
      let parks = await this.parks(em, actor, reader, input.filter.parkIds);
      if (input.parkId) {
        if (!parks.some((p) => p.id === input.parkId))
          throw forbidden('无权查看该园区 / Not allowed to read that park');
        parks = parks.filter((p) => p.id === input.parkId);
      }
      if (input.departmentId && !(await this.hasDepartment(em, reader, input.departmentId, parks)))
        throw notFound('部室 / Department', 'departmentId');
      await this.audit(em, actor, `drillDown:${input.selector}`, parks, input);
      if (!parks.length) return { total: 0, totalCases: 0, items: [] };
      const { settings } = await districtSettings(em, parks[0].district_id);
      const codes =
        selector.codes === 'resolved'
          ? settings.resolvedGradeCodes
          : selector.codes === 'satisfied'
            ? satisfiedCodesOf(settings)
            : null;
      const [from, to] = input.month
        ? monthly(input.month, input.month)
        : monthly(input.filter.periodFrom, input.filter.periodTo);
      const open = OPEN.includes(selector.metric);
      // Contacts as the reader may see them: of the cases it sees as cases, the recorded ones;
      // of the others, the masked ones the dashboard rows keep (the district reads only those).
      const reach = reader.kind === 'park' ? reader.visibility.cases : null;
      const shown = reach?.kind === 'PARK' ? 'all' : reach?.kind === 'DEPARTMENTS' ? reach : 'none';
      const contact =
        shown === 'all'
          ? sql`c.contact_name, c.contact_phone`
          : shown === 'none'
            ? sql`dc.contact_name_masked AS contact_name, dc.contact_phone_masked AS contact_phone`
            : sql`CASE WHEN ${caseReachCondition(shown, 'c')} THEN c.contact_name ELSE dc.contact_name_masked END AS contact_name,
               CASE WHEN ${caseReachCondition(shown, 'c')} THEN c.contact_phone ELSE dc.contact_phone_masked END AS contact_phone`;
      const categories = input.filter.categoryCodes?.length ? input.filter.categoryCodes : null;
      const channels = input.filter.channelCodes?.length ? input.filter.channelCodes : null;
      const departmentId = input.departmentId ?? null;
      // An overdue deadline's code is its tier.
      const code = input.tierCode ?? input.code ?? null;
      const categoryCode = input.categoryCode ?? null;
      const rows = await rowsOfSql(
        em,
        sql<DrillRow>`WITH hits AS (
           SELECT k.case_id, sum(k.n)::int AS count
             FROM dashboard_contributions k
            WHERE k.park_id = ANY(${parks.map((p) => p.id)}::uuid[]) AND k.metric = ${selector.metric}
              AND (CASE WHEN ${open} THEN k.on_date < ${asOf}::date ELSE k.on_date >= ${from}::date AND k.on_date < ${to}::date END)
              AND (${codes}::text[] IS NULL OR k.code = ANY(${codes}::text[]))
              AND (${categories}::text[] IS NULL OR k.category_code = ANY(${categories}::text[]))
              AND (${channels}::text[] IS NULL OR k.channel_code = ANY(${channels}::text[]))
              AND (${departmentId}::uuid IS NULL OR k.department_id = ${departmentId})
              AND (NOT ${input.withoutDepartment ?? false} OR k.department_id IS NULL)
              AND (${code}::text IS NULL OR k.code = ${code})
              AND (${categoryCode}::text IS NULL OR k.category_code = ${categoryCode})
            GROUP BY k.case_id
         )
         SELECT h.case_id, h.count, dc.park_id, dc.registration_no, dc.title, dc.enterprise_name, dc.status,
                dc.category_code, dc.channel_code, dc.department_id, dc.department_name,
                to_char(dc.registered_on, 'YYYY-MM-DD') AS registered_on, ${contact},
                sum(h.count) OVER ()::int AS total, count(*) OVER ()::int AS total_cases
           FROM hits h
           JOIN dashboard_cases dc ON dc.case_id = h.case_id
           ${shown === 'none' ? sql`` : sql`JOIN cases c ON c.id = h.case_id`}
          ORDER BY dc.registered_on DESC, dc.registration_no DESC
          LIMIT ${input.first ?? 100} OFFSET ${input.offset ?? 0}`,
      );
      let total = rows[0]?.total ?? 0;
      let totalCases = rows[0]?.total_cases ?? 0;
      if (!rows.length && (input.offset ?? 0) > 0) {
        // Past the last page: the figure is still told.
        const again = await this.drillDown(actor, { ...input, offset: 0, first: 1 });
        total = again.total;
        totalCases = again.totalCases;
      }
      return {
        total,
        totalCases,
        items: rows.map((r) => ({
          caseId: r.case_id,
          parkId: r.park_id,
          registrationNo: r.registration_no,
          title: r.title,
          enterpriseName: r.enterprise_name,
          status: caseStatusOf(r.status),
          categoryCode: r.category_code,
          channelCode: r.channel_code,
          departmentId: r.department_id,
          departmentName: r.department_name,
          registeredOn: r.registered_on,
          contactName: r.contact_name,
          contactPhone: r.contact_phone,
          count: r.count,
        })),
      };
    });
  }

  private settingsDistrict(actor: Actor, districtId?: string | null): string {
    if (districtId) assertUuid(districtId, 'districtId');
    if (actor.platformRole === 'PLATFORM_ADMIN') {
      if (!districtId) throw badInput([{ path: 'districtId', message: 'required for the platform' }]);
      return districtId;
    }
    readerOf(actor);
    if (!actor.districtId || (districtId && districtId !== actor.districtId))
      throw forbidden('无权查看该区设置 / Not allowed to read that district');
    return actor.districtId;
  }

  async settings(actor: Actor, districtId?: string | null): Promise<DistrictIndicatorSettings> {
    const id = this.settingsDistrict(actor, districtId);
    const reader = readerOf(actor);
    return this.run(reader, async (em) => toSettings(id, await latestSettings(em, id)));
  }

  async settingsVersions(actor: Actor, districtId?: string | null): Promise<DistrictIndicatorSettings[]> {
    const id = this.settingsDistrict(actor, districtId);
    return this.run(readerOf(actor), async (em) => {
      const rows = await rowsOf(em, settingsVersions(id).orderBy('version', 'desc'));
      return rows.map((r) => toSettings(id, settingsRowOf(id, r)));
    });
  }

  /** A new version of a district's settings (platform administrators, on the district's behalf). */
  async updateSettings(
    actor: Actor,
    input: UpdateDistrictIndicatorSettingsInput,
  ): Promise<DistrictIndicatorSettings> {
    const { districtId } = input;
    assertUuid(districtId, 'districtId');
    if (actor.platformRole !== 'PLATFORM_ADMIN') throw forbidden();
    const settings: IndicatorSettings = {
      resolvedGradeCodes: input.resolvedGradeCodes,
      satisfiedCodes: input.satisfiedCodes,
      basicallySatisfiedCountsAsSatisfied: input.basicallySatisfiedCountsAsSatisfied,
      minCasesForRanking: input.minCasesForRanking,
      monthCutOffDay: input.monthCutOffDay ?? null,
    };
    const problems = indicatorSettingsProblems(settings);
    if (problems.length) throw badInput(problems.map((p) => ({ path: p.path, message: p.message })));
    const { saved, cutOffChanged } = await this.db.run(Scope.platform(actor.userId), async (em) => {
      const [district] = await rowsOf(
        em,
        kysely.selectFrom('districts').select('id').where('id', '=', districtId).forUpdate(),
      );
      if (!district) throw badInput([{ path: 'districtId', message: 'unknown district' }]);
      const before = await districtSettings(em, districtId);
      const [inserted] = await rowsOf(
        em,
        kysely
          .insertInto('district_indicator_settings')
          .values({
            district_id: districtId,
            version: before.version + 1,
            // JSON text, which PostgreSQL reads into the jsonb column.
            settings: JSON.stringify(settings),
            created_by: actor.userId,
          })
          .returning(['version', 'settings', 'created_at']),
      );
      const row = settingsRowOf(districtId, inserted);
      await recordPlatformAudit(em, actor, {
        action: 'district.indicatorSettings.update',
        subjectType: 'District',
        subjectId: districtId,
        after: { version: row.version, settings },
      });
      return { saved: row, cutOffChanged: before.settings.monthCutOffDay !== settings.monthCutOffDay };
    });
    // Months are cut differently: the district's rollups are rebuilt (else by the nightly rebuild).
    if (cutOffChanged && this.queueRebuild) await this.queueRebuild(districtId).catch(() => undefined);
    return toSettings(districtId, saved);
  }
}

const settingsVersions = (districtId: string) =>
  kysely
    .selectFrom('district_indicator_settings')
    .select(['version', 'settings', 'created_at'])
    .where('district_id', '=', districtId);

type StoredSettingsRow = InferResult<ReturnType<typeof settingsVersions>>[number];

/** A version of a district's settings; `created_at` null for the defaults (no version saved). */
type SettingsRow = Omit<StoredSettingsRow, 'settings' | 'created_at'> & {
  settings: IndicatorSettings;
  created_at: StoredSettingsRow['created_at'] | null;
};

const settingsRowOf = (districtId: string, row: StoredSettingsRow): SettingsRow => ({
  ...row,
  settings: settingsOf(districtId, row.settings),
});

async function latestSettings(em: EntityManager, districtId: string): Promise<SettingsRow> {
  const [row] = await rowsOf(em, settingsVersions(districtId).orderBy('version', 'desc').limit(1));
  if (row) return settingsRowOf(districtId, row);
  const { settings } = await districtSettings(em, districtId);
  return { version: 0, settings, created_at: null };
}

function toSettings(districtId: string, row: SettingsRow): DistrictIndicatorSettings {
  return { districtId, version: row.version, createdAt: row.created_at, ...row.settings };
}

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function codeCounts(map: Map<string, number>): CodeCount[] {
  return [...map.entries()]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function departmentFigures(
  rows: RollupCount[],
  names: Map<string, string>,
  f: IndicatorFilter,
  settings: IndicatorSettings,
): DepartmentFigures[] {
  const byDepartment = new Map<string | null, RollupCount[]>();
  for (const r of rows) {
    const list = byDepartment.get(r.departmentId);
    if (list) list.push(r);
    else byDepartment.set(r.departmentId, [r]);
  }
  const codes: IndicatorCode[] = ['REPLY_ON_TIME_RATE', 'COMPLETION_ON_TIME_RATE'];
  return [...byDepartment.entries()]
    .map(([id, departmentRows]) => {
      const [reply, completion] = indicatorsFromRollups(departmentRows, f, settings, codes) as [
        IndicatorValue,
        IndicatorValue,
      ];
      const overdueByTier = [...overdueByTierFromRollups(departmentRows, f)]
        .map(([tierCode, count]) => ({ tierCode, count }))
        .sort((a, b) => a.tierCode.localeCompare(b.tierCode));
      return {
        departmentId: id,
        departmentName: id ? (names.get(id) ?? null) : null,
        replyOnTime: reply,
        completionOnTime: completion,
        overdueNow: overdueByTier.reduce((sum, t) => sum + t.count, 0),
        overdueByTier,
        ranked: isRanked(reply.denominator ?? 0, settings),
      };
    })
    .filter((d) => d.replyOnTime.denominator || d.completionOnTime.denominator || d.overdueNow)
    .sort((a, b) => (a.departmentName ?? '').localeCompare(b.departmentName ?? ''));
}
