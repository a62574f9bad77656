import type { ParkRole } from '../auth/roles.js';
import type { IsoDate } from '../calendar/iso-date.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type {
  DeadlineStage,
  DepartmentKind,
  FollowUpMode,
  Jurisdiction,
  ParkRules,
  ProcedureStep,
} from '../rules/park-rules.schema.js';
import type { CaseStatus } from './case-status.js';

/** The decision-relevant state of a case; texts, documents and dates live with the API. */
export interface CaseState {
  status: CaseStatus;
  /** Optimistic version: one more per accepted command. */
  version: number;
  categoryCode: string;
  /** Set by screening (Art. 6). */
  jurisdiction: Jurisdiction | null;
  major: boolean;
  policyHeavy: boolean;
  policyDiscussionRecorded: boolean;
  /** Art. 6: a major, difficult case was reported to the leader in charge (reportToLeader). */
  reportedToLeader: boolean;
  /** Park departments (PARK jurisdiction). */
  leadDepartmentId: string | null;
  cooperatingDepartmentIds: string[];
  /**
   * The tier (`assignmentTiers` code) of each cooperating department: SPLIT and ASSISTING ones have
   * their own clocks. Absent in cases stored before tiers (each has the default tier).
   */
  departmentTiers?: Record<string, string>;
  /** SPLIT and ASSISTING departments that reported their part for the current assignment. */
  partsReported?: string[];
  /** District bureaus written to: the addressees of DISTRICT cases, or coordination letters of a PARK case. */
  referredDepartmentIds: string[];
  /** Referred bureaus whose reply has been recorded. */
  repliesRecorded: string[];
  /**
   * The approval route chosen at screening (Art. 7) and the role whose sign-off it awaits: the
   * current step of the chain while PENDING_APPROVAL, afterwards the last one that signed (null when
   * the route has no sign-off).
   */
  routeCode: string | null;
  approverRole: ParkRole | null;
  sendsReferralLetter: boolean;
  /** Offices copied on the referral letters (Art. 7.2). */
  ccOfficeCodes: string[];
  /** Why a REJECTED case was not accepted. */
  rejectionReason: string | null;
  gradeCode: string | null;
  satisfactionCode: string | null;
  /** Special supervisions that reopened the case. */
  reopenCount: number;
  /** Supervision letters for overdue stages. */
  supervisionCount: number;
  /** The roles of the route's sign-offs (会签), in order; empty: the office assigns directly. */
  approvalSteps: ParkRole[];
  /** How many of `approvalSteps` have signed. */
  approvalStepIndex: number;
  /** The park's case flags (`caseFlags`) screening set, for routing. */
  flagCodes: string[];
  /**
   * An extension of the reply deadline asked for and not yet decided; approved extensions of the
   * current assignment. Absent in cases stored before extensions existed (read as none).
   */
  pendingExtension?: PendingExtension | null;
  extensionCount?: number;
  /** The lead department's objection to its assignment, until decided; `objectionSettled` once maintained (final). */
  pendingObjection?: PendingObjection | null;
  objectionSettled?: boolean;
  /**
   * Optional steps skipped in the current round, each with who and why on the timeline; a special
   * supervision starts a new round (verification stays skipped).
   */
  skippedSteps: ProcedureStep[];
  /** Whether the case is followed up (Art. 10), decided once, when it first passes grading. */
  followUpSampling: FollowUpSampling | null;
  /**
   * The enterprise was not in the park's register when the case was registered (Art. 2): FLAGGED
   * until verification confirms it (CONFIRMED) or the case is rejected; ADDED to the register.
   */
  notInRegister: NotInRegisterMark | null;
  /**
   * The due date the last supervision letter stated, and the one the case was last handed over to
   * outside offices for. Absent in cases stored before hand-overs existed.
   */
  supervisedDueOn?: IsoDate | null;
  handedOverDueOn?: IsoDate | null;
  /**
   * The enterprise's linked department and cadre (挂钩联系) as they were when the case was registered,
   * for routes and follow-up. Absent in cases stored before links and of unlinked enterprises.
   */
  linkedDepartmentId?: string | null;
  linkedCadreUserId?: string | null;
}

