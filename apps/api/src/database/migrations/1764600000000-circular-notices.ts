import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

/** Art. 11: circular notices (通报) naming a department and the cases it failed on. */
export class CircularNotices1764600000000 implements MigrationInterface {
  name = 'CircularNotices1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE circular_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        department_id uuid NOT NULL,
        grounds text[] NOT NULL,
        content text NOT NULL,
        issued_by uuid REFERENCES users (id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT circular_notices_park_id_key UNIQUE (park_id, id),
        CONSTRAINT circular_notices_department_same_park FOREIGN KEY (park_id, department_id)
          REFERENCES departments (park_id, id)
      )`);
    await q.query(`CREATE INDEX circular_notices_issued_idx ON circular_notices (park_id, issued_at DESC)`);
    await enableTenantIsolation(q, 'circular_notices');

    await q.query(`
      CREATE TABLE circular_notice_cases (
        park_id uuid NOT NULL REFERENCES parks (id),
        notice_id uuid NOT NULL,
        case_id uuid NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (notice_id, case_id),
        CONSTRAINT circular_notice_cases_notice_same_park FOREIGN KEY (park_id, notice_id)
          REFERENCES circular_notices (park_id, id),
        CONSTRAINT circular_notice_cases_case_same_park FOREIGN KEY (park_id, case_id)
          REFERENCES cases (park_id, id)
      )`);
    await q.query(`CREATE INDEX circular_notice_cases_case_idx ON circular_notice_cases (case_id)`);
    await enableTenantIsolation(q, 'circular_notice_cases');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE circular_notice_cases`);
    await q.query(`DROP TABLE circular_notices`);
  }
}
