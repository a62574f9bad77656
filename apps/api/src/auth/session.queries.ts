import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { afterCommit, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { SessionLoader, SessionState, SessionStates } from './session-states.js';

/**
 * Reads a user's session state in the token's own scope: the user's row (visible to themselves)
 * and the grants they hold in the park (row-level security keeps other parks' out).
 */
export function sessionLoader(db: TenantDb): SessionLoader {
  return (actor) =>
    db.run(actor, async (em) => {
      const [row] = await rowsOf(
        em,
        kysely
          .selectFrom('users as u')
          .select(['u.active', 'u.session_version', 'u.platform_role', 'u.home_park_id'])
          .select(
            // Each grant as text: the role and its department (none for park-wide roles).
            sql<string[]>`ARRAY(SELECT ra.role || ':' || COALESCE(ra.department_id::text, '')
                                  FROM role_assignments ra WHERE ra.user_id = u.id)`.as('grants'),
          )
          .where('u.id', '=', actor.userId),
      );
      if (!row) return null;
      const state: SessionState = {
        active: row.active,
        version: row.session_version,
        platformRole: row.platform_role,
        parkId: row.home_park_id,
        grants: [...row.grants].sort(),
      };
      return state;
    });
}

/**
 * Ends every access token of the user issued so far (their next request is refused and the console
 * renews it with its refresh token, if that still stands), once this transaction commits.
 */
export async function endAccessTokens(
  em: EntityManager,
  sessions: SessionStates | null,
  userId: string,
): Promise<void> {
  await rowsOf(
    em,
    kysely
      .updateTable('users')
      .set((eb) => ({ session_version: eb('session_version', '+', 1) }))
      .where('id', '=', userId),
  );
  if (sessions) afterCommit(em, () => sessions.forget(userId));
}

/** After this transaction commits, this process reads the user's session state afresh. */
export function forgetSessionAfterCommit(
  em: EntityManager,
  sessions: SessionStates | null,
  userId: string,
): void {
  if (sessions) afterCommit(em, () => sessions.forget(userId));
}
