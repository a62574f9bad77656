import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_PARK, enableTenantIsolation } from '../tenant-table.js';

const PLATFORM = `current_setting('app.scope', true) = 'platform'`;
const CURRENT_DISTRICT = `NULLIF(current_setting('app.district_id', true), '')::uuid`;
const CURRENT_USER = `NULLIF(current_setting('app.user_id', true), '')::uuid`;
// The district read path (dashboards of a district viewer) sets this scope itself; a park's own
// users carry their district too, so the district alone must not open other parks' rows.
const DISTRICT_READ = `current_setting('app.scope', true) = 'district' AND district_id = ${CURRENT_DISTRICT}`;

/**
 * Dashboards: per-case facts (display fields with the contact masked) and contributions, rollups
 * summed from them, each district's indicator settings (versioned) and the trail of cross-park reads.
 * The three dashboard tables are tenant tables (a park writes and reads its own rows) with one more
 * read policy: a district viewer reads its district's parks, the platform the rollups only.
 */
export class Dashboards1765400000000 implements MigrationInterface {
  name = 'Dashboards1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE district_indicator_settings (
        district_id uuid NOT NULL REFERENCES districts (id),
        version integer NOT NULL,
        settings jsonb NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (district_id, version)
      )`);
    await q.query(`ALTER TABLE district_indicator_settings ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE district_indicator_settings FORCE ROW LEVEL SECURITY`);
    // Read by the district's viewers and parks (and their jobs), written by the platform; versions are only appended.
    await q.query(`
      CREATE POLICY settings_read ON district_indicator_settings FOR SELECT
      USING (${PLATFORM} OR district_id = ${CURRENT_DISTRICT}
        OR district_id IN (SELECT district_id FROM parks WHERE id = ${CURRENT_PARK}))`);
    await q.query(
      `CREATE POLICY settings_insert ON district_indicator_settings FOR INSERT WITH CHECK (${PLATFORM})`,
    );

    await q.query(`
      CREATE TABLE dashboard_cases (
        case_id uuid PRIMARY KEY,
        park_id uuid NOT NULL REFERENCES parks (id),
        district_id uuid NOT NULL REFERENCES districts (id),
        registration_no text NOT NULL,
        title text NOT NULL,
        enterprise_name text NOT NULL,
        status text NOT NULL,
        category_code text NOT NULL,
        channel_code text NOT NULL,
        department_id uuid,
        department_name text,
        registered_on date NOT NULL,
        -- Masked here, so no cross-park read can see the full contact.
        contact_name_masked text NOT NULL,
        contact_phone_masked text NOT NULL,
        CONSTRAINT dashboard_cases_case_fk FOREIGN KEY (park_id, case_id) REFERENCES cases (park_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX dashboard_cases_park_idx ON dashboard_cases (park_id)`);
    // A department's name for a district viewer: the first of the index, not a scan of its cases.
    await q.query(
      `CREATE INDEX dashboard_cases_department_idx ON dashboard_cases (department_id, department_name)`,
    );

    await q.query(`
      CREATE TABLE dashboard_contributions (
        park_id uuid NOT NULL REFERENCES parks (id),
        district_id uuid NOT NULL,
        case_id uuid NOT NULL,
        metric text NOT NULL,
        on_date date NOT NULL,
        category_code text NOT NULL,
        channel_code text NOT NULL,
        department_id uuid,
        code text NOT NULL DEFAULT '',
        n integer NOT NULL
      )`);
    await q.query(`CREATE INDEX dashboard_contributions_case_idx ON dashboard_contributions (case_id)`);
    await q.query(
      `CREATE INDEX dashboard_contributions_drill_idx ON dashboard_contributions (park_id, metric, on_date)`,
    );

    await q.query(`
      CREATE TABLE dashboard_rollups (
        park_id uuid NOT NULL REFERENCES parks (id),
        district_id uuid NOT NULL,
        metric text NOT NULL,
        on_date date NOT NULL,
        category_code text NOT NULL,
        channel_code text NOT NULL,
        department_id uuid,
        code text NOT NULL DEFAULT '',
        n integer NOT NULL,
        CONSTRAINT dashboard_rollups_key UNIQUE NULLS NOT DISTINCT
          (park_id, metric, on_date, category_code, channel_code, department_id, code)
      )`);
    await q.query(`CREATE INDEX dashboard_rollups_district_idx ON dashboard_rollups (district_id, on_date)`);

    // The same sums, coarser, for views without a category or channel filter (the district and
    // platform dashboards): per park, metric and date, one slice each of the shown breakdowns —
    // 'code' (grades, answers, handling days), 'category' and 'channel' (received), 'department'
    // (the departments' metrics). Kept by the same difference per changed case and the rebuild.
    await q.query(`
      CREATE TABLE dashboard_park_figures (
        park_id uuid NOT NULL REFERENCES parks (id),
        district_id uuid NOT NULL,
        slice text NOT NULL CHECK (slice IN ('code', 'category', 'channel', 'department')),
        metric text NOT NULL,
        on_date date NOT NULL,
        category_code text NOT NULL DEFAULT '',
        channel_code text NOT NULL DEFAULT '',
        department_id uuid,
        code text NOT NULL DEFAULT '',
        n integer NOT NULL,
        CONSTRAINT dashboard_park_figures_key UNIQUE NULLS NOT DISTINCT
          (park_id, slice, metric, on_date, category_code, channel_code, department_id, code)
      )`);

    for (const table of [
      'dashboard_cases',
      'dashboard_contributions',
      'dashboard_rollups',
      'dashboard_park_figures',
    ]) {
      await enableTenantIsolation(q, table);
      await q.query(`CREATE POLICY district_reads ON ${table} FOR SELECT USING (${DISTRICT_READ})`);
    }
    for (const table of ['dashboard_rollups', 'dashboard_park_figures'])
      await q.query(`CREATE POLICY platform_reads ON ${table} FOR SELECT USING (${PLATFORM})`);

    // Who read which district's (or park's) figures and lists; readable by the platform, never changed.
    await q.query(`
      CREATE TABLE dashboard_reads (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_user_id uuid NOT NULL REFERENCES users (id),
        operation text NOT NULL,
        district_id uuid,
        park_ids uuid[] NOT NULL DEFAULT '{}',
        filter jsonb NOT NULL DEFAULT '{}',
        request_id text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE dashboard_reads ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE dashboard_reads FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY reads_insert ON dashboard_reads FOR INSERT WITH CHECK (actor_user_id = ${CURRENT_USER})`,
    );
    await q.query(`CREATE POLICY reads_select ON dashboard_reads FOR SELECT USING (${PLATFORM})`);

    // Every change of a case made in its park's scope queues the refresh of its dashboard rows, in
    // the same transaction: registration (one statement of register_case) and every act alike.
    await q.query(`
      CREATE FUNCTION dashboard_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.park_id = ${CURRENT_PARK} THEN
          INSERT INTO outbox (park_id, job_name, job_key, data)
          VALUES (NEW.park_id, 'dashboard.refreshCase', 'dashboard/' || NEW.id || '/' || NEW.version,
                  jsonb_build_object('caseId', NEW.id))
          ON CONFLICT (park_id, job_key) DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER cases_dashboard_refresh AFTER INSERT OR UPDATE OF version ON cases
      FOR EACH ROW EXECUTE FUNCTION dashboard_case_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS cases_dashboard_refresh ON cases`);
    await q.query(`DROP FUNCTION IF EXISTS dashboard_case_changed()`);
    for (const table of [
      'dashboard_reads',
      'dashboard_park_figures',
      'dashboard_rollups',
      'dashboard_contributions',
      'dashboard_cases',
      'district_indicator_settings',
    ])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
