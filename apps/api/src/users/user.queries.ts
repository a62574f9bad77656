import type { EntityManager } from 'typeorm';
import type { RoleGrant, User } from '../graphql/models.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  active: boolean;
  failed_attempts: number;
  last_failed_sign_in_at: Date | null;
  roles: {
    role: RoleGrant['role'];
    departmentId: string | null;
    department: {
      id: string;
      code: string;
      name: string;
      kind: 'PARK' | 'DISTRICT';
      active: boolean;
      headUserId: string | null;
    } | null;
  }[];
}

// One round trip: each user with the roles they hold in the current park (RLS keeps other parks out).
const USERS_WITH_ROLES = `
  SELECT u.id, u.username, u.display_name, u.email, u.active, u.failed_attempts, u.last_failed_sign_in_at,
         COALESCE(json_agg(json_build_object(
           'role', ra.role,
           'departmentId', ra.department_id,
           'department', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object(
             'id', d.id, 'code', d.code, 'name', d.name, 'kind', d.kind, 'active', d.active,
             'headUserId', d.head_user_id) END
         ) ORDER BY ra.role, d.code) FILTER (WHERE ra.id IS NOT NULL), '[]') AS roles
    FROM users u
    LEFT JOIN role_assignments ra ON ra.user_id = u.id
    LEFT JOIN departments d ON d.id = ra.department_id
   WHERE u.platform_role IS NULL`;

const RECENT_MS = 24 * 60 * 60 * 1000;

/** Failed sign-ins of the last day (what sign-in throttling counts), for the park's administrator. */
export function recentFailedSignIns(row: { failed_attempts: number; last_failed_sign_in_at: Date | null }): {
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

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    active: row.active,
    lockedUntil: null,
    ...recentFailedSignIns(row),
    roles: row.roles,
  };
}

export async function listParkUsers(em: EntityManager): Promise<User[]> {
  const rows: UserRow[] = await em.query(`${USERS_WITH_ROLES} GROUP BY u.id ORDER BY u.username`);
  return rows.map(toUser);
}

export async function findParkUser(em: EntityManager, id: string): Promise<User | null> {
  const rows: UserRow[] = await em.query(`${USERS_WITH_ROLES} AND u.id = $1 GROUP BY u.id`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** The roles a user holds in the current park, with their departments. */
export async function roleGrantsOf(em: EntityManager, userId: string): Promise<RoleGrant[]> {
  return (await findParkUser(em, userId))?.roles ?? [];
}
