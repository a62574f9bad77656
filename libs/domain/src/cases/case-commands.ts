import type { IsoDate } from '../calendar/iso-date.js';
import type { Jurisdiction, ProcedureStep } from '../rules/park-rules.schema.js';
import type { DepartmentTierInput } from './assignment-tiers.js';

/**
 * What a user asks of a case. Codes that come from the park's rules (grade, satisfaction level,
 * rejection reason, supervision event) are plain strings: they are checked against the rules in
 * force, and an unknown one is vetoed with its field.
 */
export type CaseCommand =
  /** `enterpriseConfirmed`: for a case flagged as not in the register, that verification found it is. */
  | { type: 'verify'; notes: string; enterpriseConfirmed?: boolean }
  /** `reason`: an inadmissible matter code of the rules (Art. 2) or a built-in reason such as NOT_IN_PARK. */
  | { type: 'reject'; reason: string; note?: string }
  | { type: 'recordPolicyDiscussion'; minutes: string }
  /** Art. 6: 重大疑难应及时向分管业务领导汇报 — what was reported to the leader in charge. */
  | { type: 'reportToLeader'; summary: string }
  | {
      type: 'screen';
      jurisdiction: Jurisdiction;
      major: boolean;
      policyHeavy: boolean;
      leadDepartmentId?: string | null;
      cooperatingDepartmentIds?: string[];
      /** The tier of each cooperating department (`assignmentTiers`); unnamed: the default tier. */
      departmentTiers?: DepartmentTierInput[];
      referredDepartmentIds?: string[];
      opinion: string;
      /** Case flags of the park's rules (`caseFlags`) that hold for this case. */
      flagCodes?: string[];
    }
  | { type: 'approve'; opinion?: string }
  | { type: 'sendBack'; reason: string }
  | { type: 'startHandling' }
  | { type: 'submitResult'; replyToEnterprise: string; result: string }
  /** `comment` is required when the result is returned. */
  | { type: 'reviewResult'; approved: boolean; comment?: string }
  | {
      type: 'recordReferralReply';
      departmentId: string;
      repliedOn: IsoDate;
      responsiblePerson: string;
      contact: string;
      content: string;
    }
  | { type: 'grade'; gradeCode: string; reason?: string }
  | { type: 'recordFollowUp'; satisfactionCode: string; note?: string }
  | { type: 'closeOut' }
  /** `event`: one of SPECIAL_SUPERVISION_EVENTS, for which the rules must reopen the case. */
  | { type: 'specialSupervision'; event: string; reason: string }
  /** Art. 10: the due dates come from the case's overdue deadlines (DecisionContext.deadlines). */
  | { type: 'superviseOverdue'; note?: string }
  | {
      type: 'recordCoordination';
      kind: CoordinationKind;
      heldOn: IsoDate;
      participants: string[];
      minutes: string;
    }
  | { type: 'addProgressNote'; note: string }
  /** Art. 11: `ground` is one of ESCALATION_GROUNDS. */
  | { type: 'escalate'; ground: string; reason: string }
  /** 延期申请: the lead department asks to move its reply deadline to `newDueOn`. */
  | { type: 'requestExtension'; newDueOn: IsoDate; reason: string }
  /** `note` is required when the extension is refused. */
  | { type: 'decideExtension'; approved: boolean; note?: string }
  /** 异议: the lead department contests its assignment. */
  | { type: 'objectToAssignment'; reason: string }
  /** REASSIGNED names the new lead (and cooperating) departments. */
  | {
      type: 'decideObjection';
      outcome: ObjectionOutcome;
      leadDepartmentId?: string | null;
      cooperatingDepartmentIds?: string[];
      departmentTiers?: DepartmentTierInput[];
      note: string;
    }
  /** 分办 / 协办: a SPLIT department's part answered (`replyToEnterprise`) or an ASSISTING one's report. */
  | { type: 'reportPart'; departmentId?: string; report: string; replyToEnterprise?: string }
  /** An optional step of the rules passed over on this case, with the reason (`step`: the one due now). */
  | { type: 'skipStep'; step: ProcedureStep; reason: string }
  /**
   * 移交: an overdue case still not done after its supervision letter goes to outside offices
   * (`officeCodes`: cc offices of the rules; default those of `overdueHandover`).
   */
  | { type: 'handOverToOffice'; officeCodes?: string[]; note?: string };

