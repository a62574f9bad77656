import { z } from 'zod';
import { PARK_ROLES } from '../auth/roles.js';
import { isIsoDate } from '../calendar/iso-date.js';
import { NUMBERING_RESETS } from '../numbering/numbering.js';
import { NOTIFICATION_KINDS } from './notification-templates.js';

/**
 * A park's rules as data (DESIGN.md, "Rules as tenant configuration"): everything the rulebook
 * states as a list, a number, a route or a wording. This schema checks shapes only; the
 * cross-field checks (unique codes, references, fallback route…) are in validate-park-rules.ts.
 * Objects are strict so that a misspelt key in a config file is reported, not silently ignored.
 */

/**
 * 2: every section with a common default may be left out (rules-defaults.ts); a deadline may be 0
 * (the same day). A version 1 file is read as version 2.
 */
export const PARK_RULES_SCHEMA_VERSION = 2;

export const JURISDICTIONS = ['PARK', 'DISTRICT'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const DEPARTMENT_KINDS = ['PARK', 'DISTRICT'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const CC_WHEN = ['ALWAYS', 'MAJOR_ONLY'] as const;
export type CcWhen = (typeof CC_WHEN)[number];

/**
 * The documents and events an outside office (督查室、效能办…) may be copied on: referral letters
 * (Art. 7.2), assignment sheets, the report back of a result, supervision letters and the hand-over
 * of an overdue case to the offices that receive it.
 */
export const CC_OCCASIONS = [
  'REFERRAL_LETTER',
  'ASSIGNMENT_SHEET',
  'RESULT_REPORT',
  'SUPERVISION_LETTER',
  'OVERDUE_HANDOVER',
] as const;
export type CcOccasion = (typeof CC_OCCASIONS)[number];

export const NUMBERED_DOCUMENT_KINDS = [
  'REGISTRATION',
  'ASSIGNMENT',
  'REFERRAL_LETTER',
  'SUPERVISION_LETTER',
  'CIRCULAR_NOTICE',
  'HANDOVER_LETTER',
] as const;
export type NumberedDocumentKind = (typeof NUMBERED_DOCUMENT_KINDS)[number];

export const DEADLINE_UNITS = ['WORKING_DAYS', 'CALENDAR_DAYS'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export const URGENCIES = ['NORMAL', 'URGENT'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const DEADLINE_STAGES = [
  'verification',
  'screening',
  'approval',
  'departmentReply',
  'referralReply',
  'followUp',
  'bGradeReviewInterval',
] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

export const SUPERVISION_EVENTS = ['OVERDUE', 'INCOMPLETE', 'NON_STANDARD_REPLY', 'UNSATISFIED'] as const;
export type SupervisionEvent = (typeof SUPERVISION_EVENTS)[number];

export const SUPERVISION_ACTIONS = ['SUPERVISION', 'SPECIAL_SUPERVISION'] as const;
export type SupervisionAction = (typeof SUPERVISION_ACTIONS)[number];

export const DOCUMENT_TEMPLATE_KINDS = [
  'REGISTRATION_FORM',
  'ASSIGNMENT_SHEET',
  'REFERRAL_LETTER',
  'SUPERVISION_LETTER',
  'CIRCULAR_NOTICE',
  'LEDGER_EXPORT',
] as const;
export type DocumentTemplateKind = (typeof DOCUMENT_TEMPLATE_KINDS)[number];

/** The steps of the procedure a park's rulebook may make optional or leave out (Art. 6, 9, 10). */
export const PROCEDURE_STEPS = ['verification', 'headReview', 'grading', 'followUp'] as const;
export type ProcedureStep = (typeof PROCEDURE_STEPS)[number];

/**
 * REQUIRED: every case goes through the step. OPTIONAL: staff may skip it on a case, with a reason
 * on the timeline. ABSENT: the procedure has no such step; cases go straight past it.
 */
export const STEP_MODES = ['REQUIRED', 'OPTIONAL', 'ABSENT'] as const;
export type StepMode = (typeof STEP_MODES)[number];

/** Which graded cases are followed up: all, a percentage (by the case's id), every Nth graded case. */
export const FOLLOW_UP_MODES = ['ALL', 'PERCENT', 'EVERY_NTH'] as const;
export type FollowUpMode = (typeof FOLLOW_UP_MODES)[number];

/**
 * What an unsatisfied follow-up does: SPECIAL_SUPERVISION (Art. 10: the case cannot be closed out,
 * and the supervision triggers decide whether it reopens) or RECORD_ONLY (recorded and counted in
 * the satisfaction figures; the case can be closed out).
 */
export const UNSATISFIED_FOLLOW_UP_ACTIONS = ['SPECIAL_SUPERVISION', 'RECORD_ONLY'] as const;
export type UnsatisfiedFollowUpAction = (typeof UNSATISFIED_FOLLOW_UP_ACTIONS)[number];

/**
 * A case from an enterprise not in the park's register (or no longer operating there): rejected at
 * registration (Art. 2), registered but flagged for verification to confirm or reject, or accepted
 * with the enterprise added to the register.
 */
export const NOT_IN_REGISTER_HANDLINGS = ['REJECT', 'FLAG_FOR_VERIFICATION', 'ACCEPT_AND_ADD'] as const;
export type NotInRegisterHandling = (typeof NOT_IN_REGISTER_HANDLINGS)[number];

/**
 * Who records the follow-up (回访): the service center, the linked department of the case's
 * enterprise (its head or handlers) and its linked cadre (挂钩联系干部), as recorded at registration.
 * A case whose enterprise has none of the linked recorders listed is followed up by the service center.
 */
export const FOLLOW_UP_RECORDERS = ['SERVICE_CENTER', 'LINKED_DEPARTMENT', 'LINKED_CADRE'] as const;
export type FollowUpRecorder = (typeof FOLLOW_UP_RECORDERS)[number];

const oneOf = (values: readonly string[]): string => `must be one of: ${values.join(', ')}`;

export const ruleCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be UPPER_SNAKE_CASE');
const textSchema = z.string().trim().min(1, 'must not be empty');
const phoneSchema = z.string().regex(/^[0-9][0-9-]{4,19}$/, 'must be a phone number (digits and dashes)');
const isoDateSchema = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');

export const categorySchema = z.strictObject({
  code: ruleCodeSchema,
  labelZh: textSchema,
  labelEn: textSchema,
  active: z.boolean(),
});

export const intakeChannelSchema = z.strictObject({
  code: ruleCodeSchema,
  labelZh: textSchema,
  labelEn: textSchema,
  active: z.boolean(),
  /** The number enterprises call, for telephone channels (Art. 5: 79429609). */
  phone: phoneSchema.optional(),
  /** The report form a case from this channel has as a rule (a hotline call is a phone report). */
  reportFormCode: ruleCodeSchema.optional(),
});

export const reportFormSchema = z.strictObject({
  code: ruleCodeSchema,
  labelZh: textSchema,
  labelEn: textSchema,
  active: z.boolean(),
});

/** Matters settled by statutory channels that are not accepted as cases (Art. 2). */
export const inadmissibleMatterSchema = z.strictObject({
  code: ruleCodeSchema,
  labelZh: textSchema,
  labelEn: textSchema,
});

export const departmentSchema = z.strictObject({
  code: ruleCodeSchema,
  name: textSchema,
  nameEn: textSchema.optional(),
  kind: z.enum(DEPARTMENT_KINDS, { error: oneOf(DEPARTMENT_KINDS) }),
  active: z.boolean(),
});

/**
 * Offices copied on the park's documents (Art. 7.2: 区民促办 always, 区整顿办 for major cases), and
 * the outside offices overdue cases are handed over to. `when` holds for every occasion it is
 * copied on; a rulebook that names no occasion copies it on referral letters only.
 */
export const ccOfficeSchema = z.strictObject({
  code: ruleCodeSchema,
  name: textSchema,
  nameEn: textSchema.optional(),
  when: z.enum(CC_WHEN, { error: oneOf(CC_WHEN) }),
  copiedOn: z
    .array(z.enum(CC_OCCASIONS, { error: oneOf(CC_OCCASIONS) }))
    .min(1, 'must name at least one document or event'),
});

export const numberingRuleSchema = z.strictObject({
  /** Literal text with {year} and {seq} (or {seq:N}, zero-padded to N digits). */
  format: textSchema,
  reset: z.enum(NUMBERING_RESETS, { error: oneOf(NUMBERING_RESETS) }),
});

export const numberingSchema = z.strictObject({
  REGISTRATION: numberingRuleSchema,
  ASSIGNMENT: numberingRuleSchema,
  REFERRAL_LETTER: numberingRuleSchema,
  SUPERVISION_LETTER: numberingRuleSchema,
  CIRCULAR_NOTICE: numberingRuleSchema.optional(),
  HANDOVER_LETTER: numberingRuleSchema,
});

/** Every field present must hold (AND); an empty condition matches every case (the fallback). */
export const approvalRouteConditionSchema = z.strictObject({
  jurisdiction: z.enum(JURISDICTIONS, { error: oneOf(JURISDICTIONS) }).optional(),
  departmentCountMin: z.int('must be an integer').min(0, 'must be at least 0').optional(),
  departmentCountMax: z.int('must be an integer').min(0, 'must be at least 0').optional(),
  major: z.boolean().optional(),
  policyHeavy: z.boolean().optional(),
  categoryCodes: z.array(ruleCodeSchema).min(1, 'must list at least one category').optional(),
  /** Every listed flag of the park (`caseFlags`) was set at screening. */
  flagCodes: z.array(ruleCodeSchema).min(1, 'must list at least one flag').optional(),
  /** The enterprise had a linked department or cadre (挂钩联系) when the case was registered. */
  enterpriseLinked: z.boolean().optional(),
  /** The lead department chosen at screening is the enterprise's linked department (PARK matters). */
  leadIsLinkedDepartment: z.boolean().optional(),
});

/** A flag the park defines for routing (重点项目, 重复反映…), set on a case at screening. */
export const caseFlagSchema = z.strictObject({
  code: ruleCodeSchema,
  labelZh: textSchema,
  labelEn: textSchema,
});

/** One sign-off (会签 / 审签) of a route's approval chain: the role that signs, and what the step is called. */
export const approvalStepSchema = z.strictObject({
  role: z.enum(PARK_ROLES, { error: (issue) => `unknown role ${JSON.stringify(issue.input)}` }),
  labelZh: textSchema.optional(),
  labelEn: textSchema.optional(),
});

/**
 * `approvalSteps`: the ordered sign-offs; an empty list means the office assigns directly. A route of
 * an older file names one `approverRole` instead, read as `approvalSteps: [{ role }]`
 * (withRuleDefaults); giving both, or neither, is a problem (validate-park-rules.ts).
 */
export const approvalRouteSchema = z
  .strictObject({
    code: ruleCodeSchema,
    labelZh: textSchema,
    labelEn: textSchema,
    condition: approvalRouteConditionSchema,
    approverRole: z
      .enum(PARK_ROLES, { error: (issue) => `unknown role ${JSON.stringify(issue.input)}` })
      .optional(),
    sendsReferralLetter: z.boolean(),
    /** Narrows the cc offices of this route's letter; without it every office applies by its `when`. */
    ccOfficeCodes: z.array(ruleCodeSchema).optional(),
    approvalSteps: z.array(approvalStepSchema).optional(),
  })
  .transform(({ approverRole, approvalSteps, ...route }) => ({
    ...route,
    approvalSteps: approvalSteps ?? (approverRole ? [{ role: approverRole }] : []),
  }));

export const durationSchema = z.strictObject({
  amount: z.int('must be an integer').min(0, 'must be at least 0 (0: the same day)'),
  unit: z.enum(DEADLINE_UNITS, { error: oneOf(DEADLINE_UNITS) }),
});

/** The amount applies to NORMAL urgency; URGENT may shorten it. */
export const deadlineRuleSchema = z.strictObject({
  amount: z.int('must be an integer').min(0, 'must be at least 0 (0: the same day)'),
  unit: z.enum(DEADLINE_UNITS, { error: oneOf(DEADLINE_UNITS) }),
  byUrgency: z.strictObject({ URGENT: durationSchema.optional() }).optional(),
});

export const deadlinesSchema = z.strictObject({
  verification: deadlineRuleSchema,
  screening: deadlineRuleSchema,
  approval: deadlineRuleSchema,
  departmentReply: deadlineRuleSchema,
  referralReply: deadlineRuleSchema,
  followUp: deadlineRuleSchema,
  bGradeReviewInterval: deadlineRuleSchema,
});

export const calendarOverrideSchema = z.strictObject({
  date: isoDateSchema,
  reason: textSchema,
});

/** Park-specific changes to the national calendar (a park closure, a Saturday on duty…). */
export const calendarOverridesSchema = z.strictObject({
  closures: z.array(calendarOverrideSchema),
  extraWorkdays: z.array(calendarOverrideSchema),
});

export const gradeSchema = z.strictObject({
  code: ruleCodeSchema,
  labelZh: textSchema,
  labelEn: textSchema,
  closesCase: z.boolean(),
  /** The grade must state why (C: laws, policy or other limits). */
  requiresReason: z.boolean(),
  /** The case stays under tracking and is reviewed again (B: being solved). */
  reviewRequired: z.boolean(),
});

export const satisfactionLevelSchema = z.strictObject({
  code: ruleCodeSchema,
  labelZh: textSchema,
  labelEn: textSchema,
  countsAsSatisfied: z.boolean(),
});

export const supervisionTriggerSchema = z.strictObject({
  event: z.enum(SUPERVISION_EVENTS, { error: oneOf(SUPERVISION_EVENTS) }),
  action: z.enum(SUPERVISION_ACTIONS, { error: oneOf(SUPERVISION_ACTIONS) }),
  reopensCase: z.boolean(),
});

const stepModeSchema = z.enum(STEP_MODES, { error: oneOf(STEP_MODES) });

export const stepsSchema = z.strictObject({
  /** Art. 6: 核实 with the enterprise. */
  verification: stepModeSchema,
  /** Art. 9: the result reviewed by the department head before it is reported. */
  headReview: stepModeSchema,
  /** Art. 9: grades A/B/C. */
  grading: stepModeSchema,
  /** Art. 10: 跟踪问效, the satisfaction follow-up. */
  followUp: stepModeSchema,
});

/** Art. 10 follow-up of every graded case or of a sample; `percent` / `everyNth` go with their mode. */
export const followUpSchema = z.strictObject({
  mode: z.enum(FOLLOW_UP_MODES, { error: oneOf(FOLLOW_UP_MODES) }),
  percent: z
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .optional(),
  everyNth: z.int('must be an integer').min(2, 'must be at least 2 (1 is every case: mode ALL)').optional(),
  onUnsatisfied: z.enum(UNSATISFIED_FOLLOW_UP_ACTIONS, { error: oneOf(UNSATISFIED_FOLLOW_UP_ACTIONS) }),
  /** Who may record it; left out: the service center only (Art. 10). */
  recordedBy: z
    .array(z.enum(FOLLOW_UP_RECORDERS, { error: oneOf(FOLLOW_UP_RECORDERS) }))
    .min(1, 'must name at least one recorder')
    .refine((list) => new Set(list).size === list.length, 'must not name a recorder twice')
    .optional(),
});

/** Art. 2: what registration does with an enterprise that is not in the park's register. */
export const admissibilitySchema = z.strictObject({
  notInRegister: z.enum(NOT_IN_REGISTER_HANDLINGS, { error: oneOf(NOT_IN_REGISTER_HANDLINGS) }),
});

export const parkContactsSchema = z.strictObject({
  serviceCenterName: textSchema,
  serviceCenterHotline: phoneSchema,
  /** The body in whose name letters go out (落款). */
  issuingBodyName: textSchema,
  /** The office that prints and issues documents (印发). */
  issuingOfficeName: textSchema,
  /** Art. 4: 园区服务企业领导小组办公室, which supervises and names. */
  leadingGroupOfficeName: textSchema,
});

/**
 * Letter wording with placeholders filled when a document is produced. The reply period comes
 * from `deadlines.referralReply` through {replyPeriod}, so the number is stated once.
 */
export const letterWordingSchema = z.strictObject({
  title: textSchema,
  salutation: textSchema,
  body: textSchema,
  closing: textSchema,
});

export const lettersSchema = z.strictObject({
  referral: letterWordingSchema,
  /** To the department a case was assigned to (Art. 10). */
  supervision: letterWordingSchema,
  /** To a bureau that has not answered its referral letter; without it, the built-in wording. */
  referralSupervision: letterWordingSchema.optional(),
});

/** Template id per document kind; null means the built-in default template. */
export const documentTemplatesSchema = z.strictObject({
  REGISTRATION_FORM: textSchema.nullable(),
  ASSIGNMENT_SHEET: textSchema.nullable(),
  REFERRAL_LETTER: textSchema.nullable(),
  SUPERVISION_LETTER: textSchema.nullable(),
  CIRCULAR_NOTICE: textSchema.nullable(),
  LEDGER_EXPORT: textSchema.nullable(),
});

/** A notification's wording; English is optional (the console then shows the Chinese). */
export const notificationTemplateSchema = z.strictObject({
  titleZh: textSchema,
  bodyZh: textSchema,
  titleEn: textSchema.optional(),
  bodyEn: textSchema.optional(),
});

/** A kind left out uses the built-in wording (DEFAULT_NOTIFICATION_TEMPLATES). */
export const notificationTemplatesSchema = z.strictObject(
  Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, notificationTemplateSchema.optional()]),
  ) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodOptional<typeof notificationTemplateSchema>>,
);

/**
 * The park's own gateway (SMS, WeChat…): each notification is POSTed to `url`, signed with the
 * secret held by the API's environment variable named `secretRef` (never in the rules, which its
 * staff can read).
 */
export const notificationWebhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  secretRef: z
    .string()
    .regex(/^QIFU_WEBHOOK_SECRET_[A-Z0-9_]+$/, 'must name an environment variable QIFU_WEBHOOK_SECRET_…'),
});

