import {
  CalendarDataMissingError,
  contributionsOf,
  DEFAULT_INDICATOR_SETTINGS,
  leadTierCodeIn,
  maskName,
  maskPhone,
  OPEN_METRICS,
  workingDaysBetween,
  type CaseFacts,
  type Contribution,
  type IndicatorSettings,
  type OpenDeadlineFact,
  type WorkingDayCalendar,
} from '@qifu/domain';
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { nationalHolidays, parkCalendar } from '../calendar/national-holidays.js';
import type { DB, Json } from '../database/db-types.js';
import { kysely, rowsOf, rowsOfSql } from '../database/typed-sql.js';
import { rulesOfVersion } from '../rules/rules-cache.js';

/** The stored deadlines of a case (cases.deadlines), as the case's clocks write them. */
const storedDeadlines = z.array(
  z.looseObject({
    stage: z.string(),
    from: z.string(),
    /** Null while pending (期限待定). */
    dueOn: z.string().nullable(),
    doneOn: z.string().nullable(),
    /** A split or assisting department's own clock (stage tierReport): the department and its tier. */
    departmentId: z.string().nullish(),
    tierCode: z.string().nullish(),
  }),
);

type StoredDeadline = z.infer<typeof storedDeadlines>[number];

function deadlinesOf(caseId: string, stored: Json): StoredDeadline[] {
  const parsed = storedDeadlines.safeParse(stored ?? []);
  if (!parsed.success) throw new Error(`case ${caseId}: deadlines unreadable: ${parsed.error.message}`);
  return parsed.data;
}

type CaseRow = Selectable<DB['cases']>;

/**
 * A case's row as SOURCE reads it: its columns, dates as the park's days (YYYY-MM-DD) and the
 * timeline's dates (arrays of days; null when there are none).
 */
type SourceRow = Pick<
  CaseRow,
  | 'id'
  | 'registration_no'
  | 'title'
  | 'enterprise_name'
  | 'status'
  | 'category_code'
  | 'channel_code'
  | 'lead_department_id'
  | 'contact_name'
  | 'contact_phone'
  | 'rules_version'
  | 'grade_code'
  | 'satisfaction_code'
  | 'deadlines'
> & {
  department_name: Selectable<DB['departments']>['name'] | null;
  /** When handling was completed (graded, or past grading without a grade); null on older rows. */
  completed_on: string | null;
  next_due_on: string | null;
  created_on: string;
  supervised_on: string[] | null;
  special_supervised_on: string[] | null;
  open_letters: string[] | null;
};

/** What the facts of a case are read from: its row, timeline dates and open referral letters. */
export type CaseSource = Omit<SourceRow, 'deadlines'> & { deadlines: StoredDeadline[] };

const sourceOf = (row: SourceRow): CaseSource => ({ ...row, deadlines: deadlinesOf(row.id, row.deadlines) });

/** The rows of a case in the dashboard tables. */
export interface CaseDashboardRows {
  facts: CaseFacts;
  display: Record<string, unknown>;
  contributions: Contribution[];
}

// Timeline dates are the park's days (Asia/Shanghai), as every deadline is.
const SOURCE = sql`
  SELECT c.id, c.registration_no, c.title, c.enterprise_name, c.status, c.category_code, c.channel_code,
         c.lead_department_id, (SELECT name FROM departments WHERE id = c.lead_department_id) AS department_name,
         c.contact_name, c.contact_phone, c.rules_version, c.grade_code, c.satisfaction_code,
         c.deadlines, to_char(c.next_due_on, 'YYYY-MM-DD') AS next_due_on,
         to_char(c.completed_on, 'YYYY-MM-DD') AS completed_on,
         to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS created_on,
         (SELECT array_agg(to_char(e.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') ORDER BY e.id)
            FROM case_events e WHERE e.case_id = c.id AND e.type = 'OverdueSupervised') AS supervised_on,
         (SELECT array_agg(to_char(e.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') ORDER BY e.id)
            FROM case_events e WHERE e.case_id = c.id AND e.type = 'SpecialSupervisionStarted') AS special_supervised_on,
         (SELECT array_agg(to_char(d.due_on, 'YYYY-MM-DD') ORDER BY d.due_on)
            FROM case_documents d WHERE d.case_id = c.id AND d.kind = 'REFERRAL_LETTER'
             AND d.done_on IS NULL AND d.due_on IS NOT NULL) AS open_letters
    FROM cases c`;

