import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { listEnum } from '../graphql/list-enum.js';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ACT_DOCUMENT_KINDS,
  CASE_STATUSES,
  CLOCK_STAGES,
  COORDINATION_KINDS,
  DEADLINE_UNITS,
  ESCALATION_GROUND_CODES,
  FOLLOW_UP_BASES,
  NOT_IN_REGISTER_MARKS,
  PARK_ROLES,
  PROCEDURE_STEPS,
  SPECIAL_SUPERVISION_EVENTS,
  type ActDocumentKind,
  type CaseStatus,
  type ClockStage,
  type CoordinationKind,
  type DeadlineUnit,
  type EscalationGround,
  type NotInRegisterMark,
  type ProcedureStep,
  type SpecialSupervisionEvent,
} from '@qifu/domain';
import { JSONScalar } from '../graphql/json.scalar.js';
import { Connection } from '../graphql/connection.js';
import { RoleEnum } from '../graphql/models.js';
import { WorkingDayTraceEntry } from '../rules/park-rules.models.js';
import { IsCalendarDate, IsIsoDateTime } from '../graphql/date-validators.js';
import { DateScalar } from '../graphql/date.scalar.js';
import { NestedListField, OptionalCodesField, OptionalIdsField } from '../graphql/input-fields.js';

export const CaseStatusEnum = listEnum('CaseStatus', CASE_STATUSES);

export const JurisdictionEnum = listEnum('Jurisdiction', ['PARK', 'DISTRICT']);

export const ProcedureStepEnum = listEnum(
  'ProcedureStep',
  PROCEDURE_STEPS,
  'A step of the procedure a park may make optional or leave out (Art. 6, 9, 10).',
);

export const NotInRegisterEnum = listEnum(
  'NotInRegister',
  NOT_IN_REGISTER_MARKS,
  "The case's enterprise was not in the park's register (Art. 2): FLAGGED until verification confirms it, CONFIRMED, or ADDED to the register at registration.",
);

export const ClockStageEnum = listEnum(
  'ClockStage',
  CLOCK_STAGES,
  "A stage a case keeps a deadline for: a stage of the park's rules, a split or assisting department's clock (tierReport), or an objection's decision.",
);
export const DeadlineUnitEnum = listEnum('DeadlineUnit', DEADLINE_UNITS);
export const FollowUpBasisEnum = listEnum(
  'FollowUpBasis',
  FOLLOW_UP_BASES,
  "ALL: every case; PERCENT: the bucket (0-99) of the case id is below the percentage; EVERY_NTH: its place in the park's count is a multiple of N; STEP_ABSENT: no follow-up in the rules.",
);
export const CaseDocumentKindEnum = listEnum(
  'CaseDocumentKind',
  ACT_DOCUMENT_KINDS,
  'A numbered document a case act issues: assignment sheet, referral letter, supervision letter, hand-over letter.',
);
export const SpecialSupervisionEventEnum = listEnum(
  'SpecialSupervisionEvent',
  SPECIAL_SUPERVISION_EVENTS,
  'Art. 10: handling incomplete (办理不彻底), a reply not up to standard (答复不规范), the enterprise unsatisfied (企业不满意).',
);
export const EscalationGroundEnum = listEnum(
  'EscalationGround',
  ESCALATION_GROUND_CODES,
  'Art. 11: FRAUD (弄虚作假) or LEAK (失密泄密).',
);
export const CoordinationKindEnum = listEnum(
  'CoordinationKind',
  COORDINATION_KINDS,
  'Art. 8: a visit to a district bureau (对接), or a coordination meeting (协调推进会).',
);

export const LedgerSortEnum = listEnum('LedgerSort', ['REGISTRATION_DESC', 'REGISTRATION_ASC', 'DUE_ASC']);

const PHONE = /^[0-9+\-() ]{5,30}$/;

@ObjectType()
export class CaseSummary {
  @Field(() => ID) id!: string;
  @Field() registrationNo!: string;
  @Field(() => CaseStatusEnum) status!: CaseStatus;
  @Field(() => Int) version!: number;
  @Field() title!: string;
  @Field() enterpriseName!: string;
  @Field() categoryCode!: string;
  @Field() channelCode!: string;
  @Field() reportedAt!: Date;
  @Field(() => ID, { nullable: true }) leadDepartmentId!: string | null;
  @Field(() => [ID]) departmentIds!: string[];
  @Field(() => RoleEnum, { nullable: true }) approverRole!: string | null;
  @Field(() => String, { nullable: true }) gradeCode!: string | null;
  @Field(() => DateScalar, { nullable: true }) nextDueOn!: string | null;
  @Field(() => String, { nullable: true }) nextDueStage!: string | null;
  @Field() overdue!: boolean;
  @Field(() => Int, {
    nullable: true,
    description:
      'Set when a deadline of the case is pending (期限待定): the year whose holiday data is missing.',
  })
  pendingDeadlineYear!: number | null;
  @Field(() => NotInRegisterEnum, { nullable: true }) notInRegister!: NotInRegisterMark | null;
}

