import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { listEnum } from '../graphql/list-enum.js';
import { DAY_REASONS, type DayReason, type ParkRules, type ParkRulesChangeKind } from '@qifu/domain';
import { IsDefined, IsInt, IsOptional, MaxLength, Min } from 'class-validator';
import { JSONScalar } from '../graphql/json.scalar.js';
import { IsCalendarDate } from '../graphql/date-validators.js';
import { DateScalar } from '../graphql/date.scalar.js';

export const RulesChangeKindEnum = listEnum('RulesChangeKind', ['ADDED', 'REMOVED', 'CHANGED', 'REORDERED']);

export const DayReasonEnum = listEnum('DayReason', DAY_REASONS);

@ObjectType()
export class ParkRulesVersion {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => DateScalar, { description: 'ISO date from which cases are registered under this version.' })
  effectiveFrom!: string;
  @Field({ description: 'Whether this is the version in effect today.' }) current!: boolean;
  @Field() publishedAt!: Date;
  @Field(() => String, { nullable: true }) publishedBy!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => JSONScalar, { description: 'The rules (libs/domain ParkRules).' }) rules!: ParkRules;
}

@ObjectType()
export class RulesProblem {
  @Field() path!: string;
  @Field() message!: string;
}

@ObjectType()
export class RulesValidation {
  @Field() ok!: boolean;
  @Field(() => [RulesProblem]) problems!: RulesProblem[];
}

@ObjectType()
export class RulesChange {
  @Field() path!: string;
  @Field(() => RulesChangeKindEnum) kind!: ParkRulesChangeKind;
  @Field(() => JSONScalar, { nullable: true }) before!: unknown;
  @Field(() => JSONScalar, { nullable: true }) after!: unknown;
}

@ObjectType()
export class CalendarDay {
  @Field(() => DateScalar) date!: string;
  @Field() working!: boolean;
  @Field(() => DayReasonEnum) reason!: DayReason;
  @Field(() => String, { nullable: true }) holidayName?: string | null;
  @Field(() => String, { nullable: true }) holidayNameEn?: string | null;
  @Field(() => String, { nullable: true }) parkReason?: string | null;
}

@ObjectType()
export class WorkingDayTraceEntry {
  @Field(() => DateScalar) date!: string;
  @Field() counted!: boolean;
  @Field(() => DayReasonEnum) reason!: DayReason;
  @Field(() => String, { nullable: true }) holidayName?: string | null;
  @Field(() => String, { nullable: true }) holidayNameEn?: string | null;
  @Field(() => String, { nullable: true }) parkReason?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A day an extension (延期) added to a deadline.' })
  extension?: boolean | null;
}

@ObjectType()
export class WorkingDaysResult {
  @Field(() => DateScalar) from!: string;
  @Field(() => Int) days!: number;
  @Field(() => DateScalar) due!: string;
  @Field(() => [WorkingDayTraceEntry]) trace!: WorkingDayTraceEntry[];
}

@ObjectType()
export class CalendarYear {
  @Field(() => Int) year!: number;
  @Field({ description: 'False when no national holiday data exists for the year: nothing is guessed.' })
  covered!: boolean;
  @Field(() => [CalendarDay]) days!: CalendarDay[];
}

@InputType()
export class ValidateParkRulesInput {
  // Checked by libs/domain's rules validation, which names every problem's path.
  @Field(() => JSONScalar) @IsDefined() rules!: unknown;
}

@InputType()
export class PublishParkRulesInput {
  // Checked by libs/domain's rules validation, which names every problem's path.
  @Field(() => JSONScalar) @IsDefined() rules!: unknown;
  @Field(() => Int, { description: 'The latest version the edit started from (optimistic concurrency).' })
  @IsInt()
  @Min(0)
  baseVersion!: number;
  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  effectiveFrom?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(500) note?: string;
}