const NOT_ACCEPTED = ['REGISTERED', 'VERIFIED', 'REJECTED'];
const GRADING_STAGES = ['followUp', 'bGradeReviewInterval'];

/**
 * The facts of a case. Dates come from what the park's clock wrote: registration is the start of
 * the first stage (verification, or screening where there is none), the reply the end of the first
 * handling stage, the latest grading (or passing grading without one) the case's completion date,
 * the follow-up the end of the follow-up stage. Rows written before the completion date was kept
 * date their grading by the start of the last follow-up or B-review stage. Every deadline not done
 * whose date is known is open, each counted against its clock's department and tier; the lead
 * department's is in `leadTierCode`, the rules' lead tier.
 */
export function factsOf(row: CaseSource, calendar: WorkingDayCalendar, leadTierCode?: string): CaseFacts {
  const deadlines = row.deadlines ?? [];
  const replies = deadlines.filter((d) => d.stage === 'departmentReply');
  const gradings = deadlines.filter((d) => GRADING_STAGES.includes(d.stage));
  const registeredOn = deadlines[0]?.from ?? row.created_on;
  const lastGrading = gradings.at(-1) ?? null;
  const completedOn = row.completed_on ?? (row.grade_code !== null ? (lastGrading?.from ?? null) : null);
  const graded = row.grade_code !== null && completedOn !== null;
  const gradedOn = graded ? completedOn : null;
  const followUp = deadlines.filter((d) => d.stage === 'followUp').at(-1);
  let handlingWorkingDays: number | null = null;
  if (gradedOn) {
    try {
      handlingWorkingDays = workingDaysBetween(calendar, registeredOn, gradedOn);
    } catch (error) {
      if (!(error instanceof CalendarDataMissingError)) throw error;
    }
  }
  return {
    caseId: row.id,
    categoryCode: row.category_code,
    channelCode: row.channel_code,
    departmentId: row.lead_department_id,
    registeredOn,
    accepted: !NOT_ACCEPTED.includes(row.status),
    rejected: row.status === 'REJECTED',
    replyDueOn: replies[0]?.dueOn ?? null,
    repliedOn: replies[0]?.doneOn ?? null,
    completionDueOn: replies.at(-1)?.dueOn ?? null,
    gradedOn,
    gradeCode: graded ? row.grade_code : null,
    completedOn,
    satisfactionCode: row.satisfaction_code !== null && followUp?.doneOn ? row.satisfaction_code : null,
    followedUpOn: row.satisfaction_code !== null && followUp?.doneOn ? followUp.doneOn : null,
    handlingWorkingDays,
    supervisedOn: row.supervised_on ?? [],
    specialSupervisedOn: row.special_supervised_on ?? [],
    openDueOn: row.next_due_on,
    openDeadlines: deadlines.flatMap((d): OpenDeadlineFact[] =>
      d.doneOn === null && d.dueOn !== null
        ? [
            d.stage === 'tierReport'
              ? { stage: d.stage, dueOn: d.dueOn, departmentId: d.departmentId, tierCode: d.tierCode }
              : { stage: d.stage, dueOn: d.dueOn },
          ]
        : [],
    ),
    ...(leadTierCode ? { leadTierCode } : {}),
    openLetterDueOns: row.open_letters ?? [],
  };
}

/** Indicator settings as a district saved them (checked by indicatorSettingsProblems then). */
const storedSettings = z.looseObject({
  resolvedGradeCodes: z.array(z.string()),
  satisfiedCodes: z.array(z.string()),
  basicallySatisfiedCountsAsSatisfied: z.boolean(),
  minCasesForRanking: z.number(),
  monthCutOffDay: z.number().nullable(),
}) satisfies z.ZodType<IndicatorSettings>;

/** A district's stored settings, checked as they are read. */
export function settingsOf(districtId: string, stored: Json): IndicatorSettings {
  const settings = storedSettings.safeParse(stored);
  if (!settings.success)
    throw new Error(`district ${districtId}: indicator settings unreadable: ${settings.error.message}`);
  return settings.data;
}

