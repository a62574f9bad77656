import { isDepartmentRole, PARK_ROLES, type ParkRole } from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import type { Role, RoleGrantInput } from '@/gql/graphql';

/** One editable row of the grants editor; '' means "not chosen yet". */
export interface GrantDraft {
  role: Role | '';
  departmentId: string;
}

export interface DepartmentOption {
  id: string;
  name: string;
}

/** Roles a park admin may grant inside the park (platform roles are the platform's business). */
export const GRANTABLE_ROLES: readonly ParkRole[] = PARK_ROLES;

export function emptyGrant(): GrantDraft {
  return { role: '', departmentId: '' };
}

export function needsDepartment(role: Role | ''): boolean {
  return role !== '' && isDepartmentRole(role);
}

export function grantPaths(count: number): string[] {
  const paths = ['roles'];
  for (let i = 0; i < count; i += 1) paths.push(`roles.${i}`, `roles.${i}.role`, `roles.${i}.departmentId`);
  return paths;
}

type Translate = (key: string) => string;

/** Client-side checks mirroring the API, so the obvious mistakes never make a round trip. */
export function validateGrants(grants: readonly GrantDraft[], t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  if (grants.length === 0) errors.roles = t('user.rolesRequired');
  const seen = new Set<string>();
  grants.forEach((grant, index) => {
    if (!grant.role) {
      errors[`roles.${index}.role`] = t('user.roleRequired');
      return;
    }
    if (needsDepartment(grant.role) && !grant.departmentId) {
      errors[`roles.${index}.departmentId`] = t('user.departmentRequired');
      return;
    }
    const key = `${grant.role}:${needsDepartment(grant.role) ? grant.departmentId : ''}`;
    if (seen.has(key)) errors[`roles.${index}.role`] = t('user.duplicateGrant');
    seen.add(key);
  });
  return errors;
}

export function toGrantInputs(grants: readonly GrantDraft[]): RoleGrantInput[] {
  return grants
    .filter((grant): grant is GrantDraft & { role: Role } => grant.role !== '')
    .map((grant) =>
      needsDepartment(grant.role)
        ? { role: grant.role, departmentId: grant.departmentId }
        : { role: grant.role },
    );
}

export function toGrantDrafts(grants: readonly { role: Role; departmentId: string | null }[]): GrantDraft[] {
  return grants.map((grant) => ({ role: grant.role, departmentId: grant.departmentId ?? '' }));
}
