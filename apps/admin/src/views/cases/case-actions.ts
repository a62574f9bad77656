import type { Client, CombinedError } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  matchApprovalRoute,
  SPECIAL_SUPERVISION_EVENTS,
  type ApprovalRoute,
  type ParkRules,
} from '@qifu/domain';
import type { FieldErrors } from '@/api/graphql-errors';
import type {
  CoordinationKind,
  EscalationGround,
  ProcedureStep,
  SpecialSupervisionEvent,
} from '@/gql/graphql';
import {
  AddProgressNoteDocument,
  ApproveCaseDocument,
  CloseOutCaseDocument,
  DecideExtensionDocument,
  DecideObjectionDocument,
  EscalateCaseDocument,
  GradeCaseDocument,
  HandOverToOfficeDocument,
  ObjectToAssignmentDocument,
  OrderSpecialSupervisionDocument,
  RecordCoordinationDocument,
  RecordFollowUpDocument,
  RecordPolicyDiscussionDocument,
  RecordReferralReplyDocument,
  RejectCaseDocument,
  ReportToLeaderDocument,
  RequestExtensionDocument,
  ReportPartDocument,
  ReviewResultDocument,
  ScreenCaseDocument,
  SendBackCaseDocument,
  SkipCaseStepDocument,
  StartHandlingDocument,
  SubmitResultDocument,
  SuperviseOverdueDocument,
  VerifyCaseDocument,
  type CaseDetailFieldsFragment,
} from '@/gql/graphql';
import type { DepartmentRef } from './case-labels';
import {
  answersEnterprise,
  departmentTiersInput,
  reportableDepartments,
  syncDepartmentTiers,
  choosesTiers,
} from './case-tiers';

/** Command types the API lists in `allowedActions`, in the order the panel shows them. */
export const CASE_ACTIONS = [
  'verify',
  'recordPolicyDiscussion',
  'reportToLeader',
  'screen',
  'reject',
  'approve',
  'sendBack',
  'startHandling',
  'objectToAssignment',
  'decideObjection',
  'requestExtension',
  'decideExtension',
  'addProgressNote',
  'recordCoordination',
  'reportPart',
  'submitResult',
  'reviewResult',
  'recordReferralReply',
  'grade',
  'recordFollowUp',
  'closeOut',
  'superviseOverdue',
  'specialSupervision',
  'escalate',
  'skipStep',
  'handOverToOffice',
] as const;
export type CaseActionType = (typeof CASE_ACTIONS)[number];

export function isCaseAction(value: string): value is CaseActionType {
  return (CASE_ACTIONS as readonly string[]).includes(value);
}

/** Every field any act asks for, named as in the mutation inputs (so API field errors land beside them). */
export interface ActionForm {
  notes: string;
  reason: string;
  note: string;
  minutes: string;
  /** Art. 6: what was reported to the leader in charge (汇报内容). */
  summary: string;
  jurisdiction: 'PARK' | 'DISTRICT' | '';
  major: boolean;
  policyHeavy: boolean;
  leadDepartmentId: string;
  cooperatingDepartmentIds: string[];
  referredDepartmentIds: string[];
  opinion: string;
  replyToEnterprise: string;
  result: string;
  approved: boolean;
  comment: string;
  departmentId: string;
  repliedOn: string;
  responsiblePerson: string;
  contact: string;
  content: string;
  gradeCode: string;
  satisfactionCode: string;
  event: SpecialSupervisionEvent | '';
  kind: CoordinationKind | '';
  heldOn: string;
  participants: string[];
  ground: EscalationGround | '';
  newDueOn: string;
  outcome: 'MAINTAINED' | 'REASSIGNED' | '';
  flagCodes: string[];
  /** Art. 2: verification found the flagged enterprise is in the park. */
  enterpriseConfirmed: boolean;
  /** The step skipped: the one the case waits on (Case.stepDueNow), never chosen. */
  step: ProcedureStep | '';
  /** Cc office codes of the rules a case is handed over to (移交). */
  officeCodes: string[];
  /** 分办 / 协办: what the department did for its part (承办情况). */
  report: string;
  /** The tier code of each department chosen besides the lead (screening, reassignment). */
  departmentTiers: Record<string, string>;
}
export type ActionField = keyof ActionForm;

