import { hasLink, linkedFollowUpReach, type CaseState, type ParkRules } from '@qifu/domain';
import type { Enterprise } from '../enterprises/enterprise.models.js';
import type { CaseEnterpriseLink, CaseEvent } from './case.models.js';

/** The enterprise's link as registration records it (null: none), from registration_context. */
export function enterpriseLinkAt(enterprise: Enterprise | null): CaseEnterpriseLink | null {
  const link: CaseEnterpriseLink = {
    departmentId: enterprise?.linkedDepartmentId ?? null,
    departmentName: enterprise?.linkedDepartmentName ?? null,
    cadreUserId: enterprise?.linkedCadreUserId ?? null,
    cadreName: enterprise?.linkedCadreName ?? null,
    cadrePhone: enterprise?.linkedCadrePhone ?? null,
  };
  return hasLink(link) ? link : null;
}

/** The link a case recorded, as its registration event holds it (names and phone as they were). */
export function enterpriseLinkOf(timeline: readonly CaseEvent[]): CaseEnterpriseLink | null {
  const registered = timeline.find((event) => event.type === 'CaseRegistered');
  return (registered?.data?.enterpriseLink as CaseEnterpriseLink | undefined) ?? null;
}

/** The case row's follow-up reach: the linked department and cadre its rules let follow it up. */
export function followUpReachRow(
  state: CaseState,
  rules: ParkRules,
): { follow_up_department_id: string | null; follow_up_user_id: string | null } {
  const reach = linkedFollowUpReach(state, rules);
  return { follow_up_department_id: reach.departmentId, follow_up_user_id: reach.userId };
}
