import type { MigrationInterface, QueryRunner } from 'typeorm';

// The platform scope also writes parks' rules (onboarding), where a read must see the one park
// only: its dashboard read says so itself.
const PLATFORM_DASHBOARD = `current_setting('app.scope', true) = 'platform'
  AND current_setting('app.dashboard_read', true) = 'on'`;
const CURRENT_DISTRICT = `NULLIF(current_setting('app.district_id', true), '')::uuid`;

/**
 * Dashboards name the categories and intake channels of the parks they show as each park's rules
 * name them. The district read path (and the platform's dashboard read) may therefore read the
 * published rules of the parks in view: rules are the park's published configuration and hold
 * nothing of its cases. As for the dashboard tables, a park's own users carry their district too,
 * so the district scope is asked for as well.
 */
export class DistrictRulesReads1765700000000 implements MigrationInterface {
  name = 'DistrictRulesReads1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE POLICY district_reads ON park_rules_versions FOR SELECT
      USING ((${PLATFORM_DASHBOARD})
        OR (current_setting('app.scope', true) = 'district'
            AND park_id IN (SELECT id FROM parks WHERE district_id = ${CURRENT_DISTRICT})))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY district_reads ON park_rules_versions`);
  }
}