/** What an act's form may look at besides its own fields. */
export interface ActionContext {
  caseData: CaseDetailFieldsFragment;
  rules: ParkRules | undefined;
  departments: readonly DepartmentRef[];
  today: string;
  t: (key: string) => string;
  /** The departments the signed-in user acts for (handler or head). */
  myDepartmentIds?: readonly string[];
}

export interface ActOutcome {
  data: CaseDetailFieldsFragment | null;
  error: CombinedError | undefined;
}

interface ActionSpec {
  /** The form's fields, in order; also where API field errors are placed. */
  fields: readonly ActionField[];
  /** Acts without fields are a confirmation only. */
  validate(form: ActionForm, context: ActionContext): FieldErrors;
  run(client: Client, target: { caseId: string; version: number }, form: ActionForm): Promise<ActOutcome>;
}

/** Types one act: its document, the input it sends and the field of the answer holding the case. */
function spec<TData, TInput extends { caseId: string; version: number }>(definition: {
  fields: readonly ActionField[];
  /** Fields that must be filled in; `validate` checks the rest. */
  required?: readonly ActionField[];
  validate?: (form: ActionForm, context: ActionContext) => FieldErrors;
  document: TypedDocumentNode<TData, { input: TInput }>;
  input: (form: ActionForm) => Omit<TInput, 'caseId' | 'version'>;
  pick: (data: TData) => CaseDetailFieldsFragment;
}): ActionSpec {
  return {
    fields: definition.fields,
    validate: (form, context) => ({
      ...required(form, definition.required ?? [], context),
      ...definition.validate?.(form, context),
    }),
    async run(client, target, form) {
      const input = { ...target, ...definition.input(form) } as TInput;
      const result = await client.mutation(definition.document, { input }).toPromise();
      return { data: result.data ? definition.pick(result.data) : null, error: result.error };
    },
  };
}

const text = (value: string) => value.trim();
const optionalText = (value: string) => (value.trim() ? value.trim() : undefined);

/** A choice the act's `required` check has already found made. */
function chosen<T extends string>(value: T | ''): T {
  if (value === '') throw new Error('a required choice reached the act unmade');
  return value;
}

function required(form: ActionForm, fields: readonly ActionField[], context: ActionContext): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    const value = form[field];
    const empty = Array.isArray(value) ? value.length === 0 : typeof value === 'string' && !value.trim();
    if (empty) errors[field] = context.t('common.required');
  }
  return errors;
}

/** The departments besides the lead as sent: the lead is never among them. */
const othersThanLead = (form: ActionForm) =>
  form.cooperatingDepartmentIds.filter((id) => id !== form.leadDepartmentId);

/** Each department besides the lead needs a tier where the rules have no cooperating one to fall back on. */
function tierErrors(form: ActionForm, context: ActionContext): FieldErrors {
  const errors: FieldErrors = {};
  if (!choosesTiers(context.rules)) return errors;
  for (const id of othersThanLead(form))
    if (!form.departmentTiers[id]) errors[`departmentTiers.${id}`] = context.t('case.tiers.needTier');
  return errors;
}

/** Tiers are sent only where the rules ask for them (never for lead + cooperating rules). */
function tiersInput(form: ActionForm) {
  const departmentTiers = departmentTiersInput(form.departmentTiers, othersThanLead(form));
  return departmentTiers.length > 0 ? { departmentTiers } : {};
}