export interface PendingExtension {
  /** The due date it would move, and where to. */
  fromDueOn: IsoDate;
  newDueOn: IsoDate;
  reason: string;
  requestedOn: IsoDate;
}

export interface PendingObjection {
  departmentId: string;
  reason: string;
  raisedOn: IsoDate;
}

export const NOT_IN_REGISTER_MARKS = ['FLAGGED', 'CONFIRMED', 'ADDED'] as const;
export type NotInRegisterMark = (typeof NOT_IN_REGISTER_MARKS)[number];

/**
 * Whether a case must be followed up, and why: every case (ALL), its id's bucket 0-99 below the
 * percentage (PERCENT), its place among the park's cases decided so (EVERY_NTH: each Nth), or no
 * follow-up step in the rules (STEP_ABSENT).
 */
export interface FollowUpSampling {
  sampled: boolean;
  basis: FollowUpMode | 'STEP_ABSENT';
  percent?: number;
  bucket?: number;
  everyNth?: number;
  ordinal?: number;
}

/** What sampling reads besides the rules: the case's id, and its place in the park's EVERY_NTH count. */
export interface SamplingFacts {
  caseId: string;
  /** The park's count of sampling decisions plus one (EVERY_NTH); null when not read. */
  nextOrdinal: number | null;
}

/** A department as the API knows it: rules name departments by code, the database by id. */
export interface ContextDepartment {
  id: string;
  code: string;
  kind: DepartmentKind;
  active: boolean;
}

export interface ActorRole {
  role: ParkRole;
  /** The department a department role acts for; null for the other roles. */
  departmentId: string | null;
}

/**
 * A deadline of the case as the API stores it: a stage's, or one bureau's reply date on its referral
 * letter (Art. 7.2). Art. 10's supervision letter cites the one that was missed.
 */
export interface DeadlineFact {
  /** A rules stage, a split or assisting department's clock, or an objection's decision. */
  stage: DeadlineStage | 'tierReport' | 'objectionDecision';
  /** The day the stage opened (an assignment's date, for the reply deadline). */
  from?: IsoDate;
  /** Null while pending (期限待定: no holiday data for its year yet); a pending deadline is never overdue. */
  dueOn: IsoDate | null;
  /** When the stage was done or the bureau replied; null while it is open. */
  doneOn: IsoDate | null;
  /**
   * The bureau a referral letter went to, or the SPLIT or ASSISTING department whose clock it is
   * (stage `tierReport`, with its `tierCode`); null for the case's own stages.
   */
  departmentId: string | null;
  tierCode?: string;
}

export interface DecisionContext {
  /** The park's rules in force for this case. */
  rules: ParkRules;
  /** `userId`: a linked cadre records a follow-up as that person, whatever the roles. */
  actor: { roles: ActorRole[]; userId?: string };
  today: IsoDate;
  /** The park's departments and district bureaus. */
  departments: readonly ContextDepartment[];
  /** The case's deadlines and its referral letters' reply dates (none before it is registered). */
  deadlines: readonly DeadlineFact[];
  /** The park's working days (national arrangement and the park's own days): windows and cut-offs. */
  calendar?: WorkingDayCalendar;
  /** For the follow-up sample (Art. 10) when the rules take one; see SamplingFacts. */
  sampling?: SamplingFacts;
}

export interface CaseEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * Why a command was refused. STATUS: not in this status; PERMISSION: not this actor; PRECONDITION:
 * the case is not ready (no policy discussion, enterprise not satisfied…); INPUT: a field is wrong.
 */
