import type { CaseEvent, CaseState, ParkRules } from '@qifu/domain';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { kysely, rowsOf } from '../database/typed-sql.js';
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
  const leadDepartmentId = toLead ? next.leadDepartmentId : null;
  const recipients = await rowsOf(
    em,
    kysely
      .selectFrom('role_assignments')
      .select('user_id')
      .distinct()
      .where(
        sql<boolean>`CASE WHEN ${leadDepartmentId}::uuid IS NULL THEN role = 'SERVICE_CENTER_STAFF'
                 ELSE role IN ('DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER') AND department_id = ${leadDepartmentId} END`,
      ),
  );
  const departmentId = event.data.departmentId;
  const [department] =
    typeof departmentId === 'string'
      ? await rowsOf(em, kysely.selectFrom('departments').select('name').where('id', '=', departmentId))
      : [];
  const tier = rules.assignmentTiers.find((t) => t.code === event.data.tierCode);
  await notifyAndDeliver(em, notifications, {
    kind: 'PART_REPORTED',
    caseId,
    recipientUserIds: recipients.map((r) => r.user_id),
    key: `part:${String(event.data.departmentId)}:v${next.version}`,
    data: { departmentName: department?.name ?? '', tierLabel: tier?.labelZh ?? String(event.data.tierCode) },
  });
}