/** The split or assisting departments the user may report for, from the case and the session. */
export function reportingChoices(context: Pick<ActionContext, 'caseData' | 'rules' | 'myDepartmentIds'>) {
  return reportableDepartments(context.caseData, context.rules, context.myDepartmentIds ?? []);
}

/** Does the chosen grade have to say why (C: laws, policy or other limits)? From the rules. */
export function gradeNeedsReason(rules: ParkRules | undefined, gradeCode: string): boolean {
  return rules?.grades.find((grade) => grade.code === gradeCode)?.requiresReason ?? false;
}

export const ACTION_SPECS: Record<CaseActionType, ActionSpec> = {
  verify: spec({
    fields: ['notes', 'enterpriseConfirmed'],
    required: ['notes'],
    validate: (form, context) => {
      const errors: FieldErrors = {};
      // A case flagged as not in the register goes on only if verification confirms the enterprise.
      if (context.caseData.notInRegister === 'FLAGGED' && !form.enterpriseConfirmed)
        errors.enterpriseConfirmed = context.t('case.form.confirmEnterpriseRequired');
      return errors;
    },
    document: VerifyCaseDocument,
    input: (form) => ({
      notes: text(form.notes),
      ...(form.enterpriseConfirmed ? { enterpriseConfirmed: true } : {}),
    }),
    pick: (data) => data.verifyCase,
  }),
  reject: spec({
    fields: ['reason', 'note'],
    required: ['reason'],
    document: RejectCaseDocument,
    input: (form) => ({ reason: form.reason, note: optionalText(form.note) }),
    pick: (data) => data.rejectCase,
  }),
  recordPolicyDiscussion: spec({
    fields: ['minutes'],
    required: ['minutes'],
    document: RecordPolicyDiscussionDocument,
    input: (form) => ({ minutes: text(form.minutes) }),
    pick: (data) => data.recordPolicyDiscussion,
  }),
  reportToLeader: spec({
    fields: ['summary'],
    required: ['summary'],
    document: ReportToLeaderDocument,
    input: (form) => ({ summary: text(form.summary) }),
    pick: (data) => data.reportToLeader,
  }),
  screen: spec({
    fields: [
      'jurisdiction',
      'major',
      'policyHeavy',
      'leadDepartmentId',
      'cooperatingDepartmentIds',
      'referredDepartmentIds',
      'opinion',
      'flagCodes',
    ],
    required: ['jurisdiction', 'opinion'],
    validate: (form, context) => {
      const errors: FieldErrors = {};
      if (form.jurisdiction === 'PARK' && !form.leadDepartmentId)
        errors.leadDepartmentId = context.t('case.form.needLead');
      if (form.jurisdiction === 'DISTRICT' && form.referredDepartmentIds.length === 0)
        errors.referredDepartmentIds = context.t('case.form.needReferred');
      return form.jurisdiction === 'PARK' ? { ...errors, ...tierErrors(form, context) } : errors;
    },
    document: ScreenCaseDocument,
    input: (form) => ({
      jurisdiction: form.jurisdiction === 'DISTRICT' ? ('DISTRICT' as const) : ('PARK' as const),
      major: form.major,
      policyHeavy: form.policyHeavy,
      ...(form.jurisdiction === 'DISTRICT'
        ? { referredDepartmentIds: [...form.referredDepartmentIds] }
        : {
            leadDepartmentId: form.leadDepartmentId,
            cooperatingDepartmentIds: othersThanLead(form),
            ...tiersInput(form),
          }),
      opinion: text(form.opinion),
      ...(form.flagCodes.length ? { flagCodes: [...form.flagCodes] } : {}),
    }),
    pick: (data) => data.screenCase,
  }),
  approve: spec({
    fields: ['opinion'],
    document: ApproveCaseDocument,
    input: (form) => ({ opinion: optionalText(form.opinion) }),
    pick: (data) => data.approveCase,
  }),
  sendBack: spec({
    fields: ['reason'],
    required: ['reason'],
    document: SendBackCaseDocument,
    input: (form) => ({ reason: text(form.reason) }),
    pick: (data) => data.sendBackCase,
  }),
  startHandling: spec({
    fields: [],
    document: StartHandlingDocument,
    input: () => ({}),
    pick: (data) => data.startHandling,
  }),
  submitResult: spec({
    fields: ['replyToEnterprise', 'result'],
    required: ['replyToEnterprise', 'result'],
    document: SubmitResultDocument,
    input: (form) => ({ replyToEnterprise: text(form.replyToEnterprise), result: text(form.result) }),
    pick: (data) => data.submitResult,
  }),
  reviewResult: spec({
    fields: ['approved', 'comment'],
    validate: (form, context): FieldErrors =>
      !form.approved && !form.comment.trim() ? { comment: context.t('case.form.commentRequired') } : {},
    document: ReviewResultDocument,
    input: (form) => ({ approved: form.approved, comment: optionalText(form.comment) }),
    pick: (data) => data.reviewResult,
  }),
  recordReferralReply: spec({
    fields: ['departmentId', 'repliedOn', 'responsiblePerson', 'contact', 'content'],
    required: ['departmentId', 'repliedOn', 'responsiblePerson', 'contact', 'content'],
    document: RecordReferralReplyDocument,
    input: (form) => ({
      departmentId: form.departmentId,
      repliedOn: form.repliedOn,
      responsiblePerson: text(form.responsiblePerson),
      contact: text(form.contact),
      content: text(form.content),
    }),
    pick: (data) => data.recordReferralReply,
  }),
  grade: spec({
    fields: ['gradeCode', 'reason'],
    required: ['gradeCode'],
    validate: (form, context) => {
      const errors: FieldErrors = {};
      if (gradeNeedsReason(context.rules, form.gradeCode) && !form.reason.trim())
        errors.reason = context.t('case.form.gradeReasonRequired');
      return errors;
    },
    document: GradeCaseDocument,
    input: (form) => ({ gradeCode: form.gradeCode, reason: optionalText(form.reason) }),
    pick: (data) => data.gradeCase,
  }),
  recordFollowUp: spec({
    fields: ['satisfactionCode', 'note'],
    required: ['satisfactionCode'],
    document: RecordFollowUpDocument,
    input: (form) => ({ satisfactionCode: form.satisfactionCode, note: optionalText(form.note) }),
    pick: (data) => data.recordFollowUp,
  }),
  closeOut: spec({
    fields: [],
    document: CloseOutCaseDocument,
    input: () => ({}),
    pick: (data) => data.closeOutCase,
  }),
  specialSupervision: spec({
    fields: ['event', 'reason'],
    required: ['event', 'reason'],
    document: OrderSpecialSupervisionDocument,
    input: (form) => ({ event: chosen(form.event), reason: text(form.reason) }),
    pick: (data) => data.orderSpecialSupervision,
  }),
  // Art. 10: the letters state the case's own overdue deadlines (shown, never typed in).
  superviseOverdue: spec({
    fields: ['note'],
    document: SuperviseOverdueDocument,
    input: (form) => ({ note: optionalText(form.note) }),
    pick: (data) => data.superviseOverdue,
  }),
  recordCoordination: spec({
    fields: ['kind', 'heldOn', 'participants', 'minutes'],
    required: ['kind', 'heldOn', 'minutes'],
    document: RecordCoordinationDocument,
    input: (form) => ({
      kind: chosen(form.kind),
      heldOn: form.heldOn,
      participants: form.participants.map((name) => name.trim()).filter(Boolean),
      minutes: text(form.minutes),
    }),
    pick: (data) => data.recordCoordination,
  }),
  escalate: spec({
    fields: ['ground', 'reason'],
    required: ['ground', 'reason'],
    document: EscalateCaseDocument,
    input: (form) => ({ ground: chosen(form.ground), reason: text(form.reason) }),
    pick: (data) => data.escalateCase,
  }),
  addProgressNote: spec({
    fields: ['note'],
    required: ['note'],
    document: AddProgressNoteDocument,
    input: (form) => ({ note: text(form.note) }),
    pick: (data) => data.addProgressNote,
  }),
  requestExtension: spec({
    fields: ['newDueOn', 'reason'],
    required: ['newDueOn', 'reason'],
    document: RequestExtensionDocument,
    input: (form) => ({ newDueOn: form.newDueOn, reason: text(form.reason) }),
    pick: (data) => data.requestExtension,
  }),
  decideExtension: spec({
    fields: ['approved', 'note'],
    validate: (form, context): FieldErrors =>
      !form.approved && !form.note.trim() ? { note: context.t('case.form.refusalReasonRequired') } : {},
    document: DecideExtensionDocument,
    input: (form) => ({ approved: form.approved, note: optionalText(form.note) }),
    pick: (data) => data.decideExtension,
  }),
  objectToAssignment: spec({
    fields: ['reason'],
    required: ['reason'],
    document: ObjectToAssignmentDocument,
    input: (form) => ({ reason: text(form.reason) }),
    pick: (data) => data.objectToAssignment,
  }),
  decideObjection: spec({
    fields: ['outcome', 'leadDepartmentId', 'cooperatingDepartmentIds', 'note'],
    required: ['outcome', 'note'],
    validate: (form, context) => {
      const errors: FieldErrors = {};
      if (form.outcome === 'REASSIGNED' && !form.leadDepartmentId)
        errors.leadDepartmentId = context.t('case.form.needLead');
      return form.outcome === 'REASSIGNED' ? { ...errors, ...tierErrors(form, context) } : errors;
    },
    document: DecideObjectionDocument,
    input: (form) => ({
      outcome: form.outcome === 'REASSIGNED' ? ('REASSIGNED' as const) : ('MAINTAINED' as const),
      ...(form.outcome === 'REASSIGNED'
        ? {
            leadDepartmentId: form.leadDepartmentId,
            cooperatingDepartmentIds: othersThanLead(form),
            ...tiersInput(form),
          }
        : {}),
      note: text(form.note),
    }),
    pick: (data) => data.decideObjection,
  }),
  // 分办 / 协办: a split department also answers the enterprise for its part.
  reportPart: spec({
    fields: ['departmentId', 'replyToEnterprise', 'report'],
    required: ['report'],
    validate: (form, context) => {
      const errors: FieldErrors = {};
      if (reportingChoices(context).length > 1 && !form.departmentId)
        errors.departmentId = context.t('common.required');
      if (
        answersEnterprise(context.caseData, context.rules, form.departmentId) &&
        !form.replyToEnterprise.trim()
      )
        errors.replyToEnterprise = context.t('common.required');
      return errors;
    },
    document: ReportPartDocument,
    input: (form) => ({
      ...(form.departmentId ? { departmentId: form.departmentId } : {}),
      report: text(form.report),
      ...(form.replyToEnterprise.trim() ? { replyToEnterprise: text(form.replyToEnterprise) } : {}),
    }),
    pick: (data) => data.reportPart,
  }),
  skipStep: spec({
    fields: ['reason'],
    required: ['reason'],
    document: SkipCaseStepDocument,
    input: (form) => ({ step: form.step as ProcedureStep, reason: text(form.reason) }),
    pick: (data) => data.skipCaseStep,
  }),
  // 移交: the letters cite the case's own overdue deadline (shown, never typed in).
  handOverToOffice: spec({
    fields: ['officeCodes', 'note'],
    required: ['officeCodes'],
    document: HandOverToOfficeDocument,
    input: (form) => ({ officeCodes: [...form.officeCodes], note: optionalText(form.note) }),
    pick: (data) => data.handOverToOffice,
  }),
};

