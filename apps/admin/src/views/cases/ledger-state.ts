import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { CASE_STATUSES, isCaseStatus, isParkRole } from '@qifu/domain';
import type { CaseLedgerQueryVariables, CaseStatus, LedgerFilter, LedgerSort, Role } from '@/gql/graphql';

export const LEDGER_SORTS: readonly LedgerSort[] = ['REGISTRATION_DESC', 'REGISTRATION_ASC', 'DUE_ASC'];

export const LEDGER_COLUMNS = [
  'registrationNo',
  'title',
  'enterpriseName',
  'categoryCode',
  'channelCode',
  'status',
  'reportedAt',
  'departments',
  'approverRole',
  'gradeCode',
  'nextDue',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

export const DEFAULT_COLUMNS: readonly LedgerColumn[] = [
  'registrationNo',
  'title',
  'enterpriseName',
  'categoryCode',
  'status',
  'departments',
  'nextDue',
];

/** The ledger itself, or one of the work queues built on it. */
export type LedgerQueue = 'all' | 'todo' | 'approvals' | 'inbox';

/**
 * The statuses a work queue is made of: the service center's next steps, the leaders' approvals,
 * and the departments' work (the API already limits department roles to their own cases).
 */
export const QUEUE_STATUSES: Record<LedgerQueue, readonly CaseStatus[]> = {
  all: CASE_STATUSES,
  todo: ['REGISTERED', 'VERIFIED', 'RESPONDED', 'TRACKING', 'GRADED', 'FOLLOWED_UP'],
  approvals: ['PENDING_APPROVAL'],
  inbox: ['ASSIGNED', 'IN_PROGRESS', 'RESULT_SUBMITTED', 'TRACKING'],
};

export const QUEUE_COLUMNS: Record<LedgerQueue, readonly LedgerColumn[]> = {
  all: DEFAULT_COLUMNS,
  todo: DEFAULT_COLUMNS,
  // Who signs next, before the deadline.
  approvals: [...DEFAULT_COLUMNS.filter((column) => column !== 'nextDue'), 'approverRole', 'nextDue'],
  inbox: DEFAULT_COLUMNS,
};

export type OverdueChoice = '' | 'yes' | 'no';
/** Cases with a pending deadline (期限待定), without, or either. */
export type PendingChoice = OverdueChoice;

const yesNo = (value: string): OverdueChoice => (value === 'yes' || value === 'no' ? value : '');

/** The filter bar as the user sets it; empty values mean "any". */
export interface LedgerFilterState {
  year: number | null;
  statuses: CaseStatus[];
  categoryCodes: string[];
  channelCodes: string[];
  departmentId: string;
  gradeCodes: string[];
  overdue: OverdueChoice;
  deadlinePending: PendingChoice;
  keyword: string;
  /** Art. 2: cases whose enterprise is flagged as not in the register, awaiting verification. */
  flagged: OverdueChoice;
}

export interface LedgerViewState {
  filter: LedgerFilterState;
  sort: LedgerSort;
}

export const PAGE_SIZE = 30;

export function emptyFilter(): LedgerFilterState {
  return {
    year: null,
    statuses: [],
    categoryCodes: [],
    channelCodes: [],
    departmentId: '',
    gradeCodes: [],
    overdue: '',
    deadlinePending: '',
    keyword: '',
    flagged: '',
  };
}

/** A queue always asks for its own statuses; the user may narrow them, not widen them. */
export function effectiveStatuses(queue: LedgerQueue, chosen: readonly CaseStatus[]): CaseStatus[] {
  const allowed = QUEUE_STATUSES[queue];
  const narrowed = chosen.filter((status) => allowed.includes(status));
  if (narrowed.length > 0) return narrowed;
  return queue === 'all' ? [] : [...allowed];
}

/**
 * The ledger filter of the filter bar within a queue. `roles`: the user's, for the approvals queue,
 * which lists the cases whose current sign-off is theirs (an approval chain passes a case on).
 */
export function toLedgerFilter(
  filter: LedgerFilterState,
  queue: LedgerQueue = 'all',
  roles: readonly Role[] = [],
): LedgerFilter {
  const result: LedgerFilter = {};
  const approverRoles = roles.filter(isParkRole);
  if (queue === 'approvals' && approverRoles.length) result.approverRoles = approverRoles;
  if (filter.year) result.year = filter.year;
  const statuses = effectiveStatuses(queue, filter.statuses);
  if (statuses.length) result.statuses = statuses;
  if (filter.categoryCodes.length) result.categoryCodes = [...filter.categoryCodes];
  if (filter.channelCodes.length) result.channelCodes = [...filter.channelCodes];
  if (filter.departmentId) result.departmentId = filter.departmentId;
  if (filter.gradeCodes.length) result.gradeCodes = [...filter.gradeCodes];
  if (filter.overdue) result.overdue = filter.overdue === 'yes';
  if (filter.deadlinePending) result.deadlinePending = filter.deadlinePending === 'yes';
  if (filter.keyword.trim()) result.keyword = filter.keyword.trim();
  if (filter.flagged) result.flaggedForVerification = filter.flagged === 'yes';
  return result;
}

export function toLedgerVariables(
  state: LedgerViewState,
  queue: LedgerQueue = 'all',
  after: string | null = null,
  roles: readonly Role[] = [],
): CaseLedgerQueryVariables {
  return {
    filter: toLedgerFilter(state.filter, queue, roles),
    sort: state.sort,
    first: PAGE_SIZE,
    ...(after ? { after } : {}),
  };
}

// The address bar keeps the filters, so "back" from a case and a shared link show the same ledger.
const LIST_SEPARATOR = ',';

function single(value: LocationQuery[string]): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function list(value: LocationQuery[string]): string[] {
  const text = single(value);
  return text ? text.split(LIST_SEPARATOR).filter(Boolean) : [];
}

export function toRouteQuery(state: LedgerViewState): LocationQueryRaw {
  const { filter } = state;
  const query: LocationQueryRaw = {};
  if (filter.year) query.year = String(filter.year);
  if (filter.statuses.length) query.status = filter.statuses.join(LIST_SEPARATOR);
  if (filter.categoryCodes.length) query.category = filter.categoryCodes.join(LIST_SEPARATOR);
  if (filter.channelCodes.length) query.channel = filter.channelCodes.join(LIST_SEPARATOR);
  if (filter.departmentId) query.department = filter.departmentId;
  if (filter.gradeCodes.length) query.grade = filter.gradeCodes.join(LIST_SEPARATOR);
  if (filter.overdue) query.overdue = filter.overdue;
  if (filter.deadlinePending) query.pending = filter.deadlinePending;
  if (filter.keyword.trim()) query.q = filter.keyword.trim();
  if (filter.flagged) query.flagged = filter.flagged;
  if (state.sort !== 'REGISTRATION_DESC') query.sort = state.sort;
  return query;
}

export function fromRouteQuery(query: LocationQuery): LedgerViewState {
  const year = Number.parseInt(single(query.year), 10);
  const sort = single(query.sort) as LedgerSort;
  return {
    filter: {
      year: Number.isInteger(year) && year > 2000 ? year : null,
      statuses: list(query.status).filter(isCaseStatus),
      categoryCodes: list(query.category),
      channelCodes: list(query.channel),
      departmentId: single(query.department),
      gradeCodes: list(query.grade),
      overdue: yesNo(single(query.overdue)),
      deadlinePending: yesNo(single(query.pending)),
      keyword: single(query.q),
      flagged: yesNo(single(query.flagged)),
    },
    sort: LEDGER_SORTS.includes(sort) ? sort : 'REGISTRATION_DESC',
  };
}
