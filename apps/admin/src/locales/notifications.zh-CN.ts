import type { NotificationKind } from '@/gql/graphql';

/** The inbox: the bell in the header and the notifications page. */
export const notificationsZhCN = {
  bell: '通知',
  bellUnread: '通知，{count}条未读',
  title: '通知',
  unreadOnly: '只看未读',
  unread: '未读',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  allMarked: '已全部标为已读',
  openCase: '查看案件',
  viewAll: '查看全部通知',
  empty: '暂无通知',
  noUnread: '没有未读通知',
  loadMore: '加载更多',
  kinds: {
    DEADLINE_REMINDER: '时限提醒',
    OVERDUE_SUPERVISION: '超期督办',
    REFERRAL_UNANSWERED: '商函未回复',
    B_GRADE_REVIEW: 'B类跟踪',
    FOLLOW_UP_DUE: '回访提醒',
    DAILY_DIGEST: '每日待办',
    OFFICE_HANDOVER: '超期移交',
    PART_REPORTED: '分办协办报送',
    REPORTED_TO_LEADER: '重大疑难汇报',
  } satisfies Record<NotificationKind, string>,
};
