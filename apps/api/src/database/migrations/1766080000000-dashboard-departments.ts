import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

const CURRENT_DISTRICT = `NULLIF(current_setting('app.district_id', true), '')::uuid`;
const DISTRICT_READ = `current_setting('app.scope', true) = 'district' AND district_id = ${CURRENT_DISTRICT}`;

/**
 * Department names for the dashboards' district read path. Overdue deadlines are counted against
 * the department whose clock ran out, a split or assisting department too, which is no case's lead
 * department: its name is not in dashboard_cases, and a district viewer reads no park's departments.
 * A tenant table like the other dashboard tables, written by each refresh and rebuild, with the
 * same district read policy; only a department's name, never its head or anything else. The index
 * of dashboard_cases that named lead departments for that read is no longer read.
 *
 * The rollups gain the overdue deadlines of each department and tier (metric openDeadline) by a
 * rebuild: one is queued for every park.
 */
export class DashboardDepartments1766080000000 implements MigrationInterface {
  name = 'DashboardDepartments1766080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dashboard_departments (
        park_id uuid NOT NULL REFERENCES parks (id),
        district_id uuid NOT NULL,
        department_id uuid NOT NULL PRIMARY KEY,
        name text NOT NULL,
        CONSTRAINT dashboard_departments_department_fk FOREIGN KEY (park_id, department_id)
          REFERENCES departments (park_id, id) ON DELETE CASCADE
      )`);
    await enableTenantIsolation(q, 'dashboard_departments');
    await q.query(`DROP INDEX dashboard_cases_department_idx`);
    await q.query(
      `CREATE POLICY district_reads ON dashboard_departments FOR SELECT USING (${DISTRICT_READ})`,
    );

    // Park by park (row-level security binds the owner too): the names, and a rebuild of the rollups.
    await q.query(`SELECT set_config('app.scope', 'platform', true)`);
    const parks = (await q.query(`SELECT id, district_id FROM parks`)) as {
      id: string;
      district_id: string;
    }[];
    await q.query(`SELECT set_config('app.scope', '', true)`);
    for (const park of parks) {
      await q.query(`SELECT set_config('app.park_id', $1, true)`, [park.id]);
      await q.query(
        `INSERT INTO dashboard_departments (park_id, district_id, department_id, name)
         SELECT park_id, $2, id, name FROM departments WHERE park_id = $1`,
        [park.id, park.district_id],
      );
      await q.query(
        `INSERT INTO outbox (park_id, job_name, job_key, data)
         VALUES ($1, 'dashboard.rebuild', $2, '{}')
         ON CONFLICT (park_id, job_key) DO NOTHING`,
        [park.id, `dashboard/rebuild/deadline-owners/${park.id}`],
      );
    }
    await q.query(`SELECT set_config('app.park_id', '', true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX dashboard_cases_department_idx ON dashboard_cases (department_id, department_name)`,
    );
    await q.query(`DROP TABLE dashboard_departments`);
  }
}
