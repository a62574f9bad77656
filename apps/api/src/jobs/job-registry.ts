import { rebuildDashboardsJob, refreshCaseDashboardJob } from '../dashboards/dashboard-jobs.js';
import { generateDocumentBatchJob } from '../documents/document-batch.service.js';
import { convertPdfJob } from '../documents/issued-pdf.job.js';
import { deliverNotificationJob } from '../notifications/notify-and-deliver.js';
import { handOverOverdueJob } from '../offices/handover-jobs.js';
import {
  computePendingDeadlinesJob,
  dailyDigestJob,
  remindDeadlineJob,
  superviseOverdueJob,
  sweepDeadlinesJob,
} from './deadline-jobs.js';
import type { RegisteredJob } from './job-definition.js';

/** Every job of Qifu, whichever backend queues it: a job's name picks its payload schema and handler. */
export const JOBS: readonly RegisteredJob[] = [
  sweepDeadlinesJob,
  remindDeadlineJob,
  superviseOverdueJob,
  handOverOverdueJob,
  dailyDigestJob,
  computePendingDeadlinesJob,
  deliverNotificationJob,
  refreshCaseDashboardJob,
  rebuildDashboardsJob,
  convertPdfJob,
  generateDocumentBatchJob,
];

/** The jobs by name; two jobs of one name are refused at start. */
export function jobRegistry(jobs: readonly RegisteredJob[]): ReadonlyMap<string, RegisteredJob> {
  const byName = new Map<string, RegisteredJob>();
  for (const job of jobs) {
    if (byName.has(job.name)) throw new Error(`two jobs are named ${job.name}`);
    byName.set(job.name, job);
  }
  return byName;
}

export const JOB_REGISTRY = jobRegistry(JOBS);
