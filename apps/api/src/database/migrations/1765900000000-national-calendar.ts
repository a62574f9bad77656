import type { MigrationInterface, QueryRunner } from 'typeorm';

const PLATFORM = `current_setting('app.scope', true) = 'platform'`;

/**
 * The national holiday arrangement as platform data: one row per imported version of a year (the
 * State Council's notice as holidays with days off and make-up working days); the newest version of a
 * year is in force. Everyone reads it (every park counts its deadlines with it); only the platform
 * appends. Cases keep the year a pending deadline waits for, so the ledger can list them and the
 * import can compute them.
 */
export class NationalCalendar1765900000000 implements MigrationInterface {
  name = 'NationalCalendar1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE national_calendar_years (
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        version integer NOT NULL CHECK (version >= 1),
        notice text,
        holidays jsonb NOT NULL,
        imported_by uuid REFERENCES users (id),
        imported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, version)
      )`);
    await q.query(`ALTER TABLE national_calendar_years ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE national_calendar_years FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY national_calendar_read ON national_calendar_years FOR SELECT USING (true)`);
    await q.query(
      `CREATE POLICY national_calendar_insert ON national_calendar_years FOR INSERT WITH CHECK (${PLATFORM})`,
    );

    await q.query(`ALTER TABLE cases ADD COLUMN pending_deadline_year integer`);
    await q.query(
      `CREATE INDEX cases_pending_deadline_idx ON cases (park_id, pending_deadline_year)
        WHERE pending_deadline_year IS NOT NULL`,
    );
    // A computed deadline is on the timeline beside the act that opened it, like an attachment.
    await q.query(`DROP INDEX case_events_version_key`);
    await q.query(
      `CREATE UNIQUE INDEX case_events_version_key ON case_events (case_id, case_version)
        WHERE type NOT IN ('AttachmentAdded', 'DeadlineComputed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM case_events WHERE type = 'DeadlineComputed'`);
    await q.query(`DROP INDEX case_events_version_key`);
    await q.query(
      `CREATE UNIQUE INDEX case_events_version_key ON case_events (case_id, case_version)
        WHERE type <> 'AttachmentAdded'`,
    );
    await q.query(`DROP INDEX cases_pending_deadline_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN pending_deadline_year`);
    await q.query(`DROP TABLE national_calendar_years`);
  }
}
