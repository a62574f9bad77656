import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * cases_ledger_idx (park_id, registration_year DESC, registration_seq DESC) repeats the unique key
 * cases_registration_seq_key (park_id, registration_year, registration_seq): a B-tree is read
 * backwards as fast as forwards, so the ledger's newest-first order is served by the key alone, and
 * each registration writes one index fewer.
 */
export class DropDuplicateLedgerIndex1765800000000 implements MigrationInterface {
  name = 'DropDuplicateLedgerIndex1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS cases_ledger_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX cases_ledger_idx ON cases (park_id, registration_year DESC, registration_seq DESC)`,
    );
  }
}
