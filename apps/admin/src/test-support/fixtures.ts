import { packRules } from '@casl/ability/extra';
import type { RawRuleOf } from '@casl/ability';
import type { AppAbility } from '@/auth/ability';
import type { RestErrorBody } from '@/api/rest-error';
import type { AuthPayloadFieldsFragment, MeFieldsFragment, Role } from '@/gql/graphql';

type Rule = RawRuleOf<AppAbility>;

export const PARK_ADMIN_RULES: Rule[] = [
  { action: 'read', subject: 'Park' },
  { action: 'manage', subject: 'User' },
  { action: 'manage', subject: 'Department' },
  { action: 'read', subject: 'AuditEvent' },
  { action: 'manage', subject: 'OfficeAccount' },
];

export const SERVICE_CENTER_STAFF_RULES: Rule[] = [
  { action: 'read', subject: 'Park' },
  { action: 'read', subject: 'User' },
  { action: 'read', subject: 'Department' },
  { action: ['create', 'read', 'update'], subject: 'Case' },
];

export const PLATFORM_ADMIN_RULES: Rule[] = [
  { action: ['read', 'create'], subject: 'District' },
  { action: ['read', 'create'], subject: 'Park' },
  { action: 'manage', subject: 'OfficeAccount' },
];

/** What `myAbilities` returns: the JSON of CASL packed rules. */
export function packedAbilities(rules: Rule[]): string {
  return JSON.stringify(packRules(rules));
}

/** A user signed in with one role, in a department when given. */
export function meWith(
  who: Omit<MeFieldsFragment, 'roles'>,
  role: Role,
  department: { id: string; name: string } | null = null,
): MeFieldsFragment {
  return { ...who, roles: [{ role, departmentId: department?.id ?? null, department }] };
}

export const parkAdminMe = meWith(
  {
    id: 'u-admin',
    username: 'zhangsan',
    displayName: '张三',
    park: { id: 'p-1', code: 'ZY', name: '正阳工业园区' },
    district: { id: 'd-1', code: 'QJ', name: '黔江区' },
  },
  'PARK_ADMIN',
);

export function authPayload(accessToken: string, refreshToken: string, me: MeFieldsFragment = parkAdminMe) {
  const payload: AuthPayloadFieldsFragment = {
    accessToken,
    accessTokenExpiresAt: '2026-11-28T12:00:00.000Z',
    refreshToken,
    me,
  };
  return payload;
}

/** An error answer of the API's REST endpoints, in its one shape. */
export function restErrorBody(
  statusCode: number,
  code: string,
  fields: { path: string; message: string }[] = [],
  details?: Record<string, unknown>,
): RestErrorBody {
  return {
    statusCode,
    code,
    message: `${code} / ${code}`,
    fields,
    ...(details ? { details } : {}),
  };
}