/** The settings in force for a district: its latest version, else the defaults. */
export async function districtSettings(
  em: EntityManager,
  districtId: string,
): Promise<{ version: number; settings: IndicatorSettings }> {
  const [row] = await rowsOf(
    em,
    kysely
      .selectFrom('district_indicator_settings')
      .select(['version', 'settings'])
      .where('district_id', '=', districtId)
      .orderBy('version', 'desc')
      .limit(1),
  );
  if (!row) return { version: 0, settings: DEFAULT_INDICATOR_SETTINGS };
  return { version: row.version, settings: settingsOf(districtId, row.settings) };
}

async function dashboardRowsOf(
  em: EntityManager,
  parkId: string,
  sources: CaseSource[],
  cutOff: number | null,
) {
  const out: CaseDashboardRows[] = [];
  const national = await nationalHolidays(em);
  for (const row of sources) {
    const rules = await rulesOfVersion(em, parkId, row.rules_version);
    // The tiers are read as stored: rules written before they existed name none.
    const facts = factsOf(row, parkCalendar(rules, national), leadTierCodeIn(rules));
    out.push({
      facts,
      contributions: contributionsOf(facts, cutOff),
      display: {
        case_id: row.id,
        registration_no: row.registration_no,
        title: row.title,
        enterprise_name: row.enterprise_name,
        status: row.status,
        category_code: row.category_code,
        channel_code: row.channel_code,
        department_id: row.lead_department_id,
        department_name: row.department_name,
        registered_on: facts.registeredOn,
        contact_name_masked: maskName(row.contact_name),
        contact_phone_masked: maskPhone(row.contact_phone),
      },
    });
  }
  return out;
}

// A department's on-time rates are its own as lead department; its overdue deadlines are those
// whose clock is its own, in any tier (the tier's code is the rows' code).
const DEPARTMENT_METRICS = sql.raw(
  `'replyDue', 'repliedOnTime', 'completionDue', 'completedOnTime', 'openDeadline'`,
);
// The domain's constant list of open metrics, as SQL string literals.
const OPEN_LIST = sql.raw(OPEN_METRICS.map((m) => `'${m}'`).join(', '));

/**
 * The date under which the rollups keep what fell due before the day they were written. Open
 * metrics are only ever read as "due before today", and a date before one today is before every
 * later one, so these rows are summed into one per key: a park's overdue figures stay a few rows
 * instead of one per past due date. The contributions keep each case's own date (drill-downs).
 */
export const DUE_EARLIER = '0001-01-01';

/** `on_date` of a contribution as the rollups keep it, today a parameter. */
function rollupDate(today: string) {
  return sql`CASE WHEN metric IN (${OPEN_LIST}) AND on_date < ${today}::date
               THEN DATE '${sql.raw(DUE_EARLIER)}' ELSE on_date END AS on_date`;
}

// The dashboard shows departments' on-time rates and overdue cases only: the other metrics are
// rolled up without the department (their drill-downs still have it, from the contributions).
const ROLLUP_DEPARTMENT = sql`CASE WHEN metric IN (${DEPARTMENT_METRICS}) THEN department_id END AS department_id`;

/**
 * The park figures of some rollup rows (or rollup differences) `source`, summed per key: every row
 * in the 'code' slice, received also per category and per channel, the departments' metrics per
 * department and code (the tier of an overdue deadline). Rows whose sum is zero are left out.
 */
function parkFiguresOf(source: RawBuilder<unknown>) {
  return sql`SELECT s.slice, d.metric, d.on_date,
            CASE WHEN s.slice = 'category' THEN d.category_code ELSE '' END AS category_code,
            CASE WHEN s.slice = 'channel' THEN d.channel_code ELSE '' END AS channel_code,
            CASE WHEN s.slice = 'department' THEN d.department_id END AS department_id,
            CASE WHEN s.slice IN ('code', 'department') THEN d.code ELSE '' END AS code,
            sum(d.n)::int AS n
       FROM (${source}) d
       JOIN (VALUES ('code'), ('category'), ('channel'), ('department')) AS s (slice)
         ON s.slice = 'code'
         OR (s.slice IN ('category', 'channel') AND d.metric = 'received')
         OR (s.slice = 'department' AND d.metric IN (${DEPARTMENT_METRICS}))
      GROUP BY 1, 2, 3, 4, 5, 6, 7
     HAVING sum(d.n) <> 0`;
}

