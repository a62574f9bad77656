import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { listEnum } from './list-enum.js';
import { PARK_ROLES, ROLES, type ParkRole, type Role } from '@qifu/domain';
import { NestedListField } from './input-fields.js';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

// Enums come from the domain's lists, so the schema and the rules cannot drift apart.
export const RoleEnum = listEnum('Role', ROLES);

export const DepartmentKindEnum = listEnum('DepartmentKind', ['PARK', 'DISTRICT']);
export type DepartmentKind = keyof typeof DepartmentKindEnum;

const CODE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const CODE_MESSAGE = 'must start with a letter and contain only letters, digits, _ . -';
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

@ObjectType()
export class District {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field() createdAt!: Date;
  @Field(() => [Park]) parks!: Park[];
}

@ObjectType()
export class Park {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => ID) districtId!: string;
  @Field(() => District) district!: District;
  @Field() createdAt!: Date;
}

@ObjectType()
export class Department {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => DepartmentKindEnum) kind!: DepartmentKind;
  @Field() active!: boolean;
  @Field(() => ID, { nullable: true }) headUserId!: string | null;
}

@ObjectType()
export class RoleGrant {
  @Field(() => RoleEnum) role!: Role;
  @Field(() => ID, { nullable: true }) departmentId!: string | null;
  @Field(() => Department, { nullable: true }) department!: Department | null;
}

@ObjectType()
export class User {
  @Field(() => ID) id!: string;
  @Field() username!: string;
  @Field() displayName!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Where e-mail notifications go (none: the console only).',
  })
  email!: string | null;
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
  @Field(() => [RoleGrant]) roles!: RoleGrant[];
}

@ObjectType({ description: 'The outside office an office viewer reads for, and where.' })
export class MeOffice {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) parkId!: string | null;
  @Field(() => ID, { nullable: true }) districtId!: string | null;
}

@ObjectType()
export class Me {
  @Field(() => ID) id!: string;
  @Field() username!: string;
  @Field() displayName!: string;
  @Field(() => Park, { nullable: true }) park!: Park | null;
  @Field(() => District, { nullable: true }) district!: District | null;
  @Field(() => [RoleGrant]) roles!: RoleGrant[];
  @Field(() => MeOffice, {
    nullable: true,
    description: 'An office viewer’s office; null for everyone else.',
  })
  office?: MeOffice | null;
}

@ObjectType()
export class AuthPayload {
  @Field() accessToken!: string;
  @Field() accessTokenExpiresAt!: Date;
  @Field() refreshToken!: string;
  @Field(() => Me) me!: Me;
}

@InputType()
export class SignInInput {
  // Names are compared trimmed: one of spaces only names no one, and is refused like an empty one.
  @Field() @Matches(/\S/, { message: 'must not be blank' }) @MaxLength(100) username!: string;
  @Field() @MinLength(1) @MaxLength(200) password!: string;
}

@InputType()
export class RefreshSessionInput {
  @Field({ description: 'The refresh token of the session, from AuthPayload.' })
  @IsString()
  refreshToken!: string;
}

@InputType()
export class SignOutInput {
  @Field({ description: 'The refresh token of the sign-in to end.' }) @IsString() refreshToken!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field() @MinLength(1) @MaxLength(200) currentPassword!: string;
  @Field() @MaxLength(200) newPassword!: string;
}

@InputType()
export class ResetUserPasswordInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @Field({ description: 'A temporary password to give the person; every session of theirs ends.' })
  @MaxLength(200)
  password!: string;
}

@InputType()
export class CreateDistrictInput {
  @Field() @Matches(CODE, { message: CODE_MESSAGE }) @MaxLength(50) code!: string;
  @Field() @MinLength(2) @MaxLength(100) name!: string;
}

@InputType()
export class CreateParkInput {
  @Field(() => ID) @IsUUID() districtId!: string;
  @Field() @Matches(CODE, { message: CODE_MESSAGE }) @MaxLength(50) code!: string;
  @Field() @MinLength(2) @MaxLength(100) name!: string;
  @Field()
  @Matches(USERNAME, { message: 'letters, digits, _ . - only' })
  @MinLength(3)
  @MaxLength(50)
  adminUsername!: string;
  @Field() @MinLength(1) @MaxLength(100) adminDisplayName!: string;
  @Field() @MaxLength(200) adminPassword!: string;
}

@InputType()
export class CreateDepartmentInput {
  @Field() @Matches(CODE, { message: CODE_MESSAGE }) @MaxLength(50) code!: string;
  @Field() @MinLength(2) @MaxLength(100) name!: string;
  @Field(() => DepartmentKindEnum) @IsIn(Object.keys(DepartmentKindEnum)) kind!: DepartmentKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() headUserId?: string | null;
}

@InputType()
export class UpdateDepartmentInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field({ nullable: true }) @IsOptional() @MinLength(2) @MaxLength(100) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() headUserId?: string | null;
}

@InputType()
export class RoleGrantInput {
  @Field(() => RoleEnum) @IsIn(PARK_ROLES, { message: 'must be a park role' }) role!: ParkRole;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() departmentId?: string | null;
}

/** The sign-in of a new account (a park user, an outside office's account). */
@InputType({ isAbstract: true })
export abstract class NewAccountInput {
  @Field()
  @Matches(USERNAME, { message: 'letters, digits, _ . - only' })
  @MinLength(3)
  @MaxLength(50)
  username!: string;
  @Field() @MinLength(1) @MaxLength(100) displayName!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;
  @Field() @MaxLength(200) password!: string;
}

@InputType()
export class CreateUserInput extends NewAccountInput {
  @NestedListField(RoleGrantInput) roles!: RoleGrantInput[];
}

@InputType()
export class SetUserRolesInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @NestedListField(RoleGrantInput) roles!: RoleGrantInput[];
}

@InputType()
export class SetUserActiveInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @Field() @IsBoolean() active!: boolean;
}

@InputType()
export class SetUserEmailInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @Field(() => String, { nullable: true, description: 'Null or empty: no e-mail notifications.' })
  @ValidateIf((input: SetUserEmailInput) => !!input.email)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;
}
