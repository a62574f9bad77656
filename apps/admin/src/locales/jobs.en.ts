import type { jobsZhCN } from './jobs.zh-CN';

export const jobsEn: typeof jobsZhCN = {
  title: 'Background jobs',
  intro:
    'Overdue supervision, reminders and the delivery of notifications run as background jobs. A job that failed all its attempts stays here: deal with the cause and retry it, or discard it when it is no longer needed.',
  counts: {
    waiting: 'Waiting',
    active: 'Running',
    delayed: 'Delayed',
    failed: 'Failed',
    completed: 'Completed',
  },
  name: 'Job',
  failedReason: 'Error',
  attempts: 'Attempts',
  failedAt: 'Failed at',
  data: 'Data',
  retry: 'Retry',
  discard: 'Discard',
  discardConfirm: 'A discarded job never runs again. Discard it?',
  retried: 'Queued again',
  discarded: 'Discarded',
  none: 'No failed jobs',
  names: {
    deadlines_sweep: 'Deadline sweep',
    calendar_computePendingDeadlines: 'Compute pending deadlines',
    case_superviseOverdue: 'Overdue supervision',
    case_remindDeadline: 'Deadline reminder',
    notification_deliver: 'Notification delivery (e-mail, webhook)',
  },
};
