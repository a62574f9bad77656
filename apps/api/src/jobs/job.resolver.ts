import { Inject, Optional } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Job } from 'bullmq';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { recordPlatformAudit } from '../audit/audit.js';
import { badInput, notFound } from '../common/errors.js';
import { Scope, TenantDb } from '../database/tenant-db.js';
import { offsetAfter } from '../common/cursors.js';
import { offsetConnection } from '../graphql/connection.js';
import { DiscardJobInput, FailedJob, FailedJobConnection, JobCounts, RetryJobInput } from './job.models.js';
import { JOB_QUEUE, type JobQueue } from './queue.js';

function toFailedJob(job: Job): FailedJob {
  const { parkId, ...data } = (job.data ?? {}) as Record<string, unknown>;
  return {
    id: String(job.id),
    name: job.name,
    parkId: typeof parkId === 'string' ? parkId : null,
    data,
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}

/** Failed jobs for platform administrators: what went wrong, and retry or discard. */
@Resolver()
export class JobResolver {
  constructor(
    @Inject(TenantDb) private readonly db: TenantDb,
    @Optional() @Inject(JOB_QUEUE) private readonly queue: JobQueue | null,
  ) {}

  private jobs(): JobQueue {
    if (!this.queue)
      throw badInput([{ path: '', message: '此进程未连接任务队列 / No job queue in this process' }]);
    return this.queue;
  }

  private async failed(id: string): Promise<Job> {
    const job = await this.jobs().getJob(id);
    if (!job || !(await job.isFailed())) throw notFound('失败的任务 / Failed job', 'id');
    return job;
  }

  @Allow('read', 'Job')
  @Query(() => JobCounts)
  async jobCounts(): Promise<JobCounts> {
    const counts = await this.jobs().getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    };
  }

  @Allow('read', 'Job')
  @Query(() => FailedJobConnection, { description: 'The most recent failed jobs first.' })
  async failedJobs(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<FailedJobConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw badInput([{ path: 'first', message: 'must be between 1 and 500' }]);
    const offset = offsetAfter(after, 'list');
    const counts = await this.jobs().getJobCounts('failed');
    const jobs = await this.jobs().getFailed(offset, offset + first - 1);
    return offsetConnection(jobs.map(toFailedJob), offset, counts.failed ?? 0);
  }

  @Allow('update', 'Job')
  @Mutation(() => Boolean, { description: 'Runs a failed job again, with a fresh set of attempts.' })
  async retryJob(@Args('input') input: RetryJobInput, @Context() ctx: RequestContext): Promise<boolean> {
    const job = await this.failed(input.id);
    await job.retry('failed');
    await this.audit(ctx, 'job.retried', job);
    return true;
  }

  @Allow('delete', 'Job')
  @Mutation(() => Boolean, {
    description: 'Removes a failed job for good (its cause was dealt with otherwise).',
  })
  async discardJob(@Args('input') input: DiscardJobInput, @Context() ctx: RequestContext): Promise<boolean> {
    const job = await this.failed(input.id);
    await job.remove();
    await this.audit(ctx, 'job.discarded', job);
    return true;
  }

  private audit(ctx: RequestContext, action: string, job: Job): Promise<void> {
    return this.db.run(Scope.platform(ctx.actor!.userId), (em) =>
      recordPlatformAudit(em, ctx.actor, {
        action,
        subjectType: 'Job',
        subjectId: String(job.id),
        after: { name: job.name, failedReason: job.failedReason ?? '' },
      }),
    );
  }
}