/** Labels that differ by act (the same input field means different things). */
export const FIELD_LABELS: Partial<Record<CaseActionType, Partial<Record<ActionField, string>>>> = {
  reject: { reason: 'case.form.rejectReason' },
  screen: { opinion: 'case.form.screeningOpinion' },
  approve: { opinion: 'case.form.approvalOpinion' },
  sendBack: { reason: 'case.form.sendBackReason' },
  grade: { reason: 'case.form.gradeReason' },
  specialSupervision: { reason: 'case.form.supervisionReason' },
  escalate: { reason: 'case.form.escalationReason' },
  addProgressNote: { note: 'case.form.progressNote' },
  requestExtension: { reason: 'case.form.extensionReason' },
  decideExtension: { approved: 'case.form.extensionDecision', note: 'case.form.decisionNote' },
  objectToAssignment: { reason: 'case.form.objectionReason' },
  decideObjection: { leadDepartmentId: 'case.form.newLeadDepartment', note: 'case.form.decisionNote' },
  skipStep: { reason: 'case.form.skipReason' },
  reportPart: { departmentId: 'case.form.reportingDepartment' },
};

/** `action-field-reply-to-enterprise`: the data-test of a field (browser tests select by it). */
export function fieldTestId(field: ActionField): string {
  return `action-field-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function fieldLabelKey(action: CaseActionType, field: ActionField): string {
  return FIELD_LABELS[action]?.[field] ?? `case.form.${field}`;
}

/** The reason code for a case outside the park (Art. 2), beside the rules' inadmissible matters. */
export const NOT_IN_PARK = 'NOT_IN_PARK';

export function emptyActionForm(): ActionForm {
  return {
    notes: '',
    reason: '',
    note: '',
    minutes: '',
    summary: '',
    jurisdiction: '',
    major: false,
    policyHeavy: false,
    leadDepartmentId: '',
    cooperatingDepartmentIds: [],
    referredDepartmentIds: [],
    opinion: '',
    replyToEnterprise: '',
    result: '',
    approved: true,
    comment: '',
    departmentId: '',
    repliedOn: '',
    responsiblePerson: '',
    contact: '',
    content: '',
    gradeCode: '',
    satisfactionCode: '',
    event: '',
    kind: '',
    heldOn: '',
    participants: [],
    ground: '',
    newDueOn: '',
    outcome: '',
    flagCodes: [],
    enterpriseConfirmed: false,
    step: '',
    officeCodes: [],
    report: '',
    departmentTiers: {},
  };
}

/** District bureaus written to whose reply is not recorded yet (Art. 7.2). */
export function pendingReferrals(context: Pick<ActionContext, 'caseData' | 'departments'>): string[] {
  const letters = context.caseData.documents.filter(
    (doc) => doc.kind === 'REFERRAL_LETTER' && doc.departmentId,
  );
  if (letters.length > 0) {
    return [...new Set(letters.filter((doc) => !doc.doneOn).map((doc) => doc.departmentId as string))];
  }
  const districts = new Set(context.departments.filter((d) => d.kind === 'DISTRICT').map((d) => d.id));
  return context.caseData.departmentIds.filter((id) => districts.has(id));
}

/** Sensible starting values: what the case already says, today for dates. */
export function initialActionForm(action: CaseActionType, context: ActionContext): ActionForm {
  const form = emptyActionForm();
  const { caseData, departments, rules, today } = context;
  switch (action) {
    case 'screen': {
      const kindOf = new Map(departments.map((d) => [d.id, d.kind] as const));
      const hopedPark = caseData.hopedDepartmentIds.filter((id) => kindOf.get(id) === 'PARK');
      const hopedDistrict = caseData.hopedDepartmentIds.filter((id) => kindOf.get(id) === 'DISTRICT');
      form.jurisdiction =
        caseData.jurisdiction ?? (hopedDistrict.length > 0 && hopedPark.length === 0 ? 'DISTRICT' : 'PARK');
      form.major = caseData.major;
      form.policyHeavy = caseData.policyHeavy;
      form.leadDepartmentId = caseData.leadDepartmentId ?? hopedPark[0] ?? '';
      form.cooperatingDepartmentIds = hopedPark.filter((id) => id !== form.leadDepartmentId);
      form.referredDepartmentIds = hopedDistrict;
      form.flagCodes = [...caseData.flagCodes];
      // Screened again (sent back): the tiers given before.
      form.departmentTiers = syncDepartmentTiers(
        Object.fromEntries(caseData.departmentTiers.map((entry) => [entry.departmentId, entry.tierCode])),
        form.cooperatingDepartmentIds,
        rules,
      );
      break;
    }
    case 'reviewResult':
    case 'decideExtension':
      form.approved = true;
      break;
    case 'requestExtension':
      form.newDueOn = caseData.pendingExtension?.newDueOn ?? '';
      break;
    case 'decideObjection':
      form.outcome = 'MAINTAINED';
      break;
    case 'recordReferralReply':
      form.departmentId = pendingReferrals(context)[0] ?? '';
      form.repliedOn = today;
      break;
    case 'specialSupervision':
      form.event = specialSupervisionEvents(rules)[0] ?? '';
      break;
    case 'recordCoordination':
      form.kind = 'VISIT';
      form.heldOn = today;
      break;
    case 'skipStep':
      form.step = caseData.stepDueNow ?? '';
      break;
    case 'handOverToOffice':
      form.officeCodes = [...(rules?.overdueHandover?.officeCodes ?? [])];
      break;
    case 'reportPart':
      form.departmentId = reportingChoices(context)[0] ?? '';
      break;
    default:
      break;
  }
  return form;
}

/**
 * Events the park's rules answer with special supervision (Art. 10); an unsatisfied follow-up not
 * where the rules only record it.
 */
export function specialSupervisionEvents(rules: ParkRules | undefined): SpecialSupervisionEvent[] {
  const events = (rules?.supervisionTriggers ?? [])
    .filter((trigger) => trigger.action === 'SPECIAL_SUPERVISION')
    .filter((trigger) => trigger.event !== 'UNSATISFIED' || rules?.followUp.onUnsatisfied !== 'RECORD_ONLY')
    .map((trigger) => trigger.event)
    .filter((event): event is SpecialSupervisionEvent =>
      (SPECIAL_SUPERVISION_EVENTS as readonly string[]).includes(event),
    );
  return events.length > 0 ? events : [...SPECIAL_SUPERVISION_EVENTS];
}

/** The approval route screening would lead to (Art. 7), shown before the act is sent. */
export function previewApprovalRoute(
  form: ActionForm,
  caseData: CaseDetailFieldsFragment,
  rules: ParkRules | undefined,
): ApprovalRoute | null {
  if (!rules || !form.jurisdiction) return null;
  const departmentCount =
    form.jurisdiction === 'DISTRICT'
      ? form.referredDepartmentIds.length
      : (form.leadDepartmentId ? 1 : 0) +
        form.cooperatingDepartmentIds.filter((id) => id !== form.leadDepartmentId).length;
  if (departmentCount === 0) return null;
  try {
    return matchApprovalRoute(rules, {
      jurisdiction: form.jurisdiction,
      departmentCount,
      major: form.major,
      policyHeavy: form.policyHeavy,
      categoryCode: caseData.categoryCode,
      flagCodes: form.flagCodes,
      // 挂钩联系 as the case recorded it, for routes that ask about it.
      linkedDepartmentId: caseData.enterpriseLink?.departmentId ?? null,
      linkedCadreUserId: caseData.enterpriseLink?.cadreUserId ?? null,
      leadDepartmentId: form.jurisdiction === 'PARK' ? form.leadDepartmentId || null : null,
    }).route;
  } catch {
    return null;
  }
}
