import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_PARK, enableTenantIsolation } from '../tenant-table.js';

const PLATFORM = `current_setting('app.scope', true) = 'platform'`;
const CURRENT_USER = `NULLIF(current_setting('app.user_id', true), '')::uuid`;
const LOGIN = `NULLIF(current_setting('app.login', true), '')`;
// The office read path: set for office viewers only (tenant-db.ts), whose own account row says
// which office they read for and where.
const OFFICE = `current_setting('app.scope', true) = 'office'`;

const OCCASIONS = `'REFERRAL_LETTER', 'ASSIGNMENT_SHEET', 'RESULT_REPORT', 'SUPERVISION_LETTER', 'OVERDUE_HANDOVER'`;
const DOCUMENT_KINDS = `'REGISTRATION_FORM', 'ASSIGNMENT_SHEET', 'REFERRAL_LETTER', 'SUPERVISION_LETTER',
  'SPECIAL_SUPERVISION_LETTER', 'CIRCULAR_NOTICE', 'HANDOVER_LETTER'`;
const NOTIFICATION_KINDS = `'DEADLINE_REMINDER', 'OVERDUE_SUPERVISION', 'REFERRAL_UNANSWERED', 'B_GRADE_REVIEW',
  'FOLLOW_UP_DUE', 'DAILY_DIGEST', 'OFFICE_HANDOVER'`;

/** The tables of a case an office viewer reads (only the cases copied or handed over to its office). */
const CASE_TABLES: [table: string, caseColumn: string][] = [
  ['cases', 'id'],
  ['case_documents', 'case_id'],
  ['case_events', 'case_id'],
];

/**
 * Outside offices (督查室、效能办): read-only accounts of an office in one park or one district, the
 * cases copied or handed over to each office, and the office read path. An office viewer's
 * transactions set the 'office' scope; every policy of that path admits only rows of cases linked to
 * the viewer's own office in the viewer's own park or district, as its account row states.
 */
export class OutsideOffices1766030000000 implements MigrationInterface {
  name = 'OutsideOffices1766030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_platform_role_check`);
    await q.query(`
      ALTER TABLE users ADD CONSTRAINT users_platform_role_check
        CHECK (platform_role IN ('PLATFORM_ADMIN', 'DISTRICT_VIEWER', 'OFFICE_VIEWER'))`);

    // Which office a viewer reads for, and where: one park, or every park of one district.
    await q.query(`
      CREATE TABLE office_accounts (
        user_id uuid PRIMARY KEY REFERENCES users (id),
        office_code text NOT NULL,
        office_name text NOT NULL,
        park_id uuid REFERENCES parks (id),
        district_id uuid REFERENCES districts (id),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT office_accounts_one_scope CHECK ((park_id IS NULL) <> (district_id IS NULL))
      )`);
    await q.query(`CREATE INDEX office_accounts_park_idx ON office_accounts (park_id, office_code)`);
    await q.query(`CREATE INDEX office_accounts_district_idx ON office_accounts (district_id, office_code)`);
    await q.query(`ALTER TABLE office_accounts ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE office_accounts FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY platform_manages ON office_accounts USING (${PLATFORM}) WITH CHECK (${PLATFORM})`,
    );
    // A park links viewers to itself only; it sees its district's viewers too (to notify them).
    await q.query(`
      CREATE POLICY park_manages ON office_accounts
      USING (park_id = ${CURRENT_PARK}) WITH CHECK (park_id = ${CURRENT_PARK} AND district_id IS NULL)`);
    await q.query(`
      CREATE POLICY park_notifies ON office_accounts FOR SELECT
      USING (district_id IN (SELECT district_id FROM parks WHERE id = ${CURRENT_PARK}))`);
    await q.query(
      `CREATE POLICY own_account ON office_accounts FOR SELECT USING (user_id = ${CURRENT_USER})`,
    );

    // The cases each office was copied on or handed over, with the occasion; written by the park.
    await q.query(`
      CREATE TABLE office_cases (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        park_id uuid NOT NULL REFERENCES parks (id),
        case_id uuid NOT NULL,
        office_code text NOT NULL,
        occasion text NOT NULL CHECK (occasion IN (${OCCASIONS})),
        -- The addressee of a hand-over letter; the others were copied.
        handed_over boolean NOT NULL DEFAULT false,
        -- The case document copied (or handed over), or the case version of a report back.
        source_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT office_cases_case_same_park FOREIGN KEY (park_id, case_id) REFERENCES cases (park_id, id),
        CONSTRAINT office_cases_once UNIQUE NULLS NOT DISTINCT (park_id, case_id, office_code, occasion, source_id)
      )`);
    await q.query(`CREATE INDEX office_cases_office_idx ON office_cases (office_code, case_id)`);
    await q.query(`CREATE INDEX office_cases_case_idx ON office_cases (case_id)`);
    await enableTenantIsolation(q, 'office_cases');
    await q.query(`
      CREATE POLICY office_reads ON office_cases FOR SELECT
      USING (${OFFICE} AND EXISTS (
        SELECT 1 FROM office_accounts a
         WHERE a.user_id = ${CURRENT_USER} AND a.office_code = office_cases.office_code
           AND (a.park_id = office_cases.park_id
                OR a.district_id IN (SELECT p.district_id FROM parks p WHERE p.id = office_cases.park_id))))`);

