import type { EntityManager } from 'typeorm';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { notifyAndDeliver } from '../notifications/notify-and-deliver.js';

/**
 * Art. 6 (重大疑难应及时向分管业务领导汇报): tells the park's leaders in charge that the service
 * center reported the case to them, in the act's transaction; the report itself is on the timeline.
 */
export async function notifyLeaderReport(
  em: EntityManager,
  notifications: NotificationService,
  caseId: string,
  version: number,
): Promise<void> {
  const leaders = await rowsOf(
    em,
    kysely.selectFrom('role_assignments').select('user_id').distinct().where('role', '=', 'LEADER_IN_CHARGE'),
  );
  await notifyAndDeliver(em, notifications, {
    kind: 'REPORTED_TO_LEADER',
    caseId,
    recipientUserIds: leaders.map((leader) => leader.user_id),
    key: `leader-report:v${version}`,
    data: {},
  });
}
