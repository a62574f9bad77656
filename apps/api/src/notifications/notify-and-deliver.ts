import type { EntityManager } from 'typeorm';
import { enqueueJob } from '../jobs/outbox.js';
import type { NotificationService } from './notification.service.js';

/** The job that sends one queued e-mail or webhook delivery of a notification. */
export const DELIVER_NOTIFICATION = 'notification.deliver';

/** Notifies and, in the same transaction, queues the e-mail and webhook deliveries; returns how many were told. */
export async function notifyAndDeliver(
  em: EntityManager,
  notifications: NotificationService,
  request: Parameters<NotificationService['notify']>[1],
): Promise<number> {
  if (request.recipientUserIds.length === 0) return 0;
  const { notificationIds, deliveryIds } = await notifications.notify(em, request);
  for (const deliveryId of deliveryIds)
    await enqueueJob(em, { name: DELIVER_NOTIFICATION, key: `deliver/${deliveryId}`, data: { deliveryId } });
  return notificationIds.length;
}
