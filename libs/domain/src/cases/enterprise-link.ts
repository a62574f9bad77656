import type { CaseState } from './case-state.js';

/**
 * An enterprise's linked department and cadre (挂钩联系部门 / 挂钩联系干部): the park department and
 * the park's person who keep in touch with it. A case records them as they were at registration;
 * routes may look at them and the rules may let them record the follow-up.
 */
export interface EnterpriseLink {
  departmentId: string | null;
  cadreUserId: string | null;
}

export function hasLink(link: EnterpriseLink | null | undefined): boolean {
  return !!link && (link.departmentId !== null || link.cadreUserId !== null);
}

/** The state fields registration records (null: no link). */
export function linkAtRegistration(
  link: EnterpriseLink | null | undefined,
): Pick<CaseState, 'linkedDepartmentId' | 'linkedCadreUserId'> {
  return { linkedDepartmentId: link?.departmentId ?? null, linkedCadreUserId: link?.cadreUserId ?? null };
}

/** What an approval route's condition reads of the link (route-matching.ts). */
export function linkFacts(
  state: CaseState,
  leadDepartmentId: string | null,
): { linkedDepartmentId: string | null; linkedCadreUserId: string | null; leadDepartmentId: string | null } {
  return {
    linkedDepartmentId: state.linkedDepartmentId ?? null,
    linkedCadreUserId: state.linkedCadreUserId ?? null,
    leadDepartmentId,
  };
}
