/** Where a case stands in its lifecycle (DESIGN.md, "Case lifecycle"). */
export const CASE_STATUSES = [
  'REGISTERED',
  'VERIFIED',
  'PENDING_APPROVAL',
  'REJECTED',
  'ASSIGNED',
  'REFERRED',
  'IN_PROGRESS',
  'RESULT_SUBMITTED',
  'RESPONDED',
  'TRACKING',
  'GRADED',
  'FOLLOWED_UP',
  'CLOSED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  REGISTERED: { zh: '已登记', en: 'Registered' },
  VERIFIED: { zh: '已核实', en: 'Verified' },
  PENDING_APPROVAL: { zh: '待审批', en: 'Pending approval' },
  REJECTED: { zh: '不予受理', en: 'Rejected' },
  ASSIGNED: { zh: '已交办', en: 'Assigned' },
  REFERRED: { zh: '已发函', en: 'Referred' },
  IN_PROGRESS: { zh: '办理中', en: 'In progress' },
  RESULT_SUBMITTED: { zh: '结果待审核', en: 'Result submitted' },
  RESPONDED: { zh: '已答复', en: 'Responded' },
  TRACKING: { zh: '跟踪办理', en: 'Under tracking' },
  GRADED: { zh: '已标注', en: 'Graded' },
  FOLLOWED_UP: { zh: '已回访', en: 'Followed up' },
  CLOSED: { zh: '已销号', en: 'Closed out' },
};

/** No command is accepted in these: a rejected case keeps its number and reason, a closed one its record. */
export const TERMINAL_CASE_STATUSES: readonly CaseStatus[] = ['REJECTED', 'CLOSED'];

export function isTerminalStatus(status: CaseStatus): boolean {
  return TERMINAL_CASE_STATUSES.includes(status);
}

/** Before screening settles jurisdiction, departments and route. */
export const PRE_SCREENING_STATUSES: readonly CaseStatus[] = ['REGISTERED', 'VERIFIED'];

/** Statuses that carry a grade. */
export const GRADED_STATUSES: readonly CaseStatus[] = ['TRACKING', 'GRADED', 'FOLLOWED_UP', 'CLOSED'];

/** Statuses that carry a follow-up (satisfaction level). */
export const FOLLOWED_UP_STATUSES: readonly CaseStatus[] = ['FOLLOWED_UP', 'CLOSED'];

export function isCaseStatus(value: unknown): value is CaseStatus {
  return (CASE_STATUSES as readonly unknown[]).includes(value);
}
