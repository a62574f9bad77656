import { isDepartmentRole, passwordProblems } from '@qifu/domain';
import { sql, type Updateable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { forgetSessionAfterCommit } from '../auth/session.queries.js';
import type { SessionStates } from '../auth/session-states.js';
import {
  assertUuid,
  badInput,
  conflictFromUniqueViolation,
  forbidden,
  notFound,
  type FieldProblem,
} from '../common/errors.js';
import type { DB } from '../database/db-types.js';
import type { TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import { findDepartment } from '../departments/department.queries.js';
import type {
  CreateUserInput,
  ResetUserPasswordInput,
  RoleGrantInput,
  SetUserEmailInput,
  SetUserRolesInput,
  User,
} from '../graphql/models.js';
import { findParkUser, listParkUsers } from './user.queries.js';

const UNIQUE_FIELDS = { users_username_key: 'username' };

function audited(user: User) {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    active: user.active,
    roles: user.roles.map((grant) => ({ role: grant.role, departmentId: grant.departmentId })),
  };
}

/** Checks role grants against the park: department roles name an active department, others none. */
async function checkGrants(em: EntityManager, grants: RoleGrantInput[]): Promise<void> {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const [index, grant] of grants.entries()) {
    const path = `roles.${index}`;
    const departmentId = grant.departmentId ?? null;
    if (isDepartmentRole(grant.role) && !departmentId) {
      problems.push({ path: `${path}.departmentId`, message: 'required for department roles' });
    } else if (!isDepartmentRole(grant.role) && departmentId) {
      problems.push({ path: `${path}.departmentId`, message: 'only department roles name a department' });
    } else if (departmentId) {
      // Another park's department reads as none at all (row-level security): not found, as a typo.
      const department = await findDepartment(em, departmentId);
      if (!department) throw notFound('部室 / Department', `${path}.departmentId`);
      if (!department.active) problems.push({ path: `${path}.departmentId`, message: 'inactive department' });
    }
    const key = `${grant.role}:${departmentId ?? ''}`;
    if (seen.has(key)) problems.push({ path: `${path}.role`, message: 'granted twice' });
    seen.add(key);
  }
  if (problems.length > 0) throw badInput(problems);
}

async function insertGrants(em: EntityManager, userId: string, grants: RoleGrantInput[]): Promise<void> {
  for (const grant of grants) {
    await rowsOf(
      em,
      kysely
        .insertInto('role_assignments')
        .values({ user_id: userId, role: grant.role, department_id: grant.departmentId ?? null }),
    );
  }
}

/**
 * Updates a person of the current park; the ids it updated (none: the update policy kept the row,
 * the person belongs to another park).
 */
async function updateUser(em: EntityManager, userId: string, values: Updateable<DB['users']>) {
  return rowsOf(
    em,
    kysely
      .updateTable('users')
      .set({ ...values, updated_at: sql<Date>`now()` })
      .where('id', '=', userId)
      .returning('id'),
  );
}

/** `updateUser`, refused when the person belongs to another park (no row updated). */
async function updateOwnUser(em: EntityManager, userId: string, values: Updateable<DB['users']>) {
  const updated = await updateUser(em, userId, values);
  if (updated.length === 0) throw forbidden('该用户不属于本园区 / The user belongs to another park');
}

/** The park's people and the roles they hold in it. */
export class UserService {
  constructor(
    private readonly db: TenantDb,
    /** Told of changes that end a person's sessions, so this process sees them on the next request. */
    private readonly sessions: SessionStates | null = null,
  ) {}

  list(actor: Actor): Promise<User[]> {
    return this.db.run(actor, (em) => listParkUsers(em));
  }

