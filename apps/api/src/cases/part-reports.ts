import type { CaseEvent, CaseState, ParkRules } from '@qifu/domain';
import type { EntityManager } from 'typeorm';
import type { NotificationService } from '../notifications/notification.service.js';
import { notifyAndDeliver } from '../notifications/notify-and-deliver.js';

/**
 * 分办 / 协办: tells those a split or assisting department reported its part to — the lead
 * department's people or the service center, as its tier says — in the act's transaction.
 */
export async function notifyPartReported(
  em: EntityManager,
  notifications: NotificationService,
  caseId: string,
  rules: ParkRules,
  next: CaseState,
  event: CaseEvent,
): Promise<void> {
  const toLead = event.data.reportsTo === 'LEAD_DEPARTMENT' && next.leadDepartmentId !== null;
  const recipients = (await em.query(
    `SELECT DISTINCT user_id FROM role_assignments
      WHERE CASE WHEN $1::uuid IS NULL THEN role = 'SERVICE_CENTER_STAFF'
                 ELSE role IN ('DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER') AND department_id = $1 END`,
    [toLead ? next.leadDepartmentId : null],
  )) as { user_id: string }[];
  const [department] = (await em.query(`SELECT name FROM departments WHERE id = $1`, [
    event.data.departmentId,
  ])) as { name: string }[];
  const tier = rules.assignmentTiers.find((t) => t.code === event.data.tierCode);
  await notifyAndDeliver(em, notifications, {
    kind: 'PART_REPORTED',
    caseId,
    recipientUserIds: recipients.map((r) => r.user_id),
    key: `part:${String(event.data.departmentId)}:v${next.version}`,
    data: { departmentName: department?.name ?? '', tierLabel: tier?.labelZh ?? String(event.data.tierCode) },
  });
}
