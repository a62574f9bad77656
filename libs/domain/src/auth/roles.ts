/**
 * Roles of the rulebook (GLOSSARY.md). Platform, district and outside-office roles hold no park; the
 * others are per park. An office viewer reads, in one park or district, the cases copied or handed
 * over to its outside office (`OutsideOffice`), and nothing else.
 */
export const PLATFORM_ROLES = ['PLATFORM_ADMIN', 'DISTRICT_VIEWER', 'OFFICE_VIEWER'] as const;
export const PARK_ROLES = [
  'PARK_ADMIN',
  'SERVICE_CENTER_STAFF',
  'LEADER_IN_CHARGE',
  'EXECUTIVE_DEPUTY_DIRECTOR',
  'DEPARTMENT_HEAD',
  'DEPARTMENT_HANDLER',
] as const;
export const ROLES = [...PLATFORM_ROLES, ...PARK_ROLES] as const;

export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type ParkRole = (typeof PARK_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Department roles must name the department they act for. */
export const DEPARTMENT_ROLES: readonly ParkRole[] = ['DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER'];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  PLATFORM_ADMIN: { zh: '平台管理员', en: 'Platform administrator' },
  DISTRICT_VIEWER: { zh: '区级查看人员', en: 'District viewer' },
  OFFICE_VIEWER: { zh: '外部督查单位查看人员', en: 'Outside office viewer' },
  PARK_ADMIN: { zh: '园区管理员', en: 'Park administrator' },
  SERVICE_CENTER_STAFF: { zh: '企业服务中心工作人员', en: 'Service center staff' },
  LEADER_IN_CHARGE: { zh: '分管领导', en: 'Leader in charge' },
  EXECUTIVE_DEPUTY_DIRECTOR: { zh: '常务副主任', en: 'Executive deputy director' },
  DEPARTMENT_HEAD: { zh: '部室负责人', en: 'Department head' },
  DEPARTMENT_HANDLER: { zh: '部室经办人', en: 'Department handler' },
};

export function isParkRole(role: Role): role is ParkRole {
  return (PARK_ROLES as readonly string[]).includes(role);
}

export function isDepartmentRole(role: Role): boolean {
  return (DEPARTMENT_ROLES as readonly string[]).includes(role);
}

const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

/**
 * Password policy, rule by rule: long enough and not a single character class, so demo-style
 * passwords fail. The console shows each rule as met or not while a password is typed.
 */
export const PASSWORD_RULES = [
  {
    code: 'MIN_LENGTH',
    message: 'must be at least 10 characters',
    met: (password: string) => password.length >= 10,
  },
  {
    code: 'CHARACTER_CLASSES',
    message: 'must mix at least three of: lower case, upper case, digits, symbols',
    met: (password: string) => CHARACTER_CLASSES.filter((re) => re.test(password)).length >= 3,
  },
] as const;

export type PasswordRuleCode = (typeof PASSWORD_RULES)[number]['code'];

/** Each rule of the policy and whether `password` meets it, in the policy's order. */
export function passwordRuleResults(password: string): { code: PasswordRuleCode; met: boolean }[] {
  return PASSWORD_RULES.map((rule) => ({ code: rule.code, met: rule.met(password) }));
}

/** What is wrong with `password` under the policy (empty when it is acceptable). */
export function passwordProblems(password: string): string[] {
  return PASSWORD_RULES.filter((rule) => !rule.met(password)).map((rule) => rule.message);
}
