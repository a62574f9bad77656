import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString } from 'class-validator';
import { JSONScalar } from '../graphql/json.scalar.js';
import { Connection } from '../graphql/connection.js';

@ObjectType({ description: 'A job that used up its attempts: kept until retried or discarded.' })
export class FailedJob {
  @Field(() => ID) id!: string;
  @Field({ description: 'What the job does, e.g. case.superviseOverdue.' }) name!: string;
  @Field(() => ID, { nullable: true }) parkId!: string | null;
  @Field(() => JSONScalar) data!: Record<string, unknown>;
  @Field({ description: 'The error of the last attempt.' }) failedReason!: string;
  @Field(() => Int) attemptsMade!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) failedAt!: Date | null;
}

@ObjectType({ description: 'How many jobs are in each state of the queue.' })
export class JobCounts {
  @Field(() => Int) waiting!: number;
  @Field(() => Int) active!: number;
  @Field(() => Int) delayed!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) completed!: number;
}

@ObjectType({ description: 'Failed jobs, the most recent first.' })
export class FailedJobConnection extends Connection(FailedJob, 'FailedJob') {}

// Job ids are the queue's own (e.g. `dashboard-rebuild-…`), not UUIDs: see NOT_UUID_IDS.
@InputType()
export class RetryJobInput {
  @Field(() => ID) @IsString() id!: string;
}

@InputType()
export class DiscardJobInput {
  @Field(() => ID) @IsString() id!: string;
}
