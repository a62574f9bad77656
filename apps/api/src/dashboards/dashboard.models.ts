import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { listEnum } from '../graphql/list-enum.js';
import {
  INDICATOR_CODES,
  SELECTOR_CODES,
  type CaseStatus,
  type IndicatorCode,
  type SelectorCode,
} from '@qifu/domain';
import { CaseStatusEnum } from '../cases/case.models.js';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Connection } from '../graphql/connection.js';
import { Type } from 'class-transformer';
import { DateScalar } from '../graphql/date.scalar.js';

export const IndicatorCodeEnum = listEnum(
  'IndicatorCode',
  INDICATOR_CODES,
  'A dashboard figure: a count, a rate of two counts, or a statistic of handling time.',
);

export const DrillDownSelectorEnum = listEnum(
  'DrillDownSelector',
  SELECTOR_CODES,
  'A set of cases a figure counts (a rate has one for its numerator and one for its denominator).',
);

// Year 0 does not exist (PostgreSQL refuses its dates).
const MONTH = /^(?!0000)\d{4}-(0[1-9]|1[0-2])$/;

@InputType()
export class DashboardFilterInput {
  @Field({ description: 'First reporting month, YYYY-MM.' })
  @Matches(MONTH, { message: 'must be a month YYYY-MM' })
  periodFrom!: string;

  @Field({ description: 'Last reporting month, YYYY-MM (at most 36 months after periodFrom).' })
  @Matches(MONTH, { message: 'must be a month YYYY-MM' })
  periodTo!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only these parks (each must be visible to the caller).',
  })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  parkIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  categoryCodes?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  channelCodes?: string[] | null;
}

@ObjectType({ description: 'A figure with what it is made of: drill into its numerator and denominator.' })
export class IndicatorValue {
  @Field(() => IndicatorCodeEnum) code!: IndicatorCode;
  @Field(() => Float, { nullable: true, description: 'null: nothing to divide by, or no case handled.' })
  value!: number | null;
  @Field(() => Int, { description: 'The count; a rate’s numerator; the cases of a handling-time statistic.' })
  numerator!: number;
  @Field(() => Int, { nullable: true, description: 'A rate’s denominator (its sample size).' })
  denominator!: number | null;
}

@ObjectType()
export class CodeCount {
  @Field() code!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'A category or intake channel as the parks’ rules name it.' })
export class CodeLabel {
  @Field() code!: string;
  @Field() labelZh!: string;
  @Field() labelEn!: string;
}

