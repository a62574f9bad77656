import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';
import type { CaseService } from '../cases/case.service.js';
import type { Clock } from '../common/clock.js';
import type { TenantDb } from '../database/tenant-db.js';
import type { NotificationDelivery } from '../notifications/notification-delivery.js';
import type { NotificationService } from '../notifications/notification.service.js';
import {
  computePendingDeadlines,
  COMPUTE_PENDING_DEADLINES,
  DAILY_DIGEST,
  DEADLINE_SWEEP,
  deliverNotification,
  DELIVER_NOTIFICATION,
  remindDeadline,
  REMIND_DEADLINE,
  sendDailyDigests,
  superviseOverdue,
  SUPERVISE_OVERDUE,
  sweepDeadlines,
  type DeadlinePolicy,
} from './deadline-jobs.js';
import {
  DASHBOARD_REBUILD,
  DASHBOARD_REFRESH_CASE,
  rebuildDashboards,
  refreshCaseDashboard,
} from '../dashboards/dashboard-jobs.js';
import { convertIssuedPdf, CONVERT_PDF } from '../documents/issued-pdf.job.js';
import { generateDocumentBatch, GENERATE_DOCUMENT_BATCH } from '../documents/document-batch.service.js';
import type { IssuedDocumentService } from '../documents/issued-document.service.js';
import type { PdfConverter } from '../documents/pdf-converter.js';
import { handOverOverdue, HAND_OVER_OVERDUE } from '../offices/handover-jobs.js';
import { OutboxDispatcher } from './dispatcher.js';
import { openQueue, openWorker, type JobQueue, type JobWorker, type QueueBackend } from './queue.js';

export interface JobRunnerDeps {
  db: TenantDb;
  cases: CaseService;
  notifications: NotificationService;
  delivery: NotificationDelivery;
  policy: DeadlinePolicy;
  /** Where issued files are stored, and LibreOffice for their PDFs. */
  storage: AttachmentStorage;
  pdfConverter: PdfConverter;
  /** Issues the documents of batches. */
  documents: IssuedDocumentService;
  clock: Clock;
  logger: Logger;
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

  /** Runs one job by its name; exported for the worker and for tests. */
  async process(
    job: Pick<Job, 'name' | 'data' | 'id'> & Partial<Pick<Job, 'attemptsMade' | 'opts'>>,
  ): Promise<unknown> {
    const deps = this.deps;
    switch (job.name) {
      case DEADLINE_SWEEP:
        return sweepDeadlines(deps);
      case SUPERVISE_OVERDUE:
        return superviseOverdue(deps, job.data as never);
      case REMIND_DEADLINE:
        return remindDeadline(deps, job.data as never);
      case DAILY_DIGEST:
        return sendDailyDigests(deps);
      case COMPUTE_PENDING_DEADLINES:
        return computePendingDeadlines(deps);
      case DELIVER_NOTIFICATION:
        return deliverNotification(deps.delivery, job.data as never);
      case DASHBOARD_REFRESH_CASE:
        return refreshCaseDashboard(deps, job.data as never);
      case DASHBOARD_REBUILD:
        return rebuildDashboards(deps, job.data as never);
      case CONVERT_PDF:
        return convertIssuedPdf(deps, job.data as never);
      case HAND_OVER_OVERDUE:
        return handOverOverdue(deps, job.data as never);
      case GENERATE_DOCUMENT_BATCH:
        return generateDocumentBatch(deps, job.data as never, {
          finalAttempt: (job.attemptsMade ?? 0) + 1 >= (job.opts?.attempts ?? 1),
        });
      default:
        throw new Error(`no handler for job ${job.name}`);
    }
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
