import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, Matches, MaxLength, MinLength } from 'class-validator';

@ObjectType()
export class Enterprise {
  @Field(() => ID) id!: string;
  @Field({ description: '统一社会信用代码 (GB 32100)' }) creditCode!: string;
  @Field() name!: string;
  @Field() address!: string;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field({ description: 'Registered and operating in the park (Art. 2).' }) operating!: boolean;
}

@InputType()
export class EnterpriseInput {
  @Field()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'must be 18 digits or capital letters' })
  creditCode!: string;
  @Field() @MinLength(2) @MaxLength(200) name!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(300) address?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(50) contactName?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(50) contactPhone?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() operating?: boolean;
}
