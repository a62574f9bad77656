import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

/**
 * Attachment 2, 可另附页: files attached to a case. A row is written only once its bytes are
 * stored, and rows are never changed or removed (the application role may only insert them).
 */
export class CaseAttachments1764800000000 implements MigrationInterface {
  name = 'CaseAttachments1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        case_id uuid NOT NULL,
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_attachments_park_id_key UNIQUE (park_id, id),
        CONSTRAINT case_attachments_case_same_park FOREIGN KEY (park_id, case_id) REFERENCES cases (park_id, id)
      )`);
    await q.query(`CREATE INDEX case_attachments_case_idx ON case_attachments (case_id, uploaded_at)`);
    await enableTenantIsolation(q, 'case_attachments');

    // An attached file is on the case's timeline without changing the case: its event carries the
    // version the case had then, beside the act that made that version. Acts still get one version each.
    await q.query(`ALTER TABLE case_events DROP CONSTRAINT case_events_version_key`);
    await q.query(
      `CREATE UNIQUE INDEX case_events_version_key ON case_events (case_id, case_version)
        WHERE type <> 'AttachmentAdded'`,
    );
    // The timeline of a case in its order (the partial index above cannot serve it).
    await q.query(`CREATE INDEX case_events_timeline_idx ON case_events (case_id, case_version, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM case_events WHERE type = 'AttachmentAdded'`);
    await q.query(`DROP INDEX case_events_timeline_idx`);
    await q.query(`DROP INDEX case_events_version_key`);
    await q.query(
      `ALTER TABLE case_events ADD CONSTRAINT case_events_version_key UNIQUE (case_id, case_version)`,
    );
    await q.query(`DROP TABLE case_attachments`);
  }
}
