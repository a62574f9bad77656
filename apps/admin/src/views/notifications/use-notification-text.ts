import { useI18n } from 'vue-i18n';
import type { NotificationItemFragment } from '@/gql/graphql';

/** Where a notification leads: its case (an outside office's, read-only, for a hand-over), else the inbox. */
export function notificationTarget(
  item: Pick<NotificationItemFragment, 'caseId'> & { kind?: string },
): string {
  if (!item.caseId) return '/notifications';
  return item.kind === 'OFFICE_HANDOVER' ? `/office-cases/${item.caseId}` : `/cases/${item.caseId}`;
}

/**
 * A notification in the console's language: the park's English wording when it has one, else the
 * Chinese it was written in.
 */
export function useNotificationText() {
  const { locale, d, t } = useI18n();
  const english = () => locale.value === 'en';
  return {
    titleOf: (item: NotificationItemFragment) => (english() && item.titleEn) || item.title,
    bodyOf: (item: NotificationItemFragment) => (english() && item.bodyEn) || item.body,
    kindOf: (item: NotificationItemFragment) => t(`notification.kinds.${item.kind}`),
    timeOf: (item: NotificationItemFragment) => d(new Date(item.createdAt), 'short'),
  };
}
