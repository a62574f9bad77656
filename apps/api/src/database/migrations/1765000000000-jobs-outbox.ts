import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

// The scope of the job runner's own bookkeeping across parks (dispatching the outbox, listing the
// parks to sweep). Everything a job does to a park's cases runs in that park's scope.
const JOBS = `current_setting('app.scope', true) = 'jobs'`;

/**
 * The transactional outbox: a job is written in the same transaction as the change that causes it,
 * so it exists if and only if the change committed; the dispatcher hands it to the queue after
 * commit and marks it, and picks up what a crash left behind.
 */
export class JobsOutbox1765000000000 implements MigrationInterface {
  name = 'JobsOutbox1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        park_id uuid NOT NULL REFERENCES parks (id),
        job_name text NOT NULL,
        -- The queue's job id: one job per key, however often it is written or dispatched.
        job_key text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        not_before timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX outbox_job_key_idx ON outbox (park_id, job_key)`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL`);
    await enableTenantIsolation(q, 'outbox');
    await q.query(`CREATE POLICY jobs_dispatch ON outbox FOR SELECT USING (${JOBS})`);
    await q.query(`CREATE POLICY jobs_mark ON outbox FOR UPDATE USING (${JOBS}) WITH CHECK (${JOBS})`);
    await q.query(`CREATE POLICY jobs_sweep ON parks FOR SELECT USING (${JOBS})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY jobs_sweep ON parks`);
    await q.query(`DROP TABLE outbox`);
  }
}
