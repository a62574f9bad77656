import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

/**
 * The PDF of an issued Word file, made by a job after the issue commits: PENDING until LibreOffice
 * has converted it, READY with the stored bytes, FAILED with the converter's reason (the job retries).
 * Unlike the Word file this row changes, so the application role may update it.
 */
export class IssuedDocumentPdfs1765500000000 implements MigrationInterface {
  name = 'IssuedDocumentPdfs1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issued_document_pdfs (
        issued_document_id uuid PRIMARY KEY,
        park_id uuid NOT NULL REFERENCES parks (id),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'READY', 'FAILED')),
        storage_key text UNIQUE,
        size_bytes bigint CHECK (size_bytes > 0),
        sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        -- The converter's reason (timeout, invalid-input…) and message of the last failure.
        error_reason text,
        error_message text,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT issued_document_pdfs_document_same_park FOREIGN KEY (park_id, issued_document_id)
          REFERENCES issued_documents (park_id, id),
        CONSTRAINT issued_document_pdfs_ready_has_file CHECK (
          (status = 'READY') = (storage_key IS NOT NULL AND size_bytes IS NOT NULL AND sha256 IS NOT NULL)),
        CONSTRAINT issued_document_pdfs_failed_has_reason CHECK ((status = 'FAILED') = (error_reason IS NOT NULL))
      )`);
    await enableTenantIsolation(q, 'issued_document_pdfs');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issued_document_pdfs`);
  }
}
