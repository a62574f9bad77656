import { maskName, maskPhone, type ParkRole } from '@qifu/domain';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { DB } from '../database/db-types.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { hasParkRole, type Actor } from './actor.js';

/**
 * Who sees which case, inside a park: the one definition every read path uses. Row-level security
 * stays the tenant boundary (another park's rows are never read); this is the boundary within it.
 *
 * - The service center and the leaders see every case of their park.
 * - Department people see their departments' cases: lead, every tier (cooperating, split,
 *   assisting) and the district bureaus a letter referred the case to (cases.department_ids), and
 *   the cases their department or they themselves follow up as the enterprise's linked department
 *   or cadre (cases.follow_up_department_id, follow_up_user_id).
 * - An outside office's viewer sees the cases copied or handed over to its office, contacts masked.
 * - Dashboard readers (leaders, the park administrator, a district viewer) see the cases behind a
 *   figure; contacts are shown only for cases they see as cases, masked otherwise. The platform
 *   reads aggregates only.
 *
 * Everything else sees no case. The definition is data (CaseVisibility) read three ways: an
 * in-memory check (reachesCase, readOutcome), a SQL condition (caseReachCondition) and the CASL rules of
 * acl/case.acl.ts (caseConditions).
 */

/** Which cases the actor reads as cases (case page, ledger, notices, files, inbox). */
export type CaseReach =
  | { kind: 'NONE' }
  | { kind: 'PARK' }
  | { kind: 'DEPARTMENTS'; departmentIds: readonly string[]; userId: string }
  | { kind: 'OFFICE' };

/** Whose figures the actor reads on dashboards; the cases behind them for PARK and DISTRICT. */
export type FigureReach = 'NONE' | 'PARK' | 'DISTRICT' | 'AGGREGATES';

export interface CaseVisibility {
  cases: CaseReach;
  figures: FigureReach;
}

/** What the definition reads of a case (the columns of the same names on `cases`). */
export interface CaseReachFacts {
  departmentIds: readonly string[];
  followUpDepartmentId: string | null;
  followUpUserId: string | null;
  /** Copied or handed over to the reader's own office (office_cases, under the office policies). */
  officeLinked?: boolean;
}

const PARK_WIDE: ParkRole[] = ['SERVICE_CENTER_STAFF', 'LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR'];
const DEPARTMENT_ROLES: ParkRole[] = ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'];
const FIGURE_READERS: ParkRole[] = ['LEADER_IN_CHARGE', 'EXECUTIVE_DEPUTY_DIRECTOR', 'PARK_ADMIN'];

/** The actor's visibility: each grant adds what it sees; a role that sees nothing adds nothing. */
export function caseVisibility(actor: Actor | null): CaseVisibility {
  if (!actor) return { cases: { kind: 'NONE' }, figures: 'NONE' };
  // An office viewer reads for its office only, whatever else the account holds.
  if (actor.platformRole === 'OFFICE_VIEWER') return { cases: { kind: 'OFFICE' }, figures: 'NONE' };
  if (actor.platformRole === 'PLATFORM_ADMIN') return { cases: { kind: 'NONE' }, figures: 'AGGREGATES' };
  if (actor.platformRole === 'DISTRICT_VIEWER')
    return { cases: { kind: 'NONE' }, figures: actor.districtId ? 'DISTRICT' : 'NONE' };
  if (!actor.parkId) return { cases: { kind: 'NONE' }, figures: 'NONE' };
  const figures: FigureReach = hasParkRole(actor, ...FIGURE_READERS) ? 'PARK' : 'NONE';
  if (hasParkRole(actor, ...PARK_WIDE)) return { cases: { kind: 'PARK' }, figures };
  const departmentIds = [
    ...new Set(
      actor.roles
        .filter((grant) => DEPARTMENT_ROLES.includes(grant.role) && grant.departmentId)
        .map((grant) => grant.departmentId!),
    ),
  ];
  if (departmentIds.length === 0 || !actor.userId) return { cases: { kind: 'NONE' }, figures };
  return { cases: { kind: 'DEPARTMENTS', departmentIds, userId: actor.userId }, figures };
}

/** The in-memory check: does the reach take in this case (a row of the actor's park or office)? */
export function reachesCase(reach: CaseReach, c: CaseReachFacts): boolean {
  switch (reach.kind) {
    case 'PARK':
      return true;
    case 'DEPARTMENTS':
      return (
        c.departmentIds.some((id) => reach.departmentIds.includes(id)) ||
        (c.followUpDepartmentId !== null && reach.departmentIds.includes(c.followUpDepartmentId)) ||
        (c.followUpUserId !== null && c.followUpUserId === reach.userId)
      );
    case 'OFFICE':
      return c.officeLinked === true;
    case 'NONE':
      return false;
  }
}

/** Whether the actor works on the case: reads it as a case, with its contacts. */
export function seesCase(actor: Actor | null, c: CaseReachFacts): boolean {
  const { cases } = caseVisibility(actor);
  return (cases.kind === 'PARK' || cases.kind === 'DEPARTMENTS') && reachesCase(cases, c);
}

/** A case row's facts under the column names of `cases`. */
export function factsOfRow(row: {
  department_ids: readonly string[];
  follow_up_department_id?: string | null;
  follow_up_user_id?: string | null;
}): CaseReachFacts {
  return {
    departmentIds: row.department_ids,
    followUpDepartmentId: row.follow_up_department_id ?? null,
    followUpUserId: row.follow_up_user_id ?? null,
  };
}

/**
 * The same reach as a SQL condition on a row of `cases` (named `alias` when given), built with
 * Kysely's sql tag so its values are parameters: plain comparisons on indexed columns (the GIN index
 * on department_ids, the partial indexes on the follow-up columns), no function per row, so the
 * ledger stays fast.
 */
