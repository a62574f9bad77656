import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsUUID, MaxLength } from 'class-validator';
import { Connection } from '../graphql/connection.js';

@ObjectType()
export class NoticedCase {
  @Field(() => ID) id!: string;
  @Field() registrationNo!: string;
  @Field() title!: string;
  @Field() enterpriseName!: string;
}

@ObjectType({ description: 'Art. 11: a circular notice (通报) naming a department and its cases.' })
export class CircularNotice {
  @Field(() => ID) id!: string;
  @Field(() => ID) departmentId!: string;
  @Field() departmentName!: string;
  @Field(() => [String], { description: 'NON_COMPLIANCE, DELAY, PERFUNCTORY' }) grounds!: string[];
  @Field() content!: string;
  @Field() issuedAt!: string;
  @Field(() => String, { nullable: true }) issuedByName!: string | null;
  @Field(() => [NoticedCase]) cases!: NoticedCase[];
}

@InputType()
export class IssueCircularNoticeInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a department id' }) departmentId!: string;
  @Field(() => [String]) @ArrayMaxSize(3) @MaxLength(50, { each: true }) grounds!: string[];
  @Field(() => [ID])
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be case ids' })
  caseIds!: string[];
  @Field() @MaxLength(20000) content!: string;
}

@ObjectType({ description: 'Circular notices, newest first.' })
export class CircularNoticeConnection extends Connection(CircularNotice, 'CircularNotice') {}