@ObjectType({ description: 'The ledger (台账), one page at a time.' })
export class LedgerConnection extends Connection(CaseSummary, 'Ledger') {}

@InputType()
export class LedgerFilter {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() year?: number;
  @Field(() => [CaseStatusEnum], { nullable: true }) @IsOptional() statuses?: CaseStatus[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) categoryCodes?: string[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) channelCodes?: string[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() departmentId?: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) gradeCodes?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() overdue?: boolean;
  @Field({
    nullable: true,
    description: 'Cases with a pending deadline (期限待定: holiday data missing for its year), or without.',
  })
  @IsOptional()
  @IsBoolean()
  deadlinePending?: boolean;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) keyword?: string;
  @Field(() => [RoleEnum], {
    nullable: true,
    description:
      'Cases pending approval whose current sign-off (审签) is by one of these roles: an approvals queue.',
  })
  @IsOptional()
  @IsIn(PARK_ROLES, { each: true, message: 'must be park roles' })
  @ArrayMaxSize(PARK_ROLES.length)
  approverRoles?: string[];
  @Field({
    nullable: true,
    description:
      'Cases whose enterprise is flagged as not in the register and awaits verification (Art. 2), or the others.',
  })
  @IsOptional()
  @IsBoolean()
  flaggedForVerification?: boolean;
}

@ObjectType()
export class CaseDeadline {
  @Field(() => ClockStageEnum) stage!: ClockStage;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Null while the deadline is pending (期限待定).' })
  dueOn!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'For a pending deadline: the year whose national holiday data is missing.',
  })
  pendingYear!: number | null;
  @Field(() => Int) amount!: number;
  @Field(() => DeadlineUnitEnum) unit!: DeadlineUnit;
  @Field(() => DateScalar, { nullable: true }) doneOn!: string | null;
  @Field() overdue!: boolean;
  @Field(() => ID, {
    nullable: true,
    description: "A split or assisting department's clock (stage tierReport): whose it is.",
  })
  departmentId!: string | null;
  @Field(() => String, { nullable: true, description: 'And of which tier (assignmentTiers code).' })
  tierCode!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The due date before the first extension (延期).' })
  originalDueOn!: string | null;
  @Field(() => [DeadlineExtension], { description: 'Approved extensions, in order.' })
  extensions!: DeadlineExtension[];
  @Field(() => [WorkingDayTraceEntry], {
    description: 'Each day counted or skipped, and why; the days an extension added are marked.',
  })
  trace!: WorkingDayTraceEntry[];
}

@ObjectType({ description: 'An approved extension (延期) of a deadline.' })
export class DeadlineExtension {
  @Field(() => DateScalar) fromDueOn!: string;
  @Field(() => DateScalar) toDueOn!: string;
  @Field() reason!: string;
  @Field(() => DateScalar) requestedOn!: string;
  @Field(() => DateScalar) decidedOn!: string;
  @Field(() => String, { nullable: true }) decidedByName!: string | null;
}

@ObjectType({ description: 'An extension asked for and not yet decided.' })
export class PendingExtension {
  @Field(() => DateScalar) fromDueOn!: string;
  @Field(() => DateScalar) newDueOn!: string;
  @Field() reason!: string;
  @Field(() => DateScalar) requestedOn!: string;
}

@ObjectType({ description: 'The lead department’s objection to its assignment (异议), not yet decided.' })
export class PendingObjection {
  @Field(() => ID) departmentId!: string;
  @Field() reason!: string;
  @Field(() => DateScalar) raisedOn!: string;
}

