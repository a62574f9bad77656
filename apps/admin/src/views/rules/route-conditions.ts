import type { ApprovalRoute, ApprovalRouteCondition, ParkRole } from '@qifu/domain';

const CONDITION_FIELDS = [
  'jurisdiction',
  'departmentCountMin',
  'departmentCountMax',
  'major',
  'policyHeavy',
  'categoryCodes',
] as const satisfies readonly (keyof ApprovalRouteCondition)[];

/** A condition with no field set matches every case: the fallback route (as libs/domain decides). */
export function isFallbackCondition(condition: ApprovalRouteCondition | undefined): boolean {
  return !!condition && CONDITION_FIELDS.every((field) => condition[field] === undefined);
}

/** Roles that approve assignments (Art. 7); the schema allows any park role. */
export const APPROVER_ROLES = [
  'LEADER_IN_CHARGE',
  'EXECUTIVE_DEPUTY_DIRECTOR',
  'PARK_ADMIN',
  'SERVICE_CENTER_STAFF',
  'DEPARTMENT_HEAD',
  'DEPARTMENT_HANDLER',
] as const satisfies readonly ParkRole[];

export function newRoute(): ApprovalRoute {
  // A route starts with a condition: an empty one would be a second fallback.
  return {
    code: '',
    labelZh: '',
    labelEn: '',
    condition: { jurisdiction: 'PARK' },
    approverRole: 'LEADER_IN_CHARGE',
    sendsReferralLetter: false,
  };
}

export function fallbackRoute(): ApprovalRoute {
  return {
    code: 'FALLBACK',
    labelZh: '其他情形：常务副主任审签',
    labelEn: 'Other: executive deputy director signs',
    condition: {},
    approverRole: 'EXECUTIVE_DEPUTY_DIRECTOR',
    sendsReferralLetter: false,
  };
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** "区级部门职能 且 部门数 ≥ 2", or "其余所有情形" for the fallback. */
export function describeCondition(
  condition: ApprovalRouteCondition,
  t: Translate,
  categoryLabel: (code: string) => string,
): string {
  const parts: string[] = [];
  if (condition.jurisdiction) parts.push(t(`rules.routes.jurisdictions.${condition.jurisdiction}`));
  const { departmentCountMin: min, departmentCountMax: max } = condition;
  if (min !== undefined && max !== undefined) parts.push(t('rules.routes.countBetween', { min, max }));
  else if (min !== undefined) parts.push(t('rules.routes.countAtLeast', { min }));
  else if (max !== undefined) parts.push(t('rules.routes.countAtMost', { max }));
  for (const flag of ['major', 'policyHeavy'] as const) {
    if (condition[flag] !== undefined)
      parts.push(
        `${t(`rules.routes.${flag}`)}：${t(condition[flag] ? 'rules.common.yes' : 'rules.common.no')}`,
      );
  }
  if (condition.categoryCodes?.length) {
    parts.push(
      `${t('rules.routes.categoryCodes')}：${condition.categoryCodes.map(categoryLabel).join(t('common.listSeparator'))}`,
    );
  }
  return parts.length === 0 ? t('rules.routes.matchesAll') : parts.join(t('rules.routes.and'));
}
