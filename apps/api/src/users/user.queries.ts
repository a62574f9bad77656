import type { ParkRole } from '@qifu/domain';
import { sql, type InferResult, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { DB } from '../database/db-types.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { DepartmentKind, RoleGrant, User } from '../graphql/models.js';

type DepartmentRow = Selectable<DB['departments']>;

/** A grant as the roles aggregate builds it (json_build_object below). */
interface GrantJson {
  /** A park role, as role_assignments_role_check allows. */
  role: ParkRole;
  departmentId: Selectable<DB['role_assignments']>['department_id'];
  department: {
    id: DepartmentRow['id'];
    code: DepartmentRow['code'];
    name: DepartmentRow['name'];
    /** As departments_kind_check allows. */
    kind: DepartmentKind;
    active: DepartmentRow['active'];
    headUserId: DepartmentRow['head_user_id'];
  } | null;
}

/** What an account shows of its user `u` (a park user, an outside office's account). */
export const ACCOUNT_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.email',
  'u.active',
  'u.failed_attempts',
  'u.last_failed_sign_in_at',
] as const;

// One round trip: each user with the roles they hold in the current park (RLS keeps other parks out).
const usersWithRoles = () =>
  kysely
    .selectFrom('users as u')
    .leftJoin('role_assignments as ra', 'ra.user_id', 'u.id')
    .leftJoin('departments as d', 'd.id', 'ra.department_id')
    .select(ACCOUNT_COLUMNS)
    .select(
      sql<GrantJson[]>`COALESCE(json_agg(json_build_object(
           'role', ra.role,
           'departmentId', ra.department_id,
           'department', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object(
             'id', d.id, 'code', d.code, 'name', d.name, 'kind', d.kind, 'active', d.active,
             'headUserId', d.head_user_id) END
         ) ORDER BY ra.role, d.code) FILTER (WHERE ra.id IS NOT NULL), '[]')`.as('roles'),
    )
    .where('u.platform_role', 'is', null)
    .groupBy('u.id');

type UserRow = InferResult<ReturnType<typeof usersWithRoles>>[number];

const RECENT_MS = 24 * 60 * 60 * 1000;

/** Failed sign-ins of the last day (what sign-in throttling counts), for the park's administrator. */
export function recentFailedSignIns(
  row: Pick<Selectable<DB['users']>, 'failed_attempts' | 'last_failed_sign_in_at'>,
): {
  recentFailedSignIns: number;
  lastFailedSignInAt: Date | null;
} {
  const recent =
    row.last_failed_sign_in_at !== null && Date.now() - row.last_failed_sign_in_at.getTime() < RECENT_MS;
  return {
    recentFailedSignIns: recent ? row.failed_attempts : 0,
    lastFailedSignInAt: row.last_failed_sign_in_at,
  };
}

type AccountRow = Pick<
  Selectable<DB['users']>,
  'id' | 'username' | 'display_name' | 'email' | 'active' | 'failed_attempts' | 'last_failed_sign_in_at'
>;

/** The account fields of a user row selected with ACCOUNT_COLUMNS. */
export function accountOf(row: AccountRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    active: row.active,
    lockedUntil: null,
    ...recentFailedSignIns(row),
  };
}

function toUser(row: UserRow): User {
  return { ...accountOf(row), roles: row.roles };
}

export async function listParkUsers(em: EntityManager): Promise<User[]> {
  const rows = await rowsOf(em, usersWithRoles().orderBy('u.username'));
  return rows.map(toUser);
}

export async function findParkUser(em: EntityManager, id: string): Promise<User | null> {
  const rows = await rowsOf(em, usersWithRoles().where('u.id', '=', id));
  return rows[0] ? toUser(rows[0]) : null;
}

/** The roles a user holds in the current park, with their departments. */
export async function roleGrantsOf(em: EntityManager, userId: string): Promise<RoleGrant[]> {
  return (await findParkUser(em, userId))?.roles ?? [];
}