export function caseReachCondition(reach: CaseReach, alias?: string): RawBuilder<SqlBool> {
  const column = (name: keyof DB['cases']) => sql.ref(alias ? `${alias}.${name}` : name);
  switch (reach.kind) {
    case 'PARK':
      // Row-level security has already kept the rows to the actor's park.
      return sql<SqlBool>`TRUE`;
    case 'DEPARTMENTS':
      return sql<SqlBool>`(${column('department_ids')} && ${reach.departmentIds}::uuid[]
        OR ${column('follow_up_department_id')} = ANY(${reach.departmentIds}::uuid[])
        OR ${column('follow_up_user_id')} = ${reach.userId}::uuid)`;
    case 'OFFICE':
      // The office policies show an office viewer only its own office's links.
      return sql<SqlBool>`EXISTS (SELECT 1 FROM office_cases oc WHERE oc.case_id = ${column('id')})`;
    case 'NONE':
      return sql<SqlBool>`FALSE`;
  }
}

/**
 * The CASL conditions of the Case rows the reach takes in (acl/case.acl.ts), over a subject
 * `{ parkId, departmentIds, followUpDepartmentId, followUpUserId }`: one rule per alternative
 * (CASL's rules for one action are alternatives; its conditions have no $or). None: no rule.
 */
export function caseConditions(parkId: string | null, reach: CaseReach): Record<string, unknown>[] {
  if (!parkId) return [];
  if (reach.kind === 'PARK') return [{ parkId }];
  if (reach.kind !== 'DEPARTMENTS') return [];
  const ids = [...reach.departmentIds];
  return [
    { parkId, departmentIds: { $in: ids } },
    { parkId, followUpDepartmentId: { $in: ids } },
    { parkId, followUpUserId: reach.userId },
  ];
}

/** The CASL subject fields of a case (see caseConditions). */
export function caseSubjectFields(parkId: string | null, c: CaseReachFacts): Record<string, unknown> {
  return {
    parkId,
    departmentIds: [...c.departmentIds],
    followUpDepartmentId: c.followUpDepartmentId,
    followUpUserId: c.followUpUserId,
  };
}

/**
 * Every way a case is read. CASE_PATHS read a case as a case (the ledger and its export, the case
 * page, circular notices, issued files, attachments); the inbox shows notifications of the cases
 * the reader sees; the dashboards list the cases behind a figure; the office path its linked cases.
 */
export const CASE_PATHS = [
  'CASE',
  'LEDGER',
  'LEDGER_EXPORT',
  'CIRCULAR_NOTICES',
  'ISSUED_DOCUMENTS',
  'ATTACHMENTS',
] as const;
export const READ_PATHS = [...CASE_PATHS, 'NOTIFICATIONS', 'DRILL_DOWN', 'OFFICE_CASES'] as const;
export type ReadPath = (typeof READ_PATHS)[number];

/** What a read path gives the actor of a case: nothing, the case with contacts, or masked ones. */
export type ReadOutcome = 'HIDDEN' | 'SHOWN' | 'MASKED';

/** The decision for one read path and one case of the actor's park (or of its district's parks). */
export function readOutcome(visibility: CaseVisibility, path: ReadPath, c: CaseReachFacts): ReadOutcome {
  const { cases, figures } = visibility;
  const works = (cases.kind === 'PARK' || cases.kind === 'DEPARTMENTS') && reachesCase(cases, c);
  switch (path) {
    case 'NOTIFICATIONS':
      return works ? 'SHOWN' : cases.kind === 'OFFICE' && reachesCase(cases, c) ? 'MASKED' : 'HIDDEN';
    case 'DRILL_DOWN':
      if (figures !== 'PARK' && figures !== 'DISTRICT') return 'HIDDEN';
      return works ? 'SHOWN' : 'MASKED';
    case 'OFFICE_CASES':
      return cases.kind === 'OFFICE' && reachesCase(cases, c) ? 'MASKED' : 'HIDDEN';
    default:
      return works ? 'SHOWN' : 'HIDDEN';
  }
}

/** A contact as the reader may see it: as recorded, or masked (张** / 138****1234). */
export function contactAs(shown: boolean, contact: { name: string; phone: string }) {
  return shown ? contact : { name: maskName(contact.name), phone: maskPhone(contact.phone) };
}

/** Contacts inside acts (a bureau's reply) and how each is masked for a reader who may not see them. */
const CONTACT_KEYS: Partial<Record<string, (value: string) => string>> = {
  responsiblePerson: maskName,
  contact: maskPhone,
  contactName: maskName,
  contactPhone: maskPhone,
};

/** An act's data with its contacts masked. */
export function maskedEventData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => {
      const mask = CONTACT_KEYS[key];
      return [key, mask && typeof value === 'string' ? mask(value) : value];
    }),
  );
}

/**
 * Whether the actor sees the case `caseId` as a case, read in the actor's transaction (row-level
 * security has kept it to the park): for the parts of a case read by its id (files, documents,
 * timeline), one primary-key lookup under the same condition as the ledger.
 */
export async function seesCaseById(em: EntityManager, actor: Actor, caseId: string): Promise<boolean> {
  const { cases } = caseVisibility(actor);
  if (cases.kind !== 'PARK' && cases.kind !== 'DEPARTMENTS') return false;
  const rows = await rowsOf(
    em,
    kysely
      .selectFrom('cases as c')
      .select('c.id')
      .where('c.id', '=', caseId)
      .where(caseReachCondition(cases, 'c')),
  );
  return rows.length > 0;
}
