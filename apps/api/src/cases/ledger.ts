import { NOT_IN_REGISTER_MARKS, type CaseStatus } from '@qifu/domain';
import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { EntityManager } from 'typeorm';
import { caseReachCondition, type CaseReach } from '../access/case-visibility.js';
import { decodeCursor, type CursorPart } from '../common/cursors.js';
import type { DB, Json } from '../database/db-types.js';
import { rowsOfSql } from '../database/typed-sql.js';
import { connectionOf, type ConnectionOf } from '../graphql/connection.js';
import { oneOf } from '../database/typed-sql.js';
import { caseStatusOf } from './case.queries.js';

/** Filters of the ledger (台账); every one optional, all of them combined with AND. */
export interface LedgerFilterValues {
  year?: number | null;
  statuses?: string[] | null;
  categoryCodes?: string[] | null;
  channelCodes?: string[] | null;
  departmentId?: string | null;
  gradeCodes?: string[] | null;
  overdue?: boolean | null;
  deadlinePending?: boolean | null;
  keyword?: string | null;
  /** Pending approval, awaiting a sign-off by one of these roles. */
  approverRoles?: string[] | null;
  /** Art. 2: cases whose enterprise is flagged as not in the register, awaiting verification. */
  flaggedForVerification?: boolean | null;
}

export type LedgerSortValue = 'REGISTRATION_DESC' | 'REGISTRATION_ASC' | 'DUE_ASC';

export interface LedgerRow {
  id: string;
  registrationNo: string;
  status: CaseStatus;
  version: number;
  title: string;
  enterpriseName: string;
  categoryCode: string;
  channelCode: string;
  reportedAt: Date;
  leadDepartmentId: string | null;
  departmentIds: string[];
  approverRole: string | null;
  gradeCode: string | null;
  nextDueOn: string | null;
  nextDueStage: string | null;
  overdue: boolean;
  /** The year whose holiday data a pending deadline of the case waits for. */
  pendingDeadlineYear: number | null;
  notInRegister: 'FLAGGED' | 'CONFIRMED' | 'ADDED' | null;
}

type Cases = Selectable<DB['cases']>;

/** A case of the page as json_agg writes it: the columns of `cases` under the ledger's names. */
interface LedgerPageItem {
  id: Cases['id'];
  registrationNo: Cases['registration_no'];
  status: Cases['status'];
  version: Cases['version'];
  title: Cases['title'];
  enterpriseName: Cases['enterprise_name'];
  categoryCode: Cases['category_code'];
  channelCode: Cases['channel_code'];
  /** A timestamptz in JSON: its ISO 8601 text. */
  reportedAt: string;
  leadDepartmentId: Cases['lead_department_id'];
  departmentIds: Cases['department_ids'];
  approverRole: Cases['approver_role'];
  gradeCode: Cases['grade_code'];
  /** to_char(next_due_on, 'YYYY-MM-DD'). */
  nextDueOn: string | null;
  nextDueStage: Cases['next_due_stage'];
  overdue: boolean;
  pendingDeadlineYear: Cases['pending_deadline_year'];
  notInRegister: Cases['not_in_register'];
  /** The sort keys, for the cursor. */
  k1: Json;
  k2: Json;
}

// Sort keys and the cursor fields that continue them (keyset pagination: stable under inserts).
const NO_DUE = sql`COALESCE(next_due_on, DATE '9999-12-31')`;
const SORTS: Record<
  LedgerSortValue,
  {
    order: RawBuilder<unknown>;
    key: [RawBuilder<unknown>, RawBuilder<unknown>];
    cursor: [CursorPart, CursorPart];
    cmp: '<' | '>';
  }
> = {
  REGISTRATION_DESC: {
    order: sql`registration_year DESC, registration_seq DESC`,
    key: [sql`registration_year`, sql`registration_seq`],
    cursor: ['int', 'int'],
    cmp: '<',
  },
  REGISTRATION_ASC: {
    order: sql`registration_year ASC, registration_seq ASC`,
    key: [sql`registration_year`, sql`registration_seq`],
    cursor: ['int', 'int'],
    cmp: '>',
  },
  DUE_ASC: { order: sql`${NO_DUE} ASC, id ASC`, key: [NO_DUE, sql`id`], cursor: ['date', 'uuid'], cmp: '>' },
};

/** The ORDER BY of each sort, for reads that go through every row (the export). */
export function ledgerOrder(sort: LedgerSortValue): RawBuilder<unknown> {
  return SORTS[sort].order;
}

