import type { AppAbility } from './ability.js';
import type { Actor } from './actor.js';

const DEPARTMENT_ROLES = ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'];

/** Department people see only their departments' cases; everyone else in the park sees all. */
export function departmentScope(actor: Actor): string[] | null {
  if (actor.roles.some((grant) => !DEPARTMENT_ROLES.includes(grant.role))) return null;
  return actor.roles.map((grant) => grant.departmentId).filter((id): id is string => id !== null);
}

/**
 * Whether the actor may see a case of their park assigned to `departmentIds`: the `case` query's
 * rule (read Case, then the department scope). Row-level security has already kept other parks out.
 */
export function maySeeCase(actor: Actor, ability: AppAbility, departmentIds: readonly string[]): boolean {
  if (!actor.parkId || !ability.can('read', 'Case')) return false;
  const scope = departmentScope(actor);
  return scope === null || departmentIds.some((id) => scope.includes(id));
}
