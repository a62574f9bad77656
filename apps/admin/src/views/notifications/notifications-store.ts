import { defineStore } from 'pinia';
import { inject, ref } from 'vue';
import type { CombinedError } from '@urql/core';
import { apiClientKey } from '@/api/api-client';
import {
  MarkAllNotificationsReadDocument,
  MarkNotificationsReadDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
  type NotificationsQuery,
  type NotificationsQueryVariables,
} from '@/gql/graphql';

/** How often the header asks for the unread count (the deadline jobs write at most every few minutes). */
export const UNREAD_POLL_MS = 45_000;

export type NotificationsPage = NotificationsQuery['notifications'];

/**
 * The signed-in user's inbox as the header bell and the notifications page share it: marking read
 * in one updates the count in the other.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const client = inject(apiClientKey);
  if (!client) throw new Error('The API client must be provided before the notifications store is used');

  const unreadCount = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;
  let pollers = 0;

  /** Polling failures stay quiet: the next round tries again, and pages report their own errors. */
  async function refreshCount(): Promise<void> {
    const result = await client!.query(UnreadNotificationCountDocument, {}).toPromise();
    if (result.data) unreadCount.value = result.data.unreadNotificationCount;
  }

  function startPolling(intervalMs = UNREAD_POLL_MS): void {
    pollers += 1;
    if (timer) return;
    void refreshCount();
    timer = setInterval(() => {
      // A tab in the background does not poll; it catches up when shown again.
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') void refreshCount();
    }, intervalMs);
  }

  function stopPolling(): void {
    pollers = Math.max(0, pollers - 1);
    if (pollers > 0 || !timer) return;
    clearInterval(timer);
    timer = null;
    // The next person to sign in on this tab starts from their own count.
    unreadCount.value = 0;
  }

  async function page(
    variables: NotificationsQueryVariables,
  ): Promise<{ page: NotificationsPage | null; error: CombinedError | null }> {
    const result = await client!.query(NotificationsDocument, variables).toPromise();
    if (!result.data) return { page: null, error: result.error ?? null };
    unreadCount.value = result.data.unreadNotificationCount;
    return { page: result.data.notifications, error: null };
  }

  async function markRead(ids: string[]): Promise<CombinedError | null> {
    if (ids.length === 0) return null;
    const result = await client!.mutation(MarkNotificationsReadDocument, { input: { ids } }).toPromise();
    if (result.data) unreadCount.value = result.data.markNotificationsRead.unreadCount;
    return result.error ?? null;
  }

  async function markAllRead(): Promise<CombinedError | null> {
    const result = await client!.mutation(MarkAllNotificationsReadDocument, {}).toPromise();
    if (result.data) unreadCount.value = result.data.markAllNotificationsRead.unreadCount;
    return result.error ?? null;
  }

  return { unreadCount, refreshCount, startPolling, stopPolling, page, markRead, markAllRead };
});
