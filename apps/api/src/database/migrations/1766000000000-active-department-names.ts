import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department names are unique among a park's active departments only: a department a new rules
 * version drops is kept, inactive, for the cases and people that refer to it, and must not stop the
 * new version from naming another department the same (a park created from the starter rules and
 * then given its own file did). Same name, so the API still reports it on the `name` field.
 */
export class ActiveDepartmentNames1766000000000 implements MigrationInterface {
  name = 'ActiveDepartmentNames1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE departments DROP CONSTRAINT departments_park_name_key`);
    await q.query(
      `CREATE UNIQUE INDEX departments_park_name_key ON departments (park_id, name) WHERE active`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX departments_park_name_key`);
    await q.query(`ALTER TABLE departments ADD CONSTRAINT departments_park_name_key UNIQUE (park_id, name)`);
  }
}
