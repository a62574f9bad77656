export const jobsZhCN = {
  title: '后台任务',
  intro:
    '超期督办、提醒和通知的投递由后台任务完成。失败的任务重试若干次后保留在此，请排除原因后重试，或确认无需再做后丢弃。',
  counts: { waiting: '等待', active: '执行中', delayed: '延后', failed: '失败', completed: '已完成' },
  name: '任务',
  failedReason: '失败原因',
  attempts: '尝试次数',
  failedAt: '失败时间',
  data: '内容',
  retry: '重试',
  discard: '丢弃',
  discardConfirm: '丢弃后该任务不会再执行，确定丢弃吗？',
  retried: '已重新排队',
  discarded: '已丢弃',
  none: '没有失败的任务',
  names: {
    deadlines_sweep: '巡查办理时限',
    case_superviseOverdue: '超期督办',
    calendar_computePendingDeadlines: '计算待定的办理时限',
    case_remindDeadline: '时限提醒',
    notification_deliver: '投递通知（邮件、Webhook）',
  },
};
