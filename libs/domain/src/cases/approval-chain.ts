import type { ApprovalRoute } from '../rules/park-rules.schema.js';
import type { CaseState } from './case-state.js';
import type { CaseStatus } from './case-status.js';

/**
 * Approval chains (会签): a route's ordered sign-offs. The case stays PENDING_APPROVAL while
 * sign-offs are awaited; the last one, or screening on a route with none, hands the case over.
 */

type ChainFields = Pick<CaseState, 'approvalSteps' | 'approvalStepIndex' | 'approverRole'>;

/** The chain a route starts at screening: its first sign-off awaited, or none. */
export function chainOf(route: Pick<ApprovalRoute, 'approvalSteps'>): ChainFields {
  const approvalSteps = route.approvalSteps.map((step) => step.role);
  return { approvalSteps, approvalStepIndex: 0, approverRole: approvalSteps[0] ?? null };
}

/**
 * The chain after the current step signs. `approverRole` moves to the next step; after the last
 * one it keeps the role that signed last (the approving leader the documents and reminders name).
 */
export function chainAfterSignOff(state: CaseState): ChainFields & { complete: boolean } {
  const approvalStepIndex = state.approvalStepIndex + 1;
  const complete = approvalStepIndex >= state.approvalSteps.length;
  return {
    approvalSteps: state.approvalSteps,
    approvalStepIndex,
    approverRole: complete ? state.approverRole : state.approvalSteps[approvalStepIndex],
    complete,
  };
}

/**
 * Where a screened case goes when its chain is complete, and what the API issues then: an
 * assignment sheet (Attachment 3) for park departments and/or letters (Attachment 4) to bureaus.
 */
export function handOver(state: CaseState): {
  status: 'ASSIGNED' | 'REFERRED';
  issues: { assignmentSheet: boolean; referralLetterDepartmentIds: string[]; ccOfficeCodes: string[] };
} {
  const park = state.jurisdiction === 'PARK';
  return {
    status: park ? 'ASSIGNED' : 'REFERRED',
    issues: {
      assignmentSheet: park,
      referralLetterDepartmentIds: state.sendsReferralLetter ? state.referredDepartmentIds : [],
      ccOfficeCodes: state.ccOfficeCodes,
    },
  };
}

/**
 * Whether an accepted act handed the case over (the last sign-off, or screening on a route with
 * none): the API issues the assignment sheet and referral letters on that transition.
 */
export function completesApproval(before: CaseStatus, after: CaseStatus): boolean {
  return (
    (before === 'PENDING_APPROVAL' || before === 'VERIFIED') && (after === 'ASSIGNED' || after === 'REFERRED')
  );
}