@ObjectType({ description: 'Deadlines overdue now of one assignment tier.' })
export class TierCount {
  @Field({
    description:
      'The tier’s code in the park’s rules (LEAD, SPLIT, ASSISTING…); empty for deadlines of no department.',
  })
  tierCode!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class MonthFigures {
  @Field({ description: 'YYYY-MM' }) month!: string;
  @Field(() => [IndicatorValue]) indicators!: IndicatorValue[];
}

@ObjectType({
  description:
    'A department of a park: its on-time rates as lead department, with their sample sizes, and the ' +
    'deadlines overdue now whose clock is its own, in any assignment tier.',
})
export class DepartmentFigures {
  @Field(() => ID, {
    nullable: true,
    description:
      'null: cases without a lead department (the rates), and deadlines of no department: the service ' +
      'center’s or the leaders’ stages such as verification, screening, sign-off and follow-up (overdue).',
  })
  departmentId!: string | null;
  @Field(() => String, { nullable: true }) departmentName!: string | null;
  @Field(() => IndicatorValue) replyOnTime!: IndicatorValue;
  @Field(() => IndicatorValue) completionOnTime!: IndicatorValue;
  @Field(() => Int, {
    description:
      'Deadlines overdue now whose clock is this department’s (the sum of overdueByTier): its reply as ' +
      'lead department, its reports as a split or assisting department. A case late for two departments ' +
      'counts for each; the park’s OVERDUE_NOW counts it once. Drill down with OVERDUE_DEADLINES.',
  })
  overdueNow!: number;
  @Field(() => [TierCount], {
    description: 'overdueNow by the tier whose clock ran out, tiers without any left out.',
  })
  overdueByTier!: TierCount[];
  @Field({ description: 'Enough cases (the district’s minimum) to be ranked.' }) ranked!: boolean;
}

@ObjectType()
export class ParkDashboard {
  @Field(() => ID) parkId!: string;
  @Field() parkName!: string;
  @Field(() => ID) districtId!: string;
  @Field({ description: 'Enough cases received in the period (the district’s minimum) to be ranked.' })
  ranked!: boolean;
  @Field(() => [IndicatorValue], { description: 'Over the whole period.' }) indicators!: IndicatorValue[];
  @Field(() => [MonthFigures]) months!: MonthFigures[];
  @Field(() => [CodeCount], { description: 'Cases graded in the period by grade (A/B/C).' })
  gradeDistribution!: CodeCount[];
  @Field(() => [CodeCount], { description: 'Follow-up answers in the period by satisfaction level.' })
  satisfactionDistribution!: CodeCount[];
  @Field(() => [CodeCount], { description: 'Cases received in the period by category.' })
  categoryMix!: CodeCount[];
  @Field(() => [CodeCount], { description: 'Cases received in the period by intake channel.' })
  channelMix!: CodeCount[];
  @Field(() => [DepartmentFigures]) departments!: DepartmentFigures[];
}

@ObjectType()
export class DistrictFigures {
  @Field(() => ID) districtId!: string;
  @Field() districtName!: string;
  @Field(() => Int) settingsVersion!: number;
  @Field(() => [IndicatorValue]) indicators!: IndicatorValue[];
}

@ObjectType()
export class Dashboard {
  @Field(() => DateScalar, {
    description: 'Today in the parks’ time zone: what is overdue now is counted as of this day.',
  })
  asOf!: string;
  @Field(() => [DistrictFigures]) districts!: DistrictFigures[];
  @Field(() => [ParkDashboard]) parks!: ParkDashboard[];
  @Field(() => [CodeLabel], {
    description: 'The categories of the parks shown, named by the latest rules naming each code.',
  })
  categories!: CodeLabel[];
  @Field(() => [CodeLabel], {
    description: 'The intake channels of the parks shown, named by the latest rules naming each code.',
  })
  channels!: CodeLabel[];
  @Field(() => [CodeLabel], {
    description:
      'The assignment tiers the parks’ rules list (主办, 分办, 协办…), named by the latest rules naming ' +
      'each code; empty where the rules list none (their lead tier is LEAD).',
  })
  assignmentTiers!: CodeLabel[];
  @Field({
    description:
      'Contact names and phones of drill-down lists are masked for this caller: of the cases it does not see as cases.',
  })
  contactsMasked!: boolean;
  @Field({ description: 'The caller may list the cases behind a figure (drillDown).' })
  canDrillDown!: boolean;
}

@ObjectType()
export class DrillDownCase {
  @Field(() => ID) caseId!: string;
  @Field(() => ID) parkId!: string;
  @Field() registrationNo!: string;
  @Field() title!: string;
  @Field() enterpriseName!: string;
  @Field(() => CaseStatusEnum) status!: CaseStatus;
  @Field() categoryCode!: string;
  @Field() channelCode!: string;
  @Field(() => ID, { nullable: true }) departmentId!: string | null;
  @Field(() => String, { nullable: true }) departmentName!: string | null;
  @Field(() => DateScalar) registeredOn!: string;
  @Field({ description: 'Masked (张**) for district viewers.' }) contactName!: string;
  @Field({ description: 'Masked (138****1234) for district viewers.' }) contactPhone!: string;
  @Field(() => Int, {
    description: 'How often the figure counts this case (a case supervised twice counts 2).',
  })
  count!: number;
}

/** What the service reads: one page of the cases and the figure. */
export interface DrillDownPage {
  total: number;
  totalCases: number;
  items: DrillDownCase[];
}

@ObjectType({ description: 'The cases a figure counts, newest registration first.' })
export class DrillDownConnection extends Connection(DrillDownCase, 'DrillDown') {
  @Field(() => Int, {
    description: 'The figure: the sum of `count` over all the cases, equal to the dashboard’s.',
  })
  total!: number;
}

@InputType()
export class DrillDownInput {
  @Field(() => DrillDownSelectorEnum) @IsIn(SELECTOR_CODES) selector!: SelectorCode;
  @Field(() => DashboardFilterInput)
  @ValidateNested()
  @Type(() => DashboardFilterInput)
  filter!: DashboardFilterInput;
  @Field(() => ID, { nullable: true, description: 'One park of the filter.' })
  @IsOptional()
  @IsUUID()
  parkId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'One lead department; for OVERDUE_DEADLINES, the department whose clock ran out.',
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Cases without a lead department only; for OVERDUE_DEADLINES, deadlines of no department ' +
      '(the service center’s or the leaders’ stages).',
  })
  @IsOptional()
  @IsBoolean()
  withoutDepartment?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description:
      'OVERDUE_DEADLINES only: deadlines of one assignment tier (its code; empty: no department’s).',
  })
  @IsOptional()
  @IsString()
  tierCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'One month of the period, YYYY-MM (a point of a monthly chart).',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'must be a month YYYY-MM' })
  month?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'One code of the selector: a grade (GRADED), a satisfaction level, a category…',
  })
  @IsOptional()
  @IsString()
  code?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Cases of one category (a slice of the category mix).',
  })
  @IsOptional()
  @IsString()
  categoryCode?: string | null;
  /** The page, from drillDown's `first` and `after`. */
  first?: number;
  offset?: number;
}

@ObjectType()
export class DistrictIndicatorSettings {
  @Field(() => ID) districtId!: string;
  @Field(() => Int, { description: '0: the defaults, never saved.' }) version!: number;
  @Field(() => [String]) resolvedGradeCodes!: string[];
  @Field(() => [String]) satisfiedCodes!: string[];
  @Field() basicallySatisfiedCountsAsSatisfied!: boolean;
  @Field(() => Int) minCasesForRanking!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Last day of a reporting month (1–28); null: calendar month.',
  })
  monthCutOffDay!: number | null;
  @Field(() => Date, { nullable: true }) createdAt!: Date | null;
}

@InputType()
export class UpdateDistrictIndicatorSettingsInput {
  @Field(() => ID) @IsUUID() districtId!: string;
  @Field(() => [String]) @ArrayMaxSize(20) @IsString({ each: true }) resolvedGradeCodes!: string[];
  @Field(() => [String]) @ArrayMaxSize(20) @IsString({ each: true }) satisfiedCodes!: string[];
  @Field() @IsBoolean() basicallySatisfiedCountsAsSatisfied!: boolean;
  @Field(() => Int) @IsInt() minCasesForRanking!: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() monthCutOffDay?: number | null;
}