const CONTRIBUTION_COLUMNS = sql`case_id uuid, metric text, on_date date, category_code text, channel_code text, department_id uuid, code text, n int`;

function contributionJson(rows: CaseDashboardRows[]): string {
  return JSON.stringify(
    rows.flatMap((r) =>
      r.contributions.map((c) => ({
        case_id: c.caseId,
        metric: c.metric,
        on_date: c.onDate,
        category_code: c.categoryCode,
        channel_code: c.channelCode,
        department_id: c.departmentId,
        code: c.code,
        n: c.n,
      })),
    ),
  );
}

async function writeRows(em: EntityManager, districtId: string, rows: CaseDashboardRows[]): Promise<void> {
  const display = JSON.stringify(rows.map((r) => r.display));
  await rowsOfSql(
    em,
    sql<never>`INSERT INTO dashboard_cases (case_id, district_id, registration_no, title, enterprise_name, status, category_code,
            channel_code, department_id, department_name, registered_on, contact_name_masked, contact_phone_masked)
     SELECT case_id, ${districtId}, registration_no, title, enterprise_name, status, category_code, channel_code, department_id,
            department_name, registered_on, contact_name_masked, contact_phone_masked
       FROM jsonb_to_recordset(${display}::jsonb) AS x(case_id uuid, registration_no text, title text, enterprise_name text,
            status text, category_code text, channel_code text, department_id uuid, department_name text, registered_on date,
            contact_name_masked text, contact_phone_masked text)`,
  );
  await rowsOfSql(
    em,
    sql<never>`INSERT INTO dashboard_contributions (case_id, district_id, metric, on_date, category_code, channel_code, department_id, code, n)
     SELECT case_id, ${districtId}, metric, on_date, category_code, channel_code, department_id, code, n
       FROM jsonb_to_recordset(${contributionJson(rows)}::jsonb) AS x(${CONTRIBUTION_COLUMNS})`,
  );
}

/**
 * The names of departments the rows count against, for the district read path (a split or
 * assisting department is no case's lead, so dashboard_cases need not name it): those of some
 * cases' rows, or every department of the park.
 */
async function writeDepartmentNames(
  em: EntityManager,
  districtId: string,
  rows: CaseDashboardRows[] | 'all',
): Promise<void> {
  const ids =
    rows === 'all'
      ? null
      : [
          ...new Set(
            rows.flatMap((r) => r.contributions.map((c) => c.departmentId)).filter((id) => id !== null),
          ),
        ];
  if (ids?.length === 0) return;
  await rowsOf(
    em,
    kysely
      .insertInto('dashboard_departments')
      .columns(['district_id', 'department_id', 'name'])
      .expression((eb) =>
        eb
          .selectFrom('departments')
          .select((d) => [d.val(districtId).as('district_id'), 'id as department_id', 'name'])
          .$if(ids !== null, (query) =>
            query.where((d) => d('id', '=', d.fn.any(sql<string[]>`${ids}::uuid[]`))),
          ),
      )
      .onConflict((conflict) =>
        conflict
          .column('department_id')
          .doUpdateSet((eb) => ({ name: eb.ref('excluded.name') }))
          .where(sql<boolean>`dashboard_departments.name IS DISTINCT FROM excluded.name`),
      ),
  );
}

/** One refresh of a park's dashboard rows at a time (a case's and the nightly rebuild alike). */
async function lockPark(em: EntityManager, parkId: string): Promise<void> {
  await rowsOfSql(em, sql<never>`SELECT pg_advisory_xact_lock(hashtext('dashboard:' || ${parkId}))`);
}

/**
 * Brings the dashboard rows of some cases of the transaction's park up to date: their facts and
 * contributions are replaced, and each rollup row they touch moves by the difference.
 */