  async create(actor: Actor, input: CreateUserInput): Promise<User> {
    const problems = passwordProblems(input.password).map((message) => ({ path: 'password', message }));
    if (problems.length > 0) throw badInput(problems);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.run(actor, async (em) => {
        await checkGrants(em, input.roles);
        const [{ id }] = await rowsOf(
          em,
          kysely
            .insertInto('users')
            .values({
              username: input.username,
              display_name: input.displayName.trim(),
              email: input.email?.trim() || null,
              password_hash: passwordHash,
              home_park_id: actor.parkId,
            })
            .returning('id'),
        );
        await insertGrants(em, id, input.roles);
        const created = (await findParkUser(em, id))!;
        await recordAudit(em, actor, {
          action: 'user.created',
          subjectType: 'User',
          subjectId: id,
          after: audited(created),
        });
        return created;
      });
    } catch (error) {
      throw conflictFromUniqueViolation(error, UNIQUE_FIELDS) ?? error;
    }
  }

  setRoles(actor: Actor, input: SetUserRolesInput): Promise<User> {
    return this.changeUser(actor, input.userId, 'user.roles_changed', async (em) => {
      await checkGrants(em, input.roles);
      if (input.userId === actor.userId && !input.roles.some((grant) => grant.role === 'PARK_ADMIN')) {
        // Otherwise a park could be left with nobody able to manage it.
        throw badInput([{ path: 'roles', message: 'you cannot remove your own park administrator role' }]);
      }
      await rowsOf(em, kysely.deleteFrom('role_assignments').where('user_id', '=', input.userId));
      await insertGrants(em, input.userId, input.roles);
      // Tokens carry roles: one with other roles than these is refused and renewed.
      forgetSessionAfterCommit(em, this.sessions, input.userId);
    });
  }

  setEmail(actor: Actor, input: SetUserEmailInput): Promise<User> {
    return this.changeUser(actor, input.userId, 'user.email_changed', async (em) => {
      // Only the park a person belongs to may change their address (the update policy sees to it).
      await updateOwnUser(em, input.userId, { email: input.email?.trim() || null });
    });
  }

  setActive(actor: Actor, userId: string, active: boolean): Promise<User> {
    assertUuid(userId, 'userId');
    const action = active ? 'user.activated' : 'user.deactivated';
    return this.changeUser(actor, userId, action, async (em) => {
      if (userId === actor.userId && !active) {
        throw badInput([{ path: 'active', message: 'you cannot deactivate yourself' }]);
      }
      // Switched off, every session ends (the trigger on users); switched on, they sign in anew.
      // Only the park a person belongs to may switch them off (the update policy sees to it).
      await updateOwnUser(em, userId, { active, failed_attempts: 0 });
      forgetSessionAfterCommit(em, this.sessions, userId);
    });
  }

  /**
   * Sets a new password for a person of the park who forgot theirs or whose account is attacked:
   * every session of theirs ends at once. The trail records that it happened, not the password.
   */
  async resetPassword(actor: Actor, input: ResetUserPasswordInput): Promise<User> {
    const problems = passwordProblems(input.password).map((message) => ({ path: 'password', message }));
    if (problems.length > 0) throw badInput(problems);
    const passwordHash = await hashPassword(input.password);
    return this.changeUser(actor, input.userId, 'user.password_reset', async (em) => {
      await updateOwnUser(em, input.userId, { password_hash: passwordHash, failed_attempts: 0 });
      forgetSessionAfterCommit(em, this.sessions, input.userId);
    });
  }

  /**
   * Changes a person of the park with `change` (refused as not found when the actor does not see
   * them) and records `action` on the audit trail with the person before and after.
   */
  private changeUser(
    actor: Actor,
    userId: string,
    action: string,
    change: (em: EntityManager) => Promise<void>,
  ): Promise<User> {
    return this.db.run(actor, async (em) => {
      const before = await findParkUser(em, userId);
      if (!before) throw notFound('用户 / User', 'userId');
      await change(em);
      const after = (await findParkUser(em, userId))!;
      await recordAudit(em, actor, {
        action,
        subjectType: 'User',
        subjectId: userId,
        before: audited(before),
        after: audited(after),
      });
      return after;
    });
  }
}
