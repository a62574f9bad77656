import type { QueryRunner } from 'typeorm';

/** The application role: owns nothing, cannot bypass row-level security. */
export const APP_ROLE = 'qifu_app';

/** Row-level security predicate shared by every tenant table. */
export const CURRENT_PARK = `NULLIF(current_setting('app.park_id', true), '')::uuid`;

/**
 * Makes `table` a tenant table: `park_id` defaults to the transaction's park, and row-level
 * security (forced, so the owner is bound too) hides and refuses every row of another park.
 * Every migration that creates a tenant table calls this; the isolation test checks all of them.
 */
export async function enableTenantIsolation(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN park_id SET DEFAULT ${CURRENT_PARK}`);
  await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(
    `CREATE POLICY tenant_isolation ON ${table} USING (park_id = ${CURRENT_PARK}) WITH CHECK (park_id = ${CURRENT_PARK})`,
  );
}
