import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

const KINDS = `'REGISTRATION_FORM', 'ASSIGNMENT_SHEET', 'REFERRAL_LETTER', 'SUPERVISION_LETTER',
  'SPECIAL_SUPERVISION_LETTER', 'CIRCULAR_NOTICE'`;

/**
 * Official documents as Word files: the park's uploaded templates (a new version per upload, in
 * force from its activation) and every file issued for a case, with the template it was filled from.
 * Files and template versions are never changed or removed (the application role may only insert them).
 */
export class OfficialDocuments1765300000000 implements MigrationInterface {
  name = 'OfficialDocuments1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        version integer NOT NULL CHECK (version > 0),
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        placeholders text[] NOT NULL DEFAULT '{}',
        uploaded_by uuid REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT document_templates_version_key UNIQUE (park_id, kind, version),
        CONSTRAINT document_templates_park_id_key UNIQUE (park_id, id)
      )`);
    await enableTenantIsolation(q, 'document_templates');

    // Which template is in force per kind: the latest activation (template_id NULL: the built-in default).
    await q.query(`
      CREATE TABLE document_template_activations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        park_id uuid NOT NULL REFERENCES parks (id),
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        template_id uuid,
        activated_by uuid REFERENCES users (id),
        activated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT document_template_activations_same_park FOREIGN KEY (park_id, template_id)
          REFERENCES document_templates (park_id, id)
      )`);
    await q.query(
      `CREATE INDEX document_template_activations_kind_idx ON document_template_activations (park_id, kind, id DESC)`,
    );
    await enableTenantIsolation(q, 'document_template_activations');

    await q.query(`
      CREATE TABLE issued_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        case_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        number text NOT NULL,
        -- What the file was made from: the case_documents row (sheet, letters), the circular notice,
        -- or the case event (special supervision); NULL for the registration form.
        source_id text,
        template_id uuid,
        -- NULL: the built-in default template.
        template_version integer,
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        issued_by uuid REFERENCES users (id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT issued_documents_park_id_key UNIQUE (park_id, id),
        CONSTRAINT issued_documents_case_same_park FOREIGN KEY (park_id, case_id) REFERENCES cases (park_id, id),
        CONSTRAINT issued_documents_template_same_park FOREIGN KEY (park_id, template_id)
          REFERENCES document_templates (park_id, id),
        CONSTRAINT issued_documents_template_version CHECK ((template_id IS NULL) = (template_version IS NULL))
      )`);
    await q.query(`CREATE INDEX issued_documents_case_idx ON issued_documents (case_id, issued_at)`);
    await q.query(`CREATE INDEX issued_documents_source_idx ON issued_documents (park_id, kind, source_id)`);
    await enableTenantIsolation(q, 'issued_documents');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issued_documents`);
    await q.query(`DROP TABLE document_template_activations`);
    await q.query(`DROP TABLE document_templates`);
  }
}
