import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { CASE_STATUSES, CC_OCCASIONS, type CaseStatus, type CcOccasion } from '@qifu/domain';
import {
  CaseDeadline,
  CaseDocument,
  CaseEvent,
  CaseStatusEnum,
  OverdueDeadline,
} from '../cases/case.models.js';
import { Department, NewAccountInput } from '../graphql/models.js';
import { Connection } from '../graphql/connection.js';
import { listEnum } from '../graphql/list-enum.js';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { DateScalar } from '../graphql/date.scalar.js';

export const CcOccasionEnum = listEnum(
  'CcOccasion',
  CC_OCCASIONS,
  'What an outside office is copied on or handed: a referral letter, an assignment sheet, a result reported back, a supervision letter, or an overdue case handed over.',
);

@ObjectType({ description: 'An outside office (督查室、效能办…) as the park rules name it (a cc office).' })
export class OutsideOffice {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => [String], {
    description: 'What the rules copy it on: REFERRAL_LETTER, ASSIGNMENT_SHEET, RESULT_REPORT, …',
  })
  copiedOn!: string[];
}

@ObjectType({
  description:
    'A read-only account of an outside office (外部督查单位查看人员), in one park or every park of one district.',
})
export class OfficeAccount {
  @Field(() => ID, { description: 'The user.' }) id!: string;
  @Field() username!: string;
  @Field() displayName!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field() active!: boolean;
  @Field(() => Date, {
    nullable: true,
    deprecationReason: 'Accounts are no longer locked (sign-in is slowed instead); always null.',
  })
  lockedUntil!: Date | null;
  @Field(() => Int, { description: 'Failed sign-ins under this name in the last 24 hours.' })
  recentFailedSignIns!: number;
  @Field(() => Date, { nullable: true, description: 'When the last failed sign-in under this name was.' })
  lastFailedSignInAt!: Date | null;
  @Field() officeCode!: string;
  @Field() officeName!: string;
  @Field(() => ID, { nullable: true, description: 'Its park; null for a district account.' })
  parkId!: string | null;
  @Field(() => String, { nullable: true }) parkName!: string | null;
  @Field(() => ID, { nullable: true, description: 'Its district; null for a park account.' })
  districtId!: string | null;
  @Field(() => String, { nullable: true }) districtName!: string | null;
  @Field() createdAt!: Date;
}

@InputType()
export class SetOfficeAccountActiveInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @Field() @IsBoolean() active!: boolean;
}

@InputType()
export class CreateOfficeAccountInput extends NewAccountInput {
  @Field({ description: "A cc office code of the park's rules (of a park of the district)." })
  @Matches(/^[A-Z][A-Z0-9_]*$/, { message: 'must be UPPER_SNAKE_CASE' })
  @MaxLength(50)
  officeCode!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The park it reads in (a park administrator: their own, the default).',
  })
  @IsOptional()
  @IsUUID()
  parkId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Or the district it reads in (platform only).' })
  @IsOptional()
  @IsUUID()
  districtId?: string | null;
}

@ObjectType({ description: 'An outside office a case was copied on or handed over to.' })
export class OfficeCaseLink {
  @Field() officeCode!: string;
  @Field(() => CcOccasionEnum) occasion!: CcOccasion;
  @Field({ description: 'Handed over to the office (the addressee of a hand-over letter), not copied.' })
  handedOver!: boolean;
  @Field() createdAt!: Date;
}

@ObjectType({ description: 'A case copied or handed over to the viewer’s office, in its list.' })
export class OfficeCaseSummary {
  @Field(() => ID) id!: string;
  @Field(() => ID) parkId!: string;
  @Field() parkName!: string;
  @Field() registrationNo!: string;
  @Field(() => CaseStatusEnum) status!: CaseStatus;
  @Field() title!: string;
  @Field() enterpriseName!: string;
  @Field() reportedAt!: Date;
  @Field(() => DateScalar, { nullable: true }) nextDueOn!: string | null;
  @Field() overdue!: boolean;
  @Field({ description: 'Handed over to the office (移交), not only copied.' }) handedOver!: boolean;
  @Field(() => [CcOccasionEnum], { description: 'What the office was copied on or handed over.' })
  occasions!: CcOccasion[];
  @Field({ description: 'When it last reached the office.' }) linkedAt!: Date;
}

@ObjectType({ description: 'The cases copied or handed over to the viewer’s office, latest first.' })
export class OfficeCaseConnection extends Connection(OfficeCaseSummary, 'OfficeCase') {}

@InputType()
export class OfficeCaseFilter {
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) keyword?: string;
  @Field(() => [CaseStatusEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsIn(CASE_STATUSES, { each: true })
  statuses?: CaseStatus[];
  @Field({ nullable: true, description: 'Only the cases handed over (true) or only copied (false).' })
  @IsOptional()
  @IsBoolean()
  handedOver?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() overdue?: boolean;
}

@ObjectType({
  description:
    'A case as an outside office reads it: read-only, the enterprise contact masked, no attachments or files.',
})
export class OfficeCase {
  @Field(() => ID) id!: string;
  @Field(() => ID) parkId!: string;
  @Field() parkName!: string;
  @Field() registrationNo!: string;
  @Field(() => CaseStatusEnum) status!: CaseStatus;
  @Field() enterpriseName!: string;
  @Field() enterpriseAddress!: string;
  @Field() reportedAt!: Date;
  @Field({ description: 'The category as the park’s rules name it.' }) categoryLabel!: string;
  @Field({ description: 'Masked as the dashboards mask it (张**).' }) contactName!: string;
  @Field({ description: 'Masked as the dashboards mask it (138****1234).' }) contactPhone!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field() urgent!: boolean;
  @Field() major!: boolean;
  @Field(() => String, { nullable: true }) jurisdiction!: string | null;
  @Field(() => String, { nullable: true }) leadDepartmentName!: string | null;
  @Field(() => [String], { description: 'Every department or bureau handling it.' })
  departmentNames!: string[];
  @Field(() => [Department], {
    description: 'The park’s departments and bureaus, to name those its acts cite.',
  })
  departments!: Department[];
  @Field(() => [CaseDeadline]) deadlines!: CaseDeadline[];
  @Field(() => [OverdueDeadline]) overdueDeadlines!: OverdueDeadline[];
  @Field(() => [CaseDocument]) documents!: CaseDocument[];
  @Field(() => [CaseEvent], { description: 'Every act, oldest first (contacts in it masked).' })
  timeline!: CaseEvent[];
  @Field(() => [OfficeCaseLink], { description: 'When and how the case reached the office.' })
  links!: OfficeCaseLink[];
}
