import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { listEnum } from '../graphql/list-enum.js';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { DateScalar } from '../graphql/date.scalar.js';

export const NationalCalendarFormatEnum = listEnum(
  'NationalCalendarFormat',
  ['YAML', 'CSV'],
  'YAML: the notice’s holidays with from, to and workdays; CSV: date,type,name,nameEn a day.',
);

export const NationalCalendarSourceEnum = listEnum(
  'NationalCalendarSource',
  ['BUNDLED', 'IMPORTED'],
  'BUNDLED: shipped with Qifu (chinese-days); IMPORTED: imported by the platform.',
);

@ObjectType()
export class NationalHoliday {
  @Field() nameZh!: string;
  @Field() nameEn!: string;
  @Field(() => DateScalar, { description: 'First day off.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day off.' }) to!: string;
  @Field(() => [DateScalar], { description: 'Make-up working days (weekend days worked).' })
  workdays!: string[];
}

@ObjectType()
export class NationalCalendarYear {
  @Field(() => Int) year!: number;
  @Field(() => NationalCalendarSourceEnum) source!: keyof typeof NationalCalendarSourceEnum;
  @Field(() => Int, { nullable: true, description: 'The imported version in force.' }) version!:
    number | null;
  @Field(() => String, { nullable: true }) notice!: string | null;
  @Field(() => Date, { nullable: true }) importedAt!: Date | null;
  @Field(() => String, { nullable: true }) importedByName!: string | null;
  @Field(() => [NationalHoliday]) holidays!: NationalHoliday[];
}

@ObjectType()
export class NationalCalendarStatus {
  @Field(() => DateScalar, { description: 'Today in the parks’ time zone.' }) today!: string;
  @Field(() => [Int]) coveredYears!: number[];
  @Field(() => Int, {
    nullable: true,
    description: 'From 1 November: the coming year, while its arrangement is not imported.',
  })
  missingYear!: number | null;
}

@InputType()
export class ImportNationalCalendarInput {
  @Field(() => NationalCalendarFormatEnum)
  @IsIn(Object.values(NationalCalendarFormatEnum))
  format!: keyof typeof NationalCalendarFormatEnum;
  @Field({ description: 'The file’s text (at most 200,000 characters).' })
  @IsString()
  @MaxLength(200_000)
  content!: string;
}