export const VETO_KINDS = ['STATUS', 'PERMISSION', 'PRECONDITION', 'INPUT'] as const;
export type VetoKind = (typeof VETO_KINDS)[number];

export interface Veto {
  ok: false;
  kind: VetoKind;
  /** English text. */
  reason: string;
  reasonZh: string;
  /**
   * The field at fault: the command's, for INPUT (and input-driven PRECONDITION) vetoes; or the
   * case's, when what it holds rules the act out (`deadlines`: none overdue to supervise).
   */
  field?: string;
}

export type Decision = { ok: true; next: CaseState; event: CaseEvent } | Veto;

type ScreeningFields =
  | 'jurisdiction'
  | 'major'
  | 'policyHeavy'
  | 'leadDepartmentId'
  | 'cooperatingDepartmentIds'
  | 'departmentTiers'
  | 'partsReported'
  | 'referredDepartmentIds'
  | 'repliesRecorded'
  | 'routeCode'
  | 'approverRole'
  | 'sendsReferralLetter'
  | 'ccOfficeCodes'
  | 'approvalSteps'
  | 'approvalStepIndex'
  | 'flagCodes';

/** What screening sets; cleared again when the approver sends the case back. */
export function unscreened(): Pick<CaseState, ScreeningFields> {
  return {
    jurisdiction: null,
    major: false,
    policyHeavy: false,
    leadDepartmentId: null,
    cooperatingDepartmentIds: [],
    departmentTiers: {},
    partsReported: [],
    referredDepartmentIds: [],
    repliesRecorded: [],
    routeCode: null,
    approverRole: null,
    sendsReferralLetter: false,
    ccOfficeCodes: [],
    approvalSteps: [],
    approvalStepIndex: 0,
    flagCodes: [],
  };
}

/** A case as registered (Art. 6), at version 1. */
export function newCaseState(categoryCode: string): CaseState {
  return {
    ...unscreened(),
    status: 'REGISTERED',
    version: 1,
    categoryCode,
    policyDiscussionRecorded: false,
    reportedToLeader: false,
    rejectionReason: null,
    gradeCode: null,
    satisfactionCode: null,
    reopenCount: 0,
    supervisionCount: 0,
    skippedSteps: [],
    followUpSampling: null,
    notInRegister: null,
    linkedDepartmentId: null,
    linkedCadreUserId: null,
  };
}

type ChainFields = 'approvalSteps' | 'approvalStepIndex' | 'flagCodes';

type StepFields = 'skippedSteps' | 'followUpSampling' | 'notInRegister' | 'reportedToLeader';

/**
 * A case state as stored, with what states written before approval chains and procedure steps lack:
 * their route had one sign-off, `approverRole`, pending until the case was approved; they skipped
 * nothing, followed up every graded case and were in the register, with no linked department or cadre.
 */
export function caseStateFromStored(stored: unknown): CaseState {
  const state = stored as Omit<CaseState, ChainFields | StepFields> &
    Partial<Pick<CaseState, ChainFields | StepFields>>;
  const approvalSteps = state.approvalSteps ?? (state.approverRole ? [state.approverRole] : []);
  const graded = ['GRADED', 'FOLLOWED_UP', 'CLOSED'].includes(state.status);
  return {
    ...state,
    approvalSteps,
    approvalStepIndex:
      state.approvalStepIndex ?? (state.status === 'PENDING_APPROVAL' ? 0 : approvalSteps.length),
    flagCodes: state.flagCodes ?? [],
    skippedSteps: state.skippedSteps ?? [],
    reportedToLeader: state.reportedToLeader ?? false,
    followUpSampling:
      state.followUpSampling !== undefined
        ? state.followUpSampling
        : graded
          ? { sampled: true, basis: 'ALL' }
          : null,
    notInRegister: state.notInRegister ?? null,
    linkedDepartmentId: state.linkedDepartmentId ?? null,
    linkedCadreUserId: state.linkedCadreUserId ?? null,
  };
}