export const notificationsSchema = z.strictObject({
  templates: notificationTemplatesSchema,
  webhook: notificationWebhookSchema.optional(),
});

const roleSchema = z.enum(PARK_ROLES, { error: (issue) => `unknown role ${JSON.stringify(issue.input)}` });

/**
 * Extensions (延期申请) of a stage's deadline: asked for by the department that owes it, at least
 * `requestBeforeWorkingDays` before the due date, decided by one of `decidedBy`; at most `maxCount`
 * approved, each at most `maxLength` past the due date it moves.
 */
export const extensionRuleSchema = z.strictObject({
  requestBeforeWorkingDays: z.int('must be an integer').min(0, 'must be at least 0 (0: up to the due date)'),
  decidedBy: z.array(roleSchema).min(1, 'must name at least one role'),
  maxCount: z.int('must be an integer').min(1, 'must be at least 1'),
  maxLength: z.strictObject({
    amount: z.int('must be an integer').min(1, 'must be at least 1'),
    unit: z.enum(DEADLINE_UNITS, { error: oneOf(DEADLINE_UNITS) }),
  }),
});

/** The stages whose deadline may be extended; a stage left out has no extensions. */
export const EXTENDABLE_STAGES = ['departmentReply'] as const;
export type ExtendableStage = (typeof EXTENDABLE_STAGES)[number];