@ObjectType({ description: 'A deadline missed, as the supervision letter of Art. 10 (督办函) states it.' })
export class OverdueDeadline {
  @Field(() => ClockStageEnum, {
    description:
      'departmentReply (the lead department), tierReport (a split or assisting department) or referralReply (a bureau)',
  })
  stage!: ClockStage;
  @Field(() => DateScalar) dueOn!: string;
  @Field(() => ID, {
    nullable: true,
    description:
      'Who missed it and receives the letter: the lead, split or assisting department, or a bureau.',
  })
  departmentId!: string | null;
  @Field(() => String, { nullable: true, description: 'The split or assisting tier whose clock ran out.' })
  tierCode?: string | null;
}

@ObjectType({
  description: 'A park department on the case besides the lead, with its tier (分办、协办、配合…).',
})
export class DepartmentTier {
  @Field(() => ID) departmentId!: string;
  @Field({ description: "A tier code of the park's rules (assignmentTiers)." }) tierCode!: string;
  @Field({ description: 'A split or assisting department that reported its part.' }) reported!: boolean;
}

@ObjectType({
  description: 'Whether the case is followed up (Art. 10), decided once when it passes grading.',
})
export class FollowUpSampling {
  @Field() sampled!: boolean;
  @Field(() => FollowUpBasisEnum) basis!: (typeof FOLLOW_UP_BASES)[number];
  @Field(() => Int, { nullable: true }) percent!: number | null;
  @Field(() => Int, { nullable: true }) bucket!: number | null;
  @Field(() => Int, { nullable: true }) everyNth!: number | null;
  @Field(() => Int, { nullable: true }) ordinal!: number | null;
}

@ObjectType()
export class CaseEvent {
  @Field(() => ID) id!: string;
  @Field(() => Int) caseVersion!: number;
  @Field() type!: string;
  @Field() occurredAt!: Date;
  @Field(() => String, { nullable: true }) actorName!: string | null;
  @Field(() => RoleEnum, { nullable: true }) actorRole!: string | null;
  @Field(() => CaseStatusEnum, { nullable: true }) statusBefore!: CaseStatus | null;
  @Field(() => CaseStatusEnum) statusAfter!: CaseStatus;
  @Field(() => JSONScalar) data!: Record<string, unknown>;
}

@ObjectType()
export class CaseDocument {
  @Field(() => ID) id!: string;
  @Field(() => CaseDocumentKindEnum) kind!: ActDocumentKind;
  @Field() number!: string;
  @Field(() => ID, { nullable: true }) departmentId!: string | null;
  @Field(() => String, { nullable: true }) departmentName!: string | null;
  @Field(() => DateScalar) issuedOn!: string;
  @Field(() => DateScalar, { nullable: true }) dueOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) doneOn!: string | null;
  @Field() overdue!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'Issued while its due date was pending (期限待定): the year whose holiday data was missing.',
  })
  pendingDeadlineYear!: number | null;
  @Field(() => JSONScalar) data!: Record<string, unknown>;
}

@ObjectType({ description: "One sign-off (会签 / 审签) of the approval chain of the case's route." })
export class ApprovalStep {
  @Field(() => Int, { description: 'Position in the chain, from 0.' }) index!: number;
  @Field(() => RoleEnum) role!: string;
  @Field(() => String, { nullable: true, description: 'What the rules call this step, if they name it.' })
  labelZh!: string | null;
  @Field(() => String, { nullable: true }) labelEn!: string | null;
  @Field({ description: 'The sign-off the case awaits now.' }) current!: boolean;
  @Field(() => String, { nullable: true, description: 'Who signed; null while the step is open.' })
  signedByName!: string | null;
  @Field(() => Date, { nullable: true }) signedAt!: Date | null;
  @Field(() => String, { nullable: true }) opinion!: string | null;
}

@ObjectType({ description: '挂钩联系: names and phone as they were when the case was registered.' })
export class CaseEnterpriseLink {
  @Field(() => ID, { nullable: true }) departmentId!: string | null;
  @Field(() => String, { nullable: true }) departmentName!: string | null;
  @Field(() => ID, { nullable: true }) cadreUserId!: string | null;
  @Field(() => String, { nullable: true }) cadreName!: string | null;
  @Field(() => String, { nullable: true }) cadrePhone!: string | null;
}

