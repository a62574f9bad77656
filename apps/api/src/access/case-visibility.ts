import type { AppAbility } from './ability.js';
import type { Actor } from './actor.js';

const DEPARTMENT_ROLES = ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'];

/** Department people see only their departments' cases; everyone else in the park sees all. */
export function departmentScope(actor: Actor): string[] | null {
  if (actor.roles.some((grant) => !DEPARTMENT_ROLES.includes(grant.role))) return null;
  return actor.roles.map((grant) => grant.departmentId).filter((id): id is string => id !== null);
}

/**
 * The enterprise's linked department and cadre that record a case's follow-up under its rules
 * (cases.follow_up_department_id, follow_up_user_id): they see the case besides its departments.
 */
export interface FollowUpReach {
  follow_up_department_id?: string | null;
  follow_up_user_id?: string | null;
}

/** Whether the actor's department scope takes in a case of these departments and reach. */
export function inCaseScope(
  actor: Actor,
  departmentIds: readonly string[],
  reach: FollowUpReach = {},
): boolean {
  const scope = departmentScope(actor);
  if (scope === null || departmentIds.some((id) => scope.includes(id))) return true;
  const { follow_up_department_id: department, follow_up_user_id: user } = reach;
  return (!!department && scope.includes(department)) || (!!user && user === actor.userId);
}

/**
 * Whether the actor may see a case of their park assigned to `departmentIds`: the `case` query's
 * rule (read Case, then the department scope, which the case's follow-up reach widens). Row-level
 * security has already kept other parks out.
 */
export function maySeeCase(
  actor: Actor,
  ability: AppAbility,
  departmentIds: readonly string[],
  reach: FollowUpReach = {},
): boolean {
  if (!actor.parkId || !ability.can('read', 'Case')) return false;
  return inCaseScope(actor, departmentIds, reach);
}
