import type { CaseStatus } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import { caseReachSql, type CaseReach } from '../access/case-visibility.js';
import { decodeCursor, type CursorPart } from '../common/cursors.js';
import { connectionOf, type ConnectionOf } from '../graphql/connection.js';

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

// Sort keys and the cursor fields that continue them (keyset pagination: stable under inserts).
const NO_DUE = `COALESCE(next_due_on, DATE '9999-12-31')`;
const SORTS: Record<
  LedgerSortValue,
  { order: string; key: [string, string]; cursor: [CursorPart, CursorPart]; cmp: string }
> = {
  REGISTRATION_DESC: {
    order: 'registration_year DESC, registration_seq DESC',
    key: ['registration_year', 'registration_seq'],
    cursor: ['int', 'int'],
    cmp: '<',
  },
  REGISTRATION_ASC: {
    order: 'registration_year ASC, registration_seq ASC',
    key: ['registration_year', 'registration_seq'],
    cursor: ['int', 'int'],
    cmp: '>',
  },
  DUE_ASC: { order: `${NO_DUE} ASC, id ASC`, key: [NO_DUE, 'id'], cursor: ['date', 'uuid'], cmp: '>' },
};

/** The ORDER BY of each sort, for reads that go through every row (the export). */
export function ledgerOrder(sort: LedgerSortValue): string {
  return SORTS[sort].order;
}

/**
 * The WHERE conditions of the ledger's filters and of the cases the reader sees (`reach`, from
 * case-visibility.ts), combined with AND, and their parameters: `$1` is always today (the overdue
 * filter and column compare with it). The ledger page, its export and document batches all build
 * their queries on this, so they select the same cases.
 */
export function ledgerConditions(
  filter: LedgerFilterValues,
  options: { today: string; reach: CaseReach },
): { where: string[]; params: unknown[] } {
  const params: unknown[] = [options.today];
  const where: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;

  if (filter.year != null) where.push(`registration_year = ${param(filter.year)}`);
  if (filter.statuses?.length) where.push(`status = ANY(${param(filter.statuses)})`);
  if (filter.categoryCodes?.length) where.push(`category_code = ANY(${param(filter.categoryCodes)})`);
  if (filter.channelCodes?.length) where.push(`channel_code = ANY(${param(filter.channelCodes)})`);
  if (filter.gradeCodes?.length) where.push(`grade_code = ANY(${param(filter.gradeCodes)})`);
  if (filter.departmentId) where.push(`department_ids @> ARRAY[${param(filter.departmentId)}]::uuid[]`);
  if (options.reach.kind !== 'PARK') where.push(caseReachSql(options.reach, param));
  if (filter.overdue != null)
    where.push(`${filter.overdue ? '' : 'NOT '}COALESCE(next_due_on < $1::date, false)`);
  if (filter.deadlinePending != null)
    where.push(`pending_deadline_year IS ${filter.deadlinePending ? 'NOT ' : ''}NULL`);
  if (filter.approverRoles?.length)
    where.push(`status = 'PENDING_APPROVAL' AND approver_role = ANY(${param(filter.approverRoles)})`);
  if (filter.flaggedForVerification != null)
    where.push(`not_in_register ${filter.flaggedForVerification ? '=' : 'IS DISTINCT FROM'} 'FLAGGED'`);
  if (filter.keyword?.trim()) {
    const pattern = param(`%${filter.keyword.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `(title ILIKE ${pattern} OR description ILIKE ${pattern} OR enterprise_name ILIKE ${pattern} OR registration_no ILIKE ${pattern})`,
    );
  }
  return { where, params };
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
  const { where, params } = ledgerConditions(options.filter, { today: options.today, reach: options.reach });
  const param = (value: unknown) => `$${params.push(value)}`;
  const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';

  const sort = SORTS[options.sort];
  const pageWhere = [...where];
  if (options.after) {
    const [a, b] = decodeCursor(options.after, sort.cursor, 'ledger');
    const [castA, castB] = sort.cursor;
    pageWhere.push(
      `(${sort.key[0]}, ${sort.key[1]}) ${sort.cmp} (${param(a)}::${castA}, ${param(b)}::${castB})`,
    );
  }
  const limit = param(options.first + 1);
  // The page's rows in its order (keyset: descending when it continues with "<"), by the raw keys.
  const direction = sort.cmp === '<' ? 'DESC' : 'ASC';
  // One statement, one round trip: the total and the page (as JSON: no per-column parsing here).
  // $1 (today) is always bound; the overdue filter and column use it.
  const [{ totalCount, items }] = (await em.query(
    `SELECT (SELECT count(*)::int FROM cases ${filterSql}) AS "totalCount",
            (SELECT coalesce(json_agg(page ORDER BY page.k1 ${direction}, page.k2 ${direction}), '[]')
               FROM (SELECT id, registration_no AS "registrationNo", status, version, title,
                            enterprise_name AS "enterpriseName", category_code AS "categoryCode",
                            channel_code AS "channelCode", reported_at AS "reportedAt",
                            lead_department_id AS "leadDepartmentId", department_ids AS "departmentIds",
                            approver_role AS "approverRole", grade_code AS "gradeCode",
                            to_char(next_due_on, 'YYYY-MM-DD') AS "nextDueOn", next_due_stage AS "nextDueStage",
                            COALESCE(next_due_on < $1::date, false) AS overdue,
                            pending_deadline_year AS "pendingDeadlineYear",
                            not_in_register AS "notInRegister",
                            ${sort.key[0]} AS k1, ${sort.key[1]} AS k2
                       FROM cases ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
                      ORDER BY ${sort.order} LIMIT ${limit}) page) AS items`,
    params,
  )) as {
    totalCount: number;
    items: (Omit<LedgerRow, 'reportedAt'> & { reportedAt: string; k1: unknown; k2: unknown })[];
  }[];

  return connectionOf(
    items,
    options.first,
    (row) => [row.k1, row.k2],
    ({ k1: _k1, k2: _k2, reportedAt, ...item }) => ({ ...item, reportedAt: new Date(reportedAt) }),
    totalCount,
  );
}