@ObjectType()
export class Case {
  @Field(() => ID) id!: string;
  @Field() registrationNo!: string;
  @Field(() => Int, { description: 'The park rules version the case is handled under.' })
  rulesVersion!: number;
  @Field(() => CaseStatusEnum) status!: CaseStatus;
  @Field(() => Int) version!: number;
  @Field(() => ID, { nullable: true }) enterpriseId!: string | null;
  @Field() enterpriseName!: string;
  @Field() enterpriseAddress!: string;
  @Field() reportedAt!: Date;
  @Field() categoryCode!: string;
  @Field() channelCode!: string;
  @Field() reportFormCode!: string;
  @Field() contactName!: string;
  @Field(() => String, { nullable: true }) contactTitle!: string | null;
  @Field() contactPhone!: string;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => [ID]) hopedDepartmentIds!: string[];
  @Field() urgent!: boolean;
  @Field(() => JurisdictionEnum, { nullable: true }) jurisdiction!: 'PARK' | 'DISTRICT' | null;
  @Field() major!: boolean;
  @Field() policyHeavy!: boolean;
  @Field(() => ID, { nullable: true }) leadDepartmentId!: string | null;
  @Field(() => [ID]) departmentIds!: string[];
  @Field(() => RoleEnum, { nullable: true }) approverRole!: string | null;
  @Field(() => String, { nullable: true }) gradeCode!: string | null;
  @Field(() => String, { nullable: true }) satisfactionCode!: string | null;
  @Field(() => [String], { description: 'Acts the signed-in user may perform now (command types).' })
  allowedActions!: string[];
  @Field(() => [ApprovalStep], {
    description:
      'The sign-offs of the route chosen at screening, in order, with who signed when; empty before screening and for a route with no sign-off.',
  })
  approvalChain!: ApprovalStep[];
  @Field(() => [String], { description: "The park's case flags (caseFlags) screening set." })
  flagCodes!: string[];
  @Field(() => [CaseDeadline]) deadlines!: CaseDeadline[];
  @Field(() => [OverdueDeadline], {
    description: 'What a supervision letter (superviseOverdue) would state now, one per addressee.',
  })
  overdueDeadlines!: OverdueDeadline[];
  @Field(() => [DepartmentTier], {
    description: 'The departments besides the lead, each with its tier; split and assisting ones report.',
  })
  departmentTiers!: DepartmentTier[];
  @Field(() => PendingExtension, { nullable: true }) pendingExtension!: PendingExtension | null;
  @Field(() => PendingObjection, { nullable: true }) pendingObjection!: PendingObjection | null;
  @Field({
    description: 'An objection to the current assignment was decided: the assignment stands (final).',
  })
  objectionSettled!: boolean;
  @Field(() => [ProcedureStepEnum], {
    description: 'Optional steps skipped in the current round; the timeline says who skipped them and why.',
  })
  skippedSteps!: ProcedureStep[];
  @Field(() => ProcedureStepEnum, {
    nullable: true,
    description: 'The step the case waits on now, if one of the four (what skipCaseStep would skip).',
  })
  stepDueNow!: ProcedureStep | null;
  @Field(() => FollowUpSampling, { nullable: true, description: 'Null until the case passes grading.' })
  followUpSampling!: FollowUpSampling | null;
  @Field(() => NotInRegisterEnum, { nullable: true }) notInRegister!: NotInRegisterMark | null;
  @Field(() => CaseEnterpriseLink, {
    nullable: true,
    description: "The enterprise's linked department and cadre (挂钩联系) when the case was registered.",
  })
  enterpriseLink!: CaseEnterpriseLink | null;
  // Read with the case where it is loaded whole; otherwise when asked for (CaseFieldsResolver).
  @Field(() => [CaseDocument]) documents?: CaseDocument[];
  @Field(() => [CaseEvent], { description: 'Every act, oldest first.' }) timeline?: CaseEvent[];
}

