import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Connection } from '../graphql/connection.js';

@ObjectType()
export class Enterprise {
  @Field(() => ID) id!: string;
  @Field({ description: '统一社会信用代码 (GB 32100)' }) creditCode!: string;
  @Field() name!: string;
  @Field() address!: string;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field({ description: 'Registered and operating in the park (Art. 2).' }) operating!: boolean;
  @Field(() => ID, { nullable: true, description: '挂钩联系部门: the park department linked to it.' })
  linkedDepartmentId!: string | null;
  @Field(() => String, { nullable: true }) linkedDepartmentName!: string | null;
  @Field(() => ID, { nullable: true, description: '挂钩联系干部: the person of the park linked to it.' })
  linkedCadreUserId!: string | null;
  @Field(() => String, { nullable: true, description: "The linked cadre's display name." })
  linkedCadreName!: string | null;
  @Field(() => String, { nullable: true, description: 'Where the enterprise reaches the linked cadre.' })
  linkedCadrePhone!: string | null;
}

@InputType()
export class SaveEnterpriseInput {
  @Field()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'must be 18 digits or capital letters' })
  creditCode!: string;
  @Field() @MinLength(2) @MaxLength(200) name!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(300) address?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(50) contactName?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(50) contactPhone?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() operating?: boolean;
}

@InputType()
export class ImportEnterprisesInput {
  @Field({ description: 'The CSV text, a header row first.' }) @IsString() csv!: string;
}

@InputType()
export class ImportEnterprisesXlsxInput {
  @Field({ description: 'The .xlsx workbook, base64-encoded.' }) @IsString() file!: string;
}

/** The whole link at once: a field left out or null has none. */
@InputType()
export class SetEnterpriseLinkInput {
  @Field(() => ID) @IsUUID() enterpriseId!: string;
  @Field(() => ID, { nullable: true, description: 'An active park department (kind PARK).' })
  @IsOptional()
  @IsUUID()
  linkedDepartmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active person of the park who works on cases.' })
  @IsOptional()
  @IsUUID()
  linkedCadreUserId?: string | null;
  @Field(() => String, { nullable: true, description: "The cadre's phone (with a cadre only)." })
  @IsOptional()
  @MaxLength(50)
  linkedCadrePhone?: string | null;
}

@ObjectType({ description: 'Enterprises of the park, by name.' })
export class EnterpriseConnection extends Connection(Enterprise, 'Enterprise') {}
