import type { notificationsZhCN } from './notifications.zh-CN';

export const notificationsEn: typeof notificationsZhCN = {
  bell: 'Notifications',
  bellUnread: 'Notifications, {count} unread',
  title: 'Notifications',
  unreadOnly: 'Unread only',
  unread: 'Unread',
  markRead: 'Mark read',
  markAllRead: 'Mark all read',
  allMarked: 'All marked read',
  openCase: 'Open the case',
  viewAll: 'All notifications',
  empty: 'No notifications',
  noUnread: 'No unread notifications',
  loadMore: 'Load more',
  kinds: {
    DEADLINE_REMINDER: 'Deadline reminder',
    OVERDUE_SUPERVISION: 'Overdue supervision',
    REFERRAL_UNANSWERED: 'Letter unanswered',
    B_GRADE_REVIEW: 'B-grade review',
    FOLLOW_UP_DUE: 'Follow-up due',
    DAILY_DIGEST: 'Daily digest',
    OFFICE_HANDOVER: 'Overdue hand-over',
    PART_REPORTED: 'Part reported',
    REPORTED_TO_LEADER: 'Major case reported',
  },
};