export const OBJECTION_OUTCOMES = ['MAINTAINED', 'REASSIGNED'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export type CaseCommandType = CaseCommand['type'];
export type CaseCommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

export const CASE_COMMAND_TYPES = [
  'verify',
  'reject',
  'recordPolicyDiscussion',
  'reportToLeader',
  'screen',
  'approve',
  'sendBack',
  'startHandling',
  'submitResult',
  'reviewResult',
  'recordReferralReply',
  'grade',
  'recordFollowUp',
  'closeOut',
  'specialSupervision',
  'superviseOverdue',
  'recordCoordination',
  'addProgressNote',
  'escalate',
  'requestExtension',
  'decideExtension',
  'objectToAssignment',
  'decideObjection',
  'skipStep',
  'handOverToOffice',
  'reportPart',
] as const satisfies readonly CaseCommandType[];

export function isCaseCommandType(value: unknown): value is CaseCommandType {
  return (CASE_COMMAND_TYPES as readonly unknown[]).includes(value);
}

/** Labels of the console's action buttons. */
export const CASE_COMMAND_LABELS: Record<CaseCommandType, { zh: string; en: string }> = {
  verify: { zh: '核实', en: 'Verify' },
  reject: { zh: '不予受理', en: 'Reject' },
  recordPolicyDiscussion: { zh: '记录政策讨论', en: 'Record policy discussion' },
  reportToLeader: { zh: '向分管领导汇报', en: 'Report to the leader in charge' },
  screen: { zh: '甄别', en: 'Screen' },
  approve: { zh: '审批交办', en: 'Approve' },
  sendBack: { zh: '退回', en: 'Send back' },
  startHandling: { zh: '接收办理', en: 'Start handling' },
  submitResult: { zh: '报送办理结果', en: 'Submit result' },
  reviewResult: { zh: '审核办理结果', en: 'Review result' },
  recordReferralReply: { zh: '登记部门回复', en: 'Record referral reply' },
  grade: { zh: '标注类别', en: 'Grade' },
  recordFollowUp: { zh: '回访', en: 'Record follow-up' },
  closeOut: { zh: '销号', en: 'Close out' },
  specialSupervision: { zh: '专项督办', en: 'Special supervision' },
  superviseOverdue: { zh: '发函督办', en: 'Supervise overdue' },
  recordCoordination: { zh: '记录协调对接', en: 'Record coordination' },
  addProgressNote: { zh: '添加进展', en: 'Add progress note' },
  escalate: { zh: '提交党工委研究处理', en: 'Escalate to the Party Working Committee' },
  requestExtension: { zh: '申请延期', en: 'Request an extension' },
  decideExtension: { zh: '审批延期', en: 'Decide the extension' },
  objectToAssignment: { zh: '提出异议', en: 'Object to the assignment' },
  decideObjection: { zh: '处理异议', en: 'Decide the objection' },
  skipStep: { zh: '跳过步骤', en: 'Skip a step' },
  handOverToOffice: { zh: '移交督查', en: 'Hand over to an outside office' },
  reportPart: { zh: '报送承办情况', en: 'Report its part' },
};

/** The event an accepted command appends to the case's history. */
export const CASE_EVENT_TYPES: Record<CaseCommandType, string> = {
  verify: 'CaseVerified',
  reject: 'CaseRejected',
  recordPolicyDiscussion: 'PolicyDiscussionRecorded',
  reportToLeader: 'ReportedToLeader',
  screen: 'CaseScreened',
  approve: 'CaseApproved',
  sendBack: 'CaseSentBack',
  startHandling: 'HandlingStarted',
  submitResult: 'ResultSubmitted',
  reviewResult: 'ResultReviewed',
  recordReferralReply: 'ReferralReplyRecorded',
  grade: 'CaseGraded',
  recordFollowUp: 'FollowUpRecorded',
  closeOut: 'CaseClosedOut',
  specialSupervision: 'SpecialSupervisionStarted',
  superviseOverdue: 'OverdueSupervised',
  recordCoordination: 'CoordinationRecorded',
  addProgressNote: 'ProgressNoteAdded',
  escalate: 'CaseEscalated',
  requestExtension: 'ExtensionRequested',
  decideExtension: 'ExtensionDecided',
  objectToAssignment: 'AssignmentObjected',
  decideObjection: 'ObjectionDecided',
  skipStep: 'StepSkipped',
  handOverToOffice: 'CaseHandedOver',
  reportPart: 'PartReported',
};

/** Rejection reasons every park has, next to its own inadmissible matters. */
export const BUILT_IN_REJECTION_REASONS = {
  /** Art. 2: only enterprises registered and operating in the park. */
  NOT_IN_PARK: {
    zh: '非园区注册并在区内生产经营的企业',
    en: 'Not an enterprise registered and operating in the park',
  },
} as const;
export type BuiltInRejectionReason = keyof typeof BUILT_IN_REJECTION_REASONS;

/** Art. 10: 办理不彻底、答复不规范、企业不满意 → 专项督办. */
export const SPECIAL_SUPERVISION_EVENTS = ['INCOMPLETE', 'NON_STANDARD_REPLY', 'UNSATISFIED'] as const;
export type SpecialSupervisionEvent = (typeof SPECIAL_SUPERVISION_EVENTS)[number];

/** Art. 8: a visit to a district bureau, or a coordination meeting. */
export const COORDINATION_KINDS = ['VISIT', 'MEETING'] as const;
export type CoordinationKind = (typeof COORDINATION_KINDS)[number];

/** Art. 11: 弄虚作假、失密泄密 → 提交园区党工委会研究处理. */
export const ESCALATION_GROUNDS = {
  FRAUD: { zh: '弄虚作假', en: 'Falsification' },
  LEAK: { zh: '失密泄密', en: 'Leak of confidential information' },
} as const;
export type EscalationGround = keyof typeof ESCALATION_GROUNDS;
export const ESCALATION_GROUND_CODES = Object.keys(ESCALATION_GROUNDS) as EscalationGround[];

/** The steps by name, for vetoes and the timeline. */
export const PROCEDURE_STEP_LABELS: Record<ProcedureStep, { zh: string; en: string }> = {
  verification: { zh: '核实', en: 'Verification' },
  headReview: { zh: '部室负责人审核', en: "Department head's review" },
  grading: { zh: '标注类别', en: 'Grading' },
  followUp: { zh: '回访', en: 'Follow-up' },
};
