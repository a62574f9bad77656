import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'DEADLINE_REMINDER', 'OVERDUE_SUPERVISION', 'REFERRAL_UNANSWERED', 'B_GRADE_REVIEW',
  'FOLLOW_UP_DUE', 'DAILY_DIGEST', 'OFFICE_HANDOVER', 'PART_REPORTED'`;

/** Art. 6: a major case reported to the leader in charge tells the park's leaders (REPORTED_TO_LEADER). */
export class LeaderReports1766090000000 implements MigrationInterface {
  name = 'LeaderReports1766090000000';

  async up(q: QueryRunner): Promise<void> {
    await setKinds(q, `${KINDS_BEFORE}, 'REPORTED_TO_LEADER'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind = 'REPORTED_TO_LEADER'`);
    await setKinds(q, KINDS_BEFORE);
  }
}

async function setKinds(q: QueryRunner, kinds: string): Promise<void> {
  await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
  await q.query(
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${kinds}))`,
  );
}