export const extensionsSchema = z.strictObject({ departmentReply: extensionRuleSchema.optional() });

/**
 * Objections to an assignment (异议 / 退回): the lead department may object within
 * `windowWorkingDays` of the assignment; one of `decidedBy` decides within `decisionWorkingDays`,
 * maintaining the assignment (final) or assigning the case to another department (a new clock).
 */
export const objectionsSchema = z.strictObject({
  windowWorkingDays: z.int('must be an integer').min(0, 'must be at least 0 (0: the day of the assignment)'),
  decidedBy: z.array(roleSchema).min(1, 'must name at least one role'),
  decisionWorkingDays: z.int('must be an integer').min(0, 'must be at least 0 (0: the same day)'),
});

/**
 * An overdue case still not answered `afterWorkingDays` after its supervision letter is handed over
 * to these outside offices (移交), with a numbered hand-over letter (移交函).
 */
export const overdueHandoverSchema = z.strictObject({
  officeCodes: z.array(ruleCodeSchema).min(1, 'must name at least one cc office'),
  afterWorkingDays: z.int('must be an integer').min(0, 'must be at least 0 (0: the day of the letter)'),
});

/**
 * The tiers of an assignment (主办 / 分办 / 协办 / 配合) and what each tier's departments do:
 * LEAD handles the case and submits its result (one tier; its clock is `deadlines.departmentReply`,
 * with extensions and objections); SPLIT answers the enterprise for its own part, with its own clock
 * and result; ASSISTING reports to the lead department within its own clock; COOPERATING helps the
 * lead with progress notes and has no clock (Zhengyang's 配合办理部室).
 */
