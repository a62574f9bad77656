import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

/** Versioned, effective-dated park rules: each publication is a new row, never an update. */
export class ParkRules1764400000000 implements MigrationInterface {
  name = 'ParkRules1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE park_rules_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        version integer NOT NULL CHECK (version >= 1),
        schema_version integer NOT NULL,
        rules jsonb NOT NULL,
        effective_from date NOT NULL,
        published_by uuid REFERENCES users (id),
        published_at timestamptz NOT NULL DEFAULT now(),
        note text,
        CONSTRAINT park_rules_versions_version_key UNIQUE (park_id, version)
      )`);
    await enableTenantIsolation(q, 'park_rules_versions');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE park_rules_versions`);
  }
}