export async function refreshCases(
  em: EntityManager,
  park: { id: string; districtId: string },
  caseIds: string[],
  today: string,
): Promise<number> {
  await lockPark(em, park.id);
  const { settings } = await districtSettings(em, park.districtId);
  const sources = await rowsOfSql(em, sql<SourceRow>`${SOURCE} WHERE c.id = ANY(${caseIds}::uuid[])`);
  const rows = await dashboardRowsOf(em, park.id, sources.map(sourceOf), settings.monthCutOffDay);
  await rowsOf(
    em,
    kysely
      .deleteFrom('dashboard_cases')
      .where((eb) => eb('case_id', '=', eb.fn.any(sql<string[]>`${caseIds}::uuid[]`))),
  );
  await rowsOfSql(
    em,
    sql<never>`WITH old AS (
       DELETE FROM dashboard_contributions WHERE case_id = ANY(${caseIds}::uuid[])
       RETURNING metric, ${rollupDate(today)}, category_code, channel_code, ${ROLLUP_DEPARTMENT}, code, -n AS n
     ), new AS (
       SELECT metric, ${rollupDate(today)}, category_code, channel_code, ${ROLLUP_DEPARTMENT}, code, n
         FROM jsonb_to_recordset(${contributionJson(rows)}::jsonb) AS x(${CONTRIBUTION_COLUMNS})
     ), delta AS (
       SELECT metric, on_date, category_code, channel_code, department_id, code, sum(n)::int AS n
         FROM (SELECT * FROM old UNION ALL SELECT * FROM new) d
        GROUP BY metric, on_date, category_code, channel_code, department_id, code
       HAVING sum(n) <> 0
     ), rollups AS (
       INSERT INTO dashboard_rollups AS r (district_id, metric, on_date, category_code, channel_code, department_id, code, n)
       SELECT ${park.districtId}, metric, on_date, category_code, channel_code, department_id, code, n FROM delta
       ON CONFLICT ON CONSTRAINT dashboard_rollups_key DO UPDATE SET n = r.n + excluded.n
     )
     INSERT INTO dashboard_park_figures AS f (district_id, slice, metric, on_date, category_code, channel_code, department_id, code, n)
     SELECT ${park.districtId}, * FROM (${parkFiguresOf(sql`SELECT * FROM delta`)}) x
     ON CONFLICT ON CONSTRAINT dashboard_park_figures_key DO UPDATE SET n = f.n + excluded.n`,
  );
  for (const table of ['dashboard_rollups', 'dashboard_park_figures'] as const)
    await rowsOf(em, kysely.deleteFrom(table).where('park_id', '=', park.id).where('n', '=', 0));
  await writeRows(em, park.districtId, rows);
  await writeDepartmentNames(em, park.districtId, rows);
  return rows.length;
}

/** Rebuilds every dashboard row of the transaction's park from its cases (nightly, and after a settings change). */
export async function rebuildPark(
  em: EntityManager,
  park: { id: string; districtId: string },
  today: string,
): Promise<number> {
  await lockPark(em, park.id);
  const { settings } = await districtSettings(em, park.districtId);
  for (const table of [
    'dashboard_park_figures',
    'dashboard_rollups',
    'dashboard_contributions',
    'dashboard_cases',
    'dashboard_departments',
  ] as const)
    await rowsOf(em, kysely.deleteFrom(table).where('park_id', '=', park.id));
  await writeDepartmentNames(em, park.districtId, 'all');
  let written = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const sources = await rowsOfSql(
      em,
      sql<SourceRow>`${SOURCE} WHERE c.park_id = ${park.id} AND c.id > ${after} ORDER BY c.id LIMIT 2000`,
    );
    if (sources.length === 0) break;
    await writeRows(
      em,
      park.districtId,
      await dashboardRowsOf(em, park.id, sources.map(sourceOf), settings.monthCutOffDay),
    );
    written += sources.length;
    after = sources[sources.length - 1].id;
  }
  await rowsOfSql(
    em,
    sql<never>`INSERT INTO dashboard_rollups (district_id, metric, on_date, category_code, channel_code, department_id, code, n)
     SELECT ${park.districtId}, metric, ${rollupDate(today)}, category_code, channel_code, ${ROLLUP_DEPARTMENT}, code, sum(n)
       FROM dashboard_contributions WHERE park_id = ${park.id}
      GROUP BY 2, 3, 4, 5, 6, 7`,
  );
  await rowsOfSql(
    em,
    sql<never>`INSERT INTO dashboard_park_figures (district_id, slice, metric, on_date, category_code, channel_code, department_id, code, n)
     SELECT ${park.districtId}, * FROM (${parkFiguresOf(sql`SELECT metric, on_date, category_code, channel_code, department_id, code, n
                                           FROM dashboard_rollups WHERE park_id = ${park.id}`)}) x`,
  );
  return written;
}
