import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '../tenant-table.js';

/** Enterprises, cases with their timeline and documents, and gap-free number counters. */
export class Cases1764500000000 implements MigrationInterface {
  name = 'Cases1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // Art. 2: enterprises registered and operating in the park.
    await q.query(`
      CREATE TABLE enterprises (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        credit_code text NOT NULL,
        name text NOT NULL,
        address text NOT NULL DEFAULT '',
        contact_name text,
        contact_phone text,
        operating boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enterprises_park_credit_code_key UNIQUE (park_id, credit_code),
        CONSTRAINT enterprises_park_id_key UNIQUE (park_id, id)
      )`);
    await q.query(`CREATE INDEX enterprises_name_idx ON enterprises (park_id, name)`);
    await enableTenantIsolation(q, 'enterprises');

    // One row per park, document kind and numbering scope (a year, or ALL): locked by the
    // transaction that takes a number, so numbers are unique and a rollback leaves no gap.
    await q.query(`
      CREATE TABLE number_counters (
        park_id uuid NOT NULL REFERENCES parks (id),
        kind text NOT NULL,
        scope text NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (park_id, kind, scope)
      )`);
    await enableTenantIsolation(q, 'number_counters');

    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        registration_no text NOT NULL,
        registration_year integer NOT NULL,
        registration_seq integer NOT NULL,
        rules_version integer NOT NULL,
        status text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        enterprise_id uuid,
        enterprise_name text NOT NULL,
        enterprise_address text NOT NULL DEFAULT '',
        reported_at timestamptz NOT NULL,
        category_code text NOT NULL,
        channel_code text NOT NULL,
        report_form_code text NOT NULL,
        contact_name text NOT NULL,
        contact_title text,
        contact_phone text NOT NULL,
        contact_email text,
        title text NOT NULL,
        description text NOT NULL,
        hoped_department_ids uuid[] NOT NULL DEFAULT '{}',
        urgent boolean NOT NULL DEFAULT false,
        -- Settled by screening and approval (denormalised from state for the ledger).
        jurisdiction text,
        major boolean NOT NULL DEFAULT false,
        policy_heavy boolean NOT NULL DEFAULT false,
        lead_department_id uuid,
        department_ids uuid[] NOT NULL DEFAULT '{}',
        approver_role text,
        grade_code text,
        satisfaction_code text,
        -- The aggregate as libs/domain sees it; the columns above are its queryable projection.
        state jsonb NOT NULL,
        -- Open and met deadlines: [{stage, from, dueOn, amount, unit, doneOn}]; the earliest open one
        -- is copied to next_due_on for the ledger's overdue filter.
        deadlines jsonb NOT NULL DEFAULT '[]',
        next_due_on date,
        next_due_stage text,
        registered_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT cases_registration_no_key UNIQUE (park_id, registration_no),
        CONSTRAINT cases_registration_seq_key UNIQUE (park_id, registration_year, registration_seq),
        CONSTRAINT cases_park_id_key UNIQUE (park_id, id),
        CONSTRAINT cases_enterprise_same_park FOREIGN KEY (park_id, enterprise_id) REFERENCES enterprises (park_id, id)
      )`);
    // The ledger's usual orders and filters.
    await q.query(
      `CREATE INDEX cases_ledger_idx ON cases (park_id, registration_year DESC, registration_seq DESC)`,
    );
    await q.query(`CREATE INDEX cases_status_idx ON cases (park_id, status)`);
    await q.query(`CREATE INDEX cases_departments_idx ON cases USING gin (department_ids)`);
    await q.query(`CREATE INDEX cases_due_idx ON cases (park_id, next_due_on) WHERE next_due_on IS NOT NULL`);
    await enableTenantIsolation(q, 'cases');

    // The timeline: every accepted act, append-only.
    await q.query(`
      CREATE TABLE case_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        park_id uuid NOT NULL REFERENCES parks (id),
        case_id uuid NOT NULL,
        case_version integer NOT NULL,
        type text NOT NULL,
        actor_user_id uuid REFERENCES users (id),
        actor_role text,
        data jsonb NOT NULL DEFAULT '{}',
        status_before text,
        status_after text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_events_case_same_park FOREIGN KEY (park_id, case_id) REFERENCES cases (park_id, id),
        CONSTRAINT case_events_version_key UNIQUE (case_id, case_version)
      )`);
    await enableTenantIsolation(q, 'case_events');

    // Numbered documents of a case: assignment sheets, referral letters, supervision letters.
    await q.query(`
      CREATE TABLE case_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        case_id uuid NOT NULL,
        kind text NOT NULL,
        number text NOT NULL,
        department_id uuid,
        issued_on date NOT NULL,
        due_on date,
        done_on date,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_documents_case_same_park FOREIGN KEY (park_id, case_id) REFERENCES cases (park_id, id),
        CONSTRAINT case_documents_number_key UNIQUE (park_id, kind, number)
      )`);
    await q.query(`CREATE INDEX case_documents_case_idx ON case_documents (case_id)`);
    await enableTenantIsolation(q, 'case_documents');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['case_documents', 'case_events', 'cases', 'number_counters', 'enterprises']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
