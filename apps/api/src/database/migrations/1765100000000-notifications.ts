import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

const KINDS = `'DEADLINE_REMINDER', 'OVERDUE_SUPERVISION', 'REFERRAL_UNANSWERED', 'B_GRADE_REVIEW',
  'FOLLOW_UP_DUE', 'DAILY_DIGEST'`;

/**
 * Notifications the deadline jobs send: one inbox row per person, and one delivery per channel
 * beyond the inbox (e-mail, the park's webhook) that a job sends later and records.
 */
export class Notifications1765100000000 implements MigrationInterface {
  name = 'Notifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // Where e-mail notifications go; a person without one gets them in the console only.
    await q.query(`
      ALTER TABLE users ADD COLUMN email text
        CONSTRAINT users_email_format CHECK (char_length(email) <= 254 AND email ~ '^[^[:space:]@]+@[^[:space:]@]+$')`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        case_id uuid,
        -- The sender's name for the occasion (e.g. the due date reminded of): with kind, case and
        -- person it identifies a notification, so a job run again sends nothing new.
        dedupe_key text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        title_en text,
        body_en text,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notifications_park_id_key UNIQUE (park_id, id),
        CONSTRAINT notifications_case_same_park FOREIGN KEY (park_id, case_id) REFERENCES cases (park_id, id),
        CONSTRAINT notifications_once UNIQUE NULLS NOT DISTINCT (park_id, kind, case_id, user_id, dedupe_key)
      )`);
    await q.query(
      `CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    await enableTenantIsolation(q, 'notifications');

    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        notification_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
        -- The address or URL when the notification was written (the sender uses the current one).
        recipient text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        last_attempt_at timestamptz,
        last_error text,
        sent_at timestamptz,
        -- Why it was not sent and will not be (no SMTP server configured, no address…).
        skipped_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_deliveries_once UNIQUE (notification_id, channel),
        CONSTRAINT notification_deliveries_same_park FOREIGN KEY (park_id, notification_id)
          REFERENCES notifications (park_id, id),
        CONSTRAINT notification_deliveries_sent CHECK ((status = 'SENT') = (sent_at IS NOT NULL)),
        CONSTRAINT notification_deliveries_skipped CHECK ((status = 'SKIPPED') = (skipped_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX notification_deliveries_open_idx ON notification_deliveries (created_at)
        WHERE status IN ('PENDING', 'FAILED')`,
    );
    await enableTenantIsolation(q, 'notification_deliveries');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
