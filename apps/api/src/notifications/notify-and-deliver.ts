import type { EntityManager } from 'typeorm';
import { defineParkJob, rowId } from '../jobs/job-definition.js';
import { enqueueJob, OutboxJob } from '../jobs/outbox.js';
import type { NotificationService } from './notification.service.js';

/** The job that sends one queued e-mail or webhook delivery of a notification. */
export const DELIVER_NOTIFICATION = 'notification.deliver';

/** Sends one notification's e-mail or webhook (NotificationDelivery retries through the job). */
export const deliverNotificationJob = defineParkJob({
  name: DELIVER_NOTIFICATION,
  payload: { deliveryId: rowId() },
  handle: (deps, data) => deps.delivery.deliver(data.parkId, data.deliveryId),
});

/** Notifies and, in the same transaction, queues the e-mail and webhook deliveries; returns how many were told. */
export async function notifyAndDeliver(
  em: EntityManager,
  notifications: NotificationService,
  request: Parameters<NotificationService['notify']>[1],
): Promise<number> {
  if (request.recipientUserIds.length === 0) return 0;
  const { notificationIds, deliveryIds } = await notifications.notify(em, request);
  for (const deliveryId of deliveryIds)
    await enqueueJob(
      em,
      OutboxJob.of(deliverNotificationJob, { key: `deliver/${deliveryId}`, data: { deliveryId } }),
    );
  return notificationIds.length;
}
