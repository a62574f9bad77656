import type { ApprovalRoute, ApprovalRouteCondition, ApprovalStepDefinition, ParkRole } from '@qifu/domain';

/** Roles that sign off assignments (Art. 7); the schema allows any park role. */
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
    sendsReferralLetter: false,
    approvalSteps: [{ role: 'LEADER_IN_CHARGE' }],
  };
}

export function fallbackRoute(): ApprovalRoute {
  return {
    code: 'FALLBACK',
    labelZh: '其他情形：常务副主任审签',
    labelEn: 'Other: executive deputy director signs',
    condition: {},
    sendsReferralLetter: false,
    approvalSteps: [{ role: 'EXECUTIVE_DEPUTY_DIRECTOR' }],
  };
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** "区级部门职能 且 部门数 ≥ 2", or "其余所有情形" for the fallback. */
export function describeCondition(
  condition: ApprovalRouteCondition,
  t: Translate,
  categoryLabel: (code: string) => string,
  flagLabel: (code: string) => string = (code) => code,
): string {
  const parts: string[] = [];
  if (condition.jurisdiction) parts.push(t(`rules.routes.jurisdictions.${condition.jurisdiction}`));
  const { departmentCountMin: min, departmentCountMax: max } = condition;
  if (min !== undefined && max !== undefined) parts.push(t('rules.routes.countBetween', { min, max }));
  else if (min !== undefined) parts.push(t('rules.routes.countAtLeast', { min }));
  else if (max !== undefined) parts.push(t('rules.routes.countAtMost', { max }));
  for (const flag of ['major', 'policyHeavy', 'enterpriseLinked', 'leadIsLinkedDepartment'] as const) {
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
  if (condition.flagCodes?.length) {
    parts.push(
      `${t('rules.routes.flagCodes')}：${condition.flagCodes.map(flagLabel).join(t('common.listSeparator'))}`,
    );
  }
  return parts.length === 0 ? t('rules.routes.matchesAll') : parts.join(t('rules.routes.and'));
}

/** "分管领导 → 常务副主任", or "无需审签，直接交办" for a route with no sign-off. */
export function describeChain(steps: readonly ApprovalStepDefinition[], t: Translate): string {
  if (steps.length === 0) return t('rules.routes.noSignOffShort');
  return steps.map((step) => t(`role.${step.role}`)).join(' → ');
}

/** A new step: the leader in charge first, then the executive deputy director (Art. 7's order). */
export function newStep(steps: readonly ApprovalStepDefinition[]): ApprovalStepDefinition {
  const last = steps.at(-1)?.role;
  const role: ParkRole = last === 'LEADER_IN_CHARGE' ? 'EXECUTIVE_DEPUTY_DIRECTOR' : 'LEADER_IN_CHARGE';
  return { role };
}
