import { UnrecoverableError, type Job } from 'bullmq';
import { DAILY_DIGEST, DEADLINE_SWEEP, type DeadlinePolicy } from './deadline-jobs.js';
import { DASHBOARD_REBUILD } from '../dashboards/dashboard-jobs.js';
import { OutboxDispatcher } from './dispatcher.js';
import type { JobDeps } from './job-definition.js';
import { JOB_REGISTRY } from './job-registry.js';
import { openQueue, openWorker, type JobQueue, type JobWorker, type QueueBackend } from './queue.js';

export interface JobRunnerDeps extends JobDeps {
  backend: QueueBackend;
  /** The queue's name (tests use their own); the default is the one queue of Qifu. */
  queueName?: string;
  /** A queue already open in this process (the API's), else one is opened. */
  queue?: JobQueue;
}

/** The deadline policy of the configuration. */
export function deadlinePolicyFrom(config: {
  DEADLINE_REMINDER_WORKING_DAYS: number;
  REFERRAL_GRACE_WORKING_DAYS: number;
}): DeadlinePolicy {
  return {
    reminderWorkingDays: config.DEADLINE_REMINDER_WORKING_DAYS,
    referralGraceWorkingDays: config.REFERRAL_GRACE_WORKING_DAYS,
  };
}

/**
 * The jobs of one process: the outbox dispatcher always (so jobs leave right after their commit),
 * and, where this process works jobs off, the worker and the deadline sweep's schedule.
 */
export class JobRunner {
  readonly queue: JobQueue;
  readonly dispatcher: OutboxDispatcher;
  private worker: JobWorker | null = null;

  constructor(private readonly deps: JobRunnerDeps) {
    this.queue = deps.queue ?? openQueue(deps.backend, deps.queueName);
    // Connection trouble: adds fail and the outbox keeps the jobs; say so once per failure.
    this.queue.on('error', (error) => deps.logger.warn({ err: error }, 'job queue unreachable'));
    this.dispatcher = new OutboxDispatcher(deps.db, this.queue, deps.clock, deps.logger);
  }

  /**
   * Runs one job by its name, its payload checked first; exported for the worker and for tests. An
   * unknown name or a payload its schema refuses fails the job at once, without retries.
   */
  async process(
    job: Pick<Job, 'name' | 'data' | 'id'> & Partial<Pick<Job, 'attemptsMade' | 'opts'>>,
  ): Promise<unknown> {
    const registered = JOB_REGISTRY.get(job.name);
    if (!registered) throw new UnrecoverableError(`no handler for job ${job.name}`);
    // A scheduler's job carries no data of its own.
    return registered.work(this.deps, job.data ?? {}, {
      finalAttempt: (job.attemptsMade ?? 0) + 1 >= (job.opts?.attempts ?? 1),
    });
  }

  async start(options: {
    work: boolean;
    concurrency?: number;
    sweepEveryMinutes?: number;
    /** How often the dispatcher looks for jobs a crash or an outage left in the outbox. */
    pollMs?: number;
  }): Promise<void> {
    this.dispatcher.start(options.pollMs);
    if (!options.work) return;
    this.worker = openWorker(this.deps.backend, (job) => this.process(job), {
      concurrency: options.concurrency ?? 4,
      name: this.deps.queueName,
    });
    this.worker.on('failed', (job, error) =>
      this.deps.logger.warn(
        { jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: error },
        'job failed',
      ),
    );
    this.worker.on('error', (error) => this.deps.logger.error({ err: error }, 'job worker error'));
    // Each morning at 08:00 in the parks' time zone.
    await this.queue.upsertJobScheduler(
      DAILY_DIGEST,
      { pattern: '0 8 * * *', tz: 'Asia/Shanghai' },
      { name: DAILY_DIGEST },
    );
    if (options.sweepEveryMinutes) {
      await this.queue.upsertJobScheduler(
        DEADLINE_SWEEP,
        { every: options.sweepEveryMinutes * 60_000 },
        { name: DEADLINE_SWEEP },
      );
      // Dashboards are rebuilt in full once a day, besides each case's refresh when it changes.
      await this.queue.upsertJobScheduler(
        DASHBOARD_REBUILD,
        { every: 24 * 3600_000 },
        { name: DASHBOARD_REBUILD },
      );
    }
  }

  async stop(): Promise<void> {
    await this.dispatcher.stop();
    await this.worker?.close();
    await this.queue.close();
  }
}
