import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { CIRCULAR_NOTICE_GROUND_CODES, type CircularNoticeGround } from '@qifu/domain';
import { ArrayMaxSize, IsUUID, MaxLength } from 'class-validator';
import { Connection } from '../graphql/connection.js';
import { listEnum } from '../graphql/list-enum.js';

export const CircularNoticeGroundEnum = listEnum(
  'CircularNoticeGround',
  CIRCULAR_NOTICE_GROUND_CODES,
  'Art. 11: not following the assignment (不服从调度), long delay (久拖不办), perfunctory handling (敷衍塞责).',
);

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
  @Field(() => [CircularNoticeGroundEnum]) grounds!: CircularNoticeGround[];
  @Field() content!: string;
  @Field() issuedAt!: string;
  @Field(() => String, { nullable: true }) issuedByName!: string | null;
  @Field(() => [NoticedCase]) cases!: NoticedCase[];
}

@InputType()
export class IssueCircularNoticeInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a department id' }) departmentId!: string;
  // Text, not the enum: an unknown ground is reported with every other problem of the draft at once.
  @Field(() => [String], { description: 'CircularNoticeGround values.' })
  @ArrayMaxSize(3)
  @MaxLength(50, { each: true })
  grounds!: string[];
  @Field(() => [ID])
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be case ids' })
  caseIds!: string[];
  @Field() @MaxLength(20000) content!: string;
}

@ObjectType({ description: 'Circular notices, newest first.' })
export class CircularNoticeConnection extends Connection(CircularNotice, 'CircularNotice') {}
