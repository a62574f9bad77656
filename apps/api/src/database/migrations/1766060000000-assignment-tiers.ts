import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'DEADLINE_REMINDER', 'OVERDUE_SUPERVISION', 'REFERRAL_UNANSWERED', 'B_GRADE_REVIEW',
  'FOLLOW_UP_DUE', 'DAILY_DIGEST', 'OFFICE_HANDOVER'`;

/**
 * Assignment tiers: a split or assisting department's report of its part tells whom it reports to
 * (PART_REPORTED). Its clock lives with the case's other deadlines (cases.deadlines).
 */
export class AssignmentTiers1766060000000 implements MigrationInterface {
  name = 'AssignmentTiers1766060000000';

  async up(q: QueryRunner): Promise<void> {
    await setKinds(q, `${KINDS_BEFORE}, 'PART_REPORTED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind = 'PART_REPORTED'`);
    await setKinds(q, KINDS_BEFORE);
  }
}

async function setKinds(q: QueryRunner, kinds: string): Promise<void> {
  await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
  await q.query(
    `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${kinds}))`,
  );
}