@InputType()
export class RegisterCaseInput {
  @Field(() => ID, {
    nullable: true,
    description: 'An enterprise of the park; or give its name and credit code.',
  })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;
  @Field({ nullable: true }) @IsOptional() @MinLength(2) @MaxLength(200) enterpriseName?: string;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'must be 18 digits or capital letters' })
  enterpriseCreditCode?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(300) enterpriseAddress?: string;
  @Field() @IsIsoDateTime() reportedAt!: string;
  @Field() @MinLength(1) @MaxLength(50) categoryCode!: string;
  @Field() @MinLength(1) @MaxLength(50) channelCode!: string;
  @Field({
    nullable: true,
    description:
      'Omitted: the report form the channel implies in the park rules; required where it implies none.',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(50)
  reportFormCode?: string;
  @Field() @MinLength(1) @MaxLength(50) contactName!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(50) contactTitle?: string;
  @Field() @Matches(PHONE, { message: 'must be a phone number' }) contactPhone!: string;
  @Field({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  contactEmail?: string;
  @Field() @MinLength(2) @MaxLength(200) title!: string;
  @Field() @MinLength(5) @MaxLength(20000) description!: string;
  @OptionalIdsField()
  hopedDepartmentIds?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() urgent?: boolean;
}

/** Every act on a case names the version it was decided on: a stale one is refused (CONFLICT). */
@InputType({ isAbstract: true })
abstract class CaseActInput {
  @Field(() => ID) @IsUUID() caseId!: string;
  @Field(() => Int) @IsInt() @Min(1) version!: number;
}

@InputType()
export class VerifyCaseInput extends CaseActInput {
  @Field() @MinLength(1) @MaxLength(5000) notes!: string;
  @Field({
    nullable: true,
    description:
      'For a case flagged as not in the register: verification found the enterprise is in the park.',
  })
  @IsOptional()
  @IsBoolean()
  enterpriseConfirmed?: boolean;
}

@InputType()
export class RejectCaseInput extends CaseActInput {
  @Field({ description: 'An inadmissible matter code of the park rules, or NOT_IN_PARK.' })
  @MinLength(1)
  @MaxLength(50)
  reason!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) note?: string;
}

@InputType()
export class RecordPolicyDiscussionInput extends CaseActInput {
  @Field() @MinLength(1) @MaxLength(20000) minutes!: string;
}

@InputType()
export class ReportToLeaderInput extends CaseActInput {
  @Field({ description: 'What was reported to the leader in charge (汇报内容).' })
  @MinLength(1)
  @MaxLength(5000)
  summary!: string;
}

@InputType({
  description: 'The tier of one department besides the lead (default: the rules’ COOPERATING tier).',
})
export class DepartmentTierInput {
  @Field(() => ID) @IsUUID() departmentId!: string;
  @Field() @MinLength(1) @MaxLength(50) tierCode!: string;
}

@InputType()
export class ScreenCaseInput extends CaseActInput {
  @Field(() => JurisdictionEnum) @IsIn(['PARK', 'DISTRICT']) jurisdiction!: 'PARK' | 'DISTRICT';
  @Field() @IsBoolean() major!: boolean;
  @Field() @IsBoolean() policyHeavy!: boolean;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() leadDepartmentId?: string;
  @OptionalIdsField()
  cooperatingDepartmentIds?: string[];
  @NestedListField(DepartmentTierInput, { nullable: true })
  departmentTiers?: DepartmentTierInput[];
  @OptionalIdsField()
  referredDepartmentIds?: string[];
  @Field() @MinLength(1) @MaxLength(5000) opinion!: string;
  @OptionalCodesField({
    description:
      "Case flags of the park's rules (caseFlags) that hold for this case; routes may look at them.",
  })
  flagCodes?: string[];
}

@InputType()
export class ApproveCaseInput extends CaseActInput {
  @Field({ nullable: true }) @IsOptional() @MaxLength(5000) opinion?: string;
}

@InputType()
export class SendBackCaseInput extends CaseActInput {
  @Field() @MinLength(1) @MaxLength(5000) reason!: string;
}

@InputType()
export class StartHandlingInput extends CaseActInput {}

@InputType()
export class SubmitResultInput extends CaseActInput {
  @Field() @MinLength(1) @MaxLength(20000) replyToEnterprise!: string;
  @Field() @MinLength(1) @MaxLength(20000) result!: string;
}

@InputType()
export class ReviewResultInput extends CaseActInput {
  @Field() @IsBoolean() approved!: boolean;
  @Field({ nullable: true }) @IsOptional() @MaxLength(5000) comment?: string;
}

@InputType()
export class RecordReferralReplyInput extends CaseActInput {
  @Field(() => ID) @IsUUID() departmentId!: string;
  @Field(() => DateScalar) @IsCalendarDate() repliedOn!: string;
  @Field() @MinLength(1) @MaxLength(50) responsiblePerson!: string;
  @Field() @MinLength(1) @MaxLength(100) contact!: string;
  @Field() @MinLength(1) @MaxLength(20000) content!: string;
}

@InputType()
export class GradeCaseInput extends CaseActInput {
  @Field() @MinLength(1) @MaxLength(20) gradeCode!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(5000) reason?: string;
}

@InputType()
export class RecordFollowUpInput extends CaseActInput {
  @Field() @MinLength(1) @MaxLength(50) satisfactionCode!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(5000) note?: string;
}

@InputType()
export class CloseOutCaseInput extends CaseActInput {}

@InputType()
export class OrderSpecialSupervisionInput extends CaseActInput {
  @Field(() => SpecialSupervisionEventEnum)
  @IsIn(SPECIAL_SUPERVISION_EVENTS)
  event!: SpecialSupervisionEvent;
  @Field() @MinLength(1) @MaxLength(5000) reason!: string;
}

/** Art. 10: the due dates the letters state are the case's own overdue deadlines, never typed in. */
@InputType()
export class SuperviseOverdueInput extends CaseActInput {
  @Field({ nullable: true }) @IsOptional() @MaxLength(5000) note?: string;
}

@InputType()
export class RequestExtensionInput extends CaseActInput {
  @Field(() => DateScalar, { description: 'The reply deadline asked for.' })
  @IsCalendarDate()
  newDueOn!: string;
  @Field() @MinLength(1) @MaxLength(5000) reason!: string;
}

@InputType()
export class DecideExtensionInput extends CaseActInput {
  @Field() @IsBoolean() approved!: boolean;
  @Field({ nullable: true, description: 'Required when refused.' })
  @IsOptional()
  @MaxLength(5000)
  note?: string;
}

@InputType()
export class ObjectToAssignmentInput extends CaseActInput {
  @Field() @MinLength(1) @MaxLength(5000) reason!: string;
}

export const ObjectionOutcomeEnum = listEnum(
  'ObjectionOutcome',
  ['MAINTAINED', 'REASSIGNED'],
  'MAINTAINED: the assignment stands (final); REASSIGNED: another department leads, with a new clock.',
);

@InputType()
export class DecideObjectionInput extends CaseActInput {
  @Field(() => ObjectionOutcomeEnum)
  @IsIn(Object.values(ObjectionOutcomeEnum))
  outcome!: keyof typeof ObjectionOutcomeEnum;
  @Field(() => ID, { nullable: true, description: 'REASSIGNED: the new lead department.' })
  @IsOptional()
  @IsUUID()
  leadDepartmentId?: string;
  @OptionalIdsField()
  cooperatingDepartmentIds?: string[];
  @NestedListField(DepartmentTierInput, { nullable: true })
  departmentTiers?: DepartmentTierInput[];
  @Field() @MinLength(1) @MaxLength(5000) note!: string;
}

/** 分办 / 协办: a split department answers its part; an assisting one reports to the lead department. */
@InputType()
export class ReportPartInput extends CaseActInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The department reported for; needed only by someone acting for several on the case.',
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
  @Field({ description: 'What the department did (承办情况).' })
  @MinLength(1)
  @MaxLength(20000)
  report!: string;
  @Field({ nullable: true, description: 'A split department: its reply to the enterprise (答复企业情况).' })
  @IsOptional()
  @MaxLength(20000)
  replyToEnterprise?: string;
}

@InputType()
export class EscalateCaseInput extends CaseActInput {
  @Field(() => EscalationGroundEnum)
  @IsIn(ESCALATION_GROUND_CODES)
  ground!: EscalationGround;
  @Field() @MinLength(1) @MaxLength(5000) reason!: string;
}

@InputType()
export class RecordCoordinationInput extends CaseActInput {
  @Field(() => CoordinationKindEnum) @IsIn(COORDINATION_KINDS) kind!: CoordinationKind;
  @Field(() => DateScalar) @IsCalendarDate() heldOn!: string;
  @Field(() => [String]) @ArrayMaxSize(50) @MaxLength(100, { each: true }) participants!: string[];
  @Field() @MinLength(1) @MaxLength(20000) minutes!: string;
}

/** An optional step of the park's rules passed over on this case, with the reason. */
@InputType()
export class SkipCaseStepInput extends CaseActInput {
  @Field(() => ProcedureStepEnum, { description: 'The step due now (Case.stepDueNow).' })
  @IsIn(PROCEDURE_STEPS)
  step!: ProcedureStep;
  @Field() @MinLength(1) @MaxLength(5000) reason!: string;
}

@InputType()
export class AddProgressNoteInput extends CaseActInput {
  @Field() @MinLength(1) @MaxLength(20000) note!: string;
}

/** 移交: the offices default to the rules' `overdueHandover`; the due date is the case's own. */
@InputType()
export class HandOverToOfficeInput extends CaseActInput {
  @OptionalCodesField({
    description: "Cc office codes of the park's rules to hand over to; default: those of overdueHandover.",
  })
  officeCodes?: string[];
  @Field({ nullable: true }) @IsOptional() @MaxLength(5000) note?: string;
}
