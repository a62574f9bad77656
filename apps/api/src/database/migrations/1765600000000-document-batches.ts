import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

// The kinds a batch issues: those whose numbers exist already (special supervisions and circular
// notices take a new number when first issued, so they are issued one by one from the case).
const BATCH_KINDS = `'REGISTRATION_FORM', 'ASSIGNMENT_SHEET', 'REFERRAL_LETTER', 'SUPERVISION_LETTER'`;

/**
 * Batch generation: one request issues the documents of many cases in a job, which records each
 * item as it goes (the progress the console shows) and ends with one ZIP of the files. An item holds
 * either the file it issued or the reason it could not, so a retried job resumes where it stopped.
 */
export class DocumentBatches1765600000000 implements MigrationInterface {
  name = 'DocumentBatches1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        requested_by uuid NOT NULL REFERENCES users (id),
        kinds text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY[${BATCH_KINDS}]),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
        total integer NOT NULL CHECK (total > 0),
        issued integer NOT NULL DEFAULT 0 CHECK (issued >= 0),
        failed integer NOT NULL DEFAULT 0 CHECK (failed >= 0),
        -- The ZIP of the issued files, once DONE.
        file_name text,
        storage_key text UNIQUE,
        size_bytes bigint CHECK (size_bytes > 0),
        sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT document_batches_park_id_key UNIQUE (park_id, id),
        CONSTRAINT document_batches_counts CHECK (issued + failed <= total),
        CONSTRAINT document_batches_done_has_file CHECK (
          (status = 'DONE') = (storage_key IS NOT NULL AND size_bytes IS NOT NULL AND sha256 IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX document_batches_requester_idx ON document_batches (park_id, requested_by, created_at DESC)`,
    );
    await enableTenantIsolation(q, 'document_batches');

    await q.query(`
      CREATE TABLE document_batch_items (
        batch_id uuid NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        park_id uuid NOT NULL REFERENCES parks (id),
        case_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN (${BATCH_KINDS})),
        -- As issued_documents.source_id: the case_documents row, NULL for the registration form.
        source_id text,
        issued_document_id uuid,
        error_message text,
        PRIMARY KEY (batch_id, position),
        CONSTRAINT document_batch_items_batch_same_park FOREIGN KEY (park_id, batch_id)
          REFERENCES document_batches (park_id, id),
        CONSTRAINT document_batch_items_case_same_park FOREIGN KEY (park_id, case_id) REFERENCES cases (park_id, id),
        CONSTRAINT document_batch_items_issued_same_park FOREIGN KEY (park_id, issued_document_id)
          REFERENCES issued_documents (park_id, id),
        CONSTRAINT document_batch_items_one_outcome CHECK (issued_document_id IS NULL OR error_message IS NULL)
      )`);
    await enableTenantIsolation(q, 'document_batch_items');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_batch_items`);
    await q.query(`DROP TABLE document_batches`);
  }
}