export const ASSIGNMENT_TIER_ROLES = ['LEAD', 'SPLIT', 'ASSISTING', 'COOPERATING'] as const;
export type AssignmentTierRole = (typeof ASSIGNMENT_TIER_ROLES)[number];

/** Who a SPLIT or ASSISTING department's report goes to (and is notified). */
export const TIER_REPORT_ADDRESSEES = ['SERVICE_CENTER', 'LEAD_DEPARTMENT'] as const;
export type TierReportAddressee = (typeof TIER_REPORT_ADDRESSEES)[number];

/**
 * One tier: its clock counted from the assignment (SPLIT and ASSISTING only; the lead's is the reply
 * deadline), to whom its report goes, the cc offices copied on that report, and whether its lateness
 * is supervised (a supervision letter to its department, counted against it on the dashboards).
 */
export const assignmentTierSchema = z.strictObject({
  code: ruleCodeSchema,
  labelZh: textSchema,
  labelEn: textSchema,
  role: z.enum(ASSIGNMENT_TIER_ROLES, { error: oneOf(ASSIGNMENT_TIER_ROLES) }),
  clock: durationSchema.optional(),
  reportsTo: z.enum(TIER_REPORT_ADDRESSEES, { error: oneOf(TIER_REPORT_ADDRESSEES) }).optional(),
  ccOfficeCodes: z.array(ruleCodeSchema).default([]),
  supervisedWhenLate: z.boolean(),
});