/** `WHERE` and the conditions combined with AND, or nothing when there are none. */
export function whereAll(conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<unknown> {
  return conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
}

/**
 * The conditions of the ledger's filters and of the cases the reader sees (`reach`, from
 * case-visibility.ts), to be combined with AND; `today` is what the overdue filter compares with.
 * The ledger page, its export and document batches all build their queries on this, so they select
 * the same cases.
 */
export function ledgerConditions(
  filter: LedgerFilterValues,
  options: { today: string; reach: CaseReach },
): RawBuilder<SqlBool>[] {
  const where: RawBuilder<SqlBool>[] = [];

  if (filter.year != null) where.push(sql`registration_year = ${filter.year}`);
  if (filter.statuses?.length) where.push(sql`status = ANY(${filter.statuses})`);
  if (filter.categoryCodes?.length) where.push(sql`category_code = ANY(${filter.categoryCodes})`);
  if (filter.channelCodes?.length) where.push(sql`channel_code = ANY(${filter.channelCodes})`);
  if (filter.gradeCodes?.length) where.push(sql`grade_code = ANY(${filter.gradeCodes})`);
  if (filter.departmentId) where.push(sql`department_ids @> ARRAY[${filter.departmentId}]::uuid[]`);
  if (options.reach.kind !== 'PARK') where.push(caseReachCondition(options.reach));
  if (filter.overdue != null)
    where.push(
      sql`${filter.overdue ? sql`` : sql`NOT `}COALESCE(next_due_on < ${options.today}::date, false)`,
    );
  if (filter.deadlinePending != null)
    where.push(sql`pending_deadline_year IS ${filter.deadlinePending ? sql`NOT NULL` : sql`NULL`}`);
  if (filter.approverRoles?.length)
    where.push(sql`status = 'PENDING_APPROVAL' AND approver_role = ANY(${filter.approverRoles})`);
  if (filter.flaggedForVerification != null)
    where.push(
      sql`not_in_register ${filter.flaggedForVerification ? sql`=` : sql`IS DISTINCT FROM`} 'FLAGGED'`,
    );
  if (filter.keyword?.trim()) {
    const pattern = `%${filter.keyword.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(title ILIKE ${pattern} OR description ILIKE ${pattern} OR enterprise_name ILIKE ${pattern} OR registration_no ILIKE ${pattern})`,
    );
  }
  return where;
}

/**
 * One page of the ledger and the total under the same filters. Plain SQL straight to plain objects:
 * this is the hottest read of the console, and it needs no entity hydration.
 */
export async function queryLedger(
  em: EntityManager,
  options: {
    filter: LedgerFilterValues;
    sort: LedgerSortValue;
    first: number;
    after?: string | null;
    today: string;
    reach: CaseReach;
  },
): Promise<ConnectionOf<LedgerRow>> {
  const where = ledgerConditions(options.filter, { today: options.today, reach: options.reach });

  const sort = SORTS[options.sort];
  const pageWhere = [...where];
  if (options.after) {
    const [a, b] = decodeCursor(options.after, sort.cursor, 'ledger');
    const [castA, castB] = sort.cursor;
    // The casts and the comparison come from the constant SORTS table.
    pageWhere.push(
      sql`(${sort.key[0]}, ${sort.key[1]}) ${sql.raw(sort.cmp)} (${a}::${sql.raw(castA)}, ${b}::${sql.raw(castB)})`,
    );
  }
  // The page's rows in its order (keyset: descending when it continues with "<"), by the raw keys.
  const direction = sort.cmp === '<' ? sql`DESC` : sql`ASC`;
  // One statement, one round trip: the total and the page (as JSON: no per-column parsing here).
  const [{ totalCount, items }] = await rowsOfSql(
    em,
    sql<{
      totalCount: number;
      items: LedgerPageItem[];
    }>`SELECT (SELECT count(*)::int FROM cases ${whereAll(where)}) AS "totalCount",
            (SELECT coalesce(json_agg(page ORDER BY page.k1 ${direction}, page.k2 ${direction}), '[]')
               FROM (SELECT id, registration_no AS "registrationNo", status, version, title,
                            enterprise_name AS "enterpriseName", category_code AS "categoryCode",
                            channel_code AS "channelCode", reported_at AS "reportedAt",
                            lead_department_id AS "leadDepartmentId", department_ids AS "departmentIds",
                            approver_role AS "approverRole", grade_code AS "gradeCode",
                            to_char(next_due_on, 'YYYY-MM-DD') AS "nextDueOn", next_due_stage AS "nextDueStage",
                            COALESCE(next_due_on < ${options.today}::date, false) AS overdue,
                            pending_deadline_year AS "pendingDeadlineYear",
                            not_in_register AS "notInRegister",
                            ${sort.key[0]} AS k1, ${sort.key[1]} AS k2
                       FROM cases ${whereAll(pageWhere)}
                      ORDER BY ${sort.order} LIMIT ${options.first + 1}) page) AS items`,
  );

  return connectionOf(
    items,
    options.first,
    (row) => [row.k1, row.k2],
    ({ k1: _k1, k2: _k2, reportedAt, status, notInRegister, ...item }) => ({
      ...item,
      status: caseStatusOf(status),
      notInRegister:
        notInRegister === null ? null : oneOf(NOT_IN_REGISTER_MARKS, notInRegister, 'register mark'),
      reportedAt: new Date(reportedAt),
    }),
    totalCount,
  );
}