    // What the case page shows an office viewer: the linked cases (the links' own policy keeps them
    // to the viewer's office and scope), their documents and timeline, and their park's department
    // names and published rules. Never attachments, issued files or anything else of the park.
    for (const [table, column] of CASE_TABLES)
      await q.query(`
        CREATE POLICY office_reads ON ${table} FOR SELECT
        USING (${OFFICE} AND ${column} IN (SELECT case_id FROM office_cases))`);
    for (const table of ['departments', 'park_rules_versions'])
      await q.query(`
        CREATE POLICY office_reads ON ${table} FOR SELECT
        USING (${OFFICE} AND park_id IN (SELECT park_id FROM office_cases))`);
    // Their own inbox: the notifications of hand-overs are written in the parks' trails.
    await q.query(`
      CREATE POLICY office_reads ON notifications FOR SELECT USING (${OFFICE} AND user_id = ${CURRENT_USER})`);
    await q.query(`
      CREATE POLICY office_marks_read ON notifications FOR UPDATE
      USING (${OFFICE} AND user_id = ${CURRENT_USER}) WITH CHECK (${OFFICE} AND user_id = ${CURRENT_USER})`);

    // Office viewers as people: a park creates them (its link says where they read), finds those of
    // its park and district to notify them, and switches its own off; they sign in like anyone.
    const officeViewer = `platform_role = 'OFFICE_VIEWER' AND home_park_id IS NULL AND district_id IS NULL`;
    await q.query(`
      CREATE POLICY users_office_reads ON users FOR SELECT
      USING (platform_role = 'OFFICE_VIEWER' AND id IN (SELECT user_id FROM office_accounts))`);
    await q.query(`
      CREATE POLICY users_office_insert ON users FOR INSERT
      WITH CHECK (${officeViewer} AND ${CURRENT_PARK} IS NOT NULL)`);
    await q.query(`
      CREATE POLICY users_office_update ON users FOR UPDATE
      USING (platform_role = 'OFFICE_VIEWER' AND (id = ${CURRENT_USER} OR lower(username) = ${LOGIN}
             OR id IN (SELECT user_id FROM office_accounts WHERE park_id = ${CURRENT_PARK})))
      WITH CHECK (${officeViewer})`);

    for (const table of ['document_templates', 'document_template_activations', 'issued_documents']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_kind_check`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_kind_check CHECK (kind IN (${DOCUMENT_KINDS}))`,
      );
    }
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS}))`,
    );

    // The offices already copied on referral letters, park by park (row-level security binds the
    // owner too): their viewers see those cases as well.
    await q.query(`SELECT set_config('app.scope', 'platform', true)`);
    const parks = (await q.query(`SELECT id FROM parks`)) as { id: string }[];
    await q.query(`SELECT set_config('app.scope', '', true)`);
    for (const park of parks) {
      await q.query(`SELECT set_config('app.park_id', $1, true)`, [park.id]);
      await q.query(`
        INSERT INTO office_cases (park_id, case_id, office_code, occasion, source_id, created_at)
        SELECT d.park_id, d.case_id, cc.code, 'REFERRAL_LETTER', d.id::text, d.created_at
          FROM case_documents d CROSS JOIN LATERAL jsonb_array_elements_text(d.data -> 'cc') AS cc(code)
         WHERE d.kind = 'REFERRAL_LETTER' AND jsonb_typeof(d.data -> 'cc') = 'array'
        ON CONFLICT DO NOTHING`);
    }
    await q.query(`SELECT set_config('app.park_id', '', true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const policy of ['users_office_update', 'users_office_insert', 'users_office_reads'])
      await q.query(`DROP POLICY ${policy} ON users`);
    await q.query(`DROP POLICY office_marks_read ON notifications`);
    for (const table of [
      'notifications',
      'park_rules_versions',
      'departments',
      ...CASE_TABLES.map(([t]) => t),
    ])
      await q.query(`DROP POLICY office_reads ON ${table}`);
    await q.query(`DROP TABLE office_cases`);
    await q.query(`DROP TABLE office_accounts`);
  }
}