export const parkRulesSchema = z.strictObject({
  schemaVersion: z.literal(PARK_RULES_SCHEMA_VERSION, `must be ${PARK_RULES_SCHEMA_VERSION}`),
  categories: z.array(categorySchema).min(1, 'must list at least one category'),
  intakeChannels: z.array(intakeChannelSchema).min(1, 'must list at least one channel'),
  reportForms: z.array(reportFormSchema).min(1, 'must list at least one report form'),
  inadmissibleMatters: z.array(inadmissibleMatterSchema),
  departments: z.array(departmentSchema).min(1, 'must list at least one department'),
  ccOffices: z.array(ccOfficeSchema),
  numbering: numberingSchema,
  approvalRoutes: z.array(approvalRouteSchema).min(1, 'must list at least the fallback route'),
  deadlines: deadlinesSchema,
  calendar: calendarOverridesSchema,
  grades: z.array(gradeSchema).min(1, 'must list at least one grade'),
  satisfactionScale: z.array(satisfactionLevelSchema).min(2, 'must list at least two levels'),
  supervisionTriggers: z.array(supervisionTriggerSchema),
  contacts: parkContactsSchema,
  letters: lettersSchema,
  templates: documentTemplatesSchema,
  /** Without it: the built-in wordings and no webhook. */
  notifications: notificationsSchema.optional(),
  /** Default: no extensions. */
  extensions: extensionsSchema,
  /** Default null: assignments cannot be objected to. */
  objections: objectionsSchema.nullable(),
  /** Flags screening may set on a case, for approval routes to look at. */
  caseFlags: z.array(caseFlagSchema),
  steps: stepsSchema,
  followUp: followUpSchema,
  admissibility: admissibilitySchema,
  /** Default null: overdue cases are not handed over. */
  overdueHandover: overdueHandoverSchema.nullable(),
  /** Default: a lead tier (牵头) and a cooperating one (配合), as Zhengyang's Attachment 3. */
  assignmentTiers: z.array(assignmentTierSchema).min(1, 'must list at least the lead tier'),
});

const slugSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');

/** Who the park is; `code` is the tenant's stable key. */
export const parkIdentitySchema = z.strictObject({
  code: slugSchema,
  name: textSchema,
  districtCode: slugSchema,
  districtName: textSchema,
});

/** A park's configuration file (infra/parks/*.yaml). */
export const parkConfigSchema = z.strictObject({
  park: parkIdentitySchema,
  rules: parkRulesSchema,
});

export type ParkRules = z.output<typeof parkRulesSchema>;
export type CategoryDefinition = z.output<typeof categorySchema>;
export type IntakeChannelDefinition = z.output<typeof intakeChannelSchema>;
export type ReportFormDefinition = z.output<typeof reportFormSchema>;
export type InadmissibleMatterDefinition = z.output<typeof inadmissibleMatterSchema>;
export type DepartmentDefinition = z.output<typeof departmentSchema>;
export type CcOfficeDefinition = z.output<typeof ccOfficeSchema>;
export type NumberingRule = z.output<typeof numberingRuleSchema>;
export type ApprovalRouteCondition = z.output<typeof approvalRouteConditionSchema>;
export type ApprovalRoute = z.output<typeof approvalRouteSchema>;
export type ApprovalStepDefinition = z.output<typeof approvalStepSchema>;
export type CaseFlagDefinition = z.output<typeof caseFlagSchema>;
export type Duration = z.output<typeof durationSchema>;
export type DeadlineRule = z.output<typeof deadlineRuleSchema>;
export type CalendarOverride = z.output<typeof calendarOverrideSchema>;
export type CalendarOverrides = z.output<typeof calendarOverridesSchema>;
export type GradeDefinition = z.output<typeof gradeSchema>;
export type SatisfactionLevelDefinition = z.output<typeof satisfactionLevelSchema>;
export type SupervisionTrigger = z.output<typeof supervisionTriggerSchema>;
export type ParkContacts = z.output<typeof parkContactsSchema>;
export type LetterWording = z.output<typeof letterWordingSchema>;
export type DocumentTemplates = z.output<typeof documentTemplatesSchema>;
export type NotificationTemplate = z.output<typeof notificationTemplateSchema>;
export type NotificationWebhook = z.output<typeof notificationWebhookSchema>;
export type NotificationSettings = z.output<typeof notificationsSchema>;
export type ProcedureSteps = z.output<typeof stepsSchema>;
export type FollowUpRules = z.output<typeof followUpSchema>;
export type AdmissibilityRules = z.output<typeof admissibilitySchema>;
export type ParkIdentity = z.output<typeof parkIdentitySchema>;
export type ExtensionRule = z.output<typeof extensionRuleSchema>;
export type ObjectionRules = z.output<typeof objectionsSchema>;
export type OverdueHandoverRule = z.output<typeof overdueHandoverSchema>;
export type AssignmentTier = z.output<typeof assignmentTierSchema>;
export type ParkConfig = z.output<typeof parkConfigSchema>;
