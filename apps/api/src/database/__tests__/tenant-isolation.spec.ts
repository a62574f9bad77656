import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { secondPark } from '../../__tests__/support/park-onboarding.js';
import { APP_ROLE } from '../tenant-table.js';

/**
 * Parks cannot see each other, and the database itself sees to it: these queries run as the
 * application role with raw SQL, not through the API's code.
 */
/**
 * Tables that row-level security does not guard, each with the reason; a new table must not join
 * this list without one. (Refresh tokens and sign-in failures are guarded: see auth-tables.spec.ts.)
 */
const WITHOUT_ROW_SECURITY: string[] = [];

describe('tenant isolation in PostgreSQL', () => {
  let api: TestApi;
  let app: pg.Client;
  let tenantTables: string[];
  let parkA: string;
  let parkB: string;

  /** Runs `sql` as the application role inside a transaction scoped to `parkId` (or none). */
  async function asPark<T = Record<string, unknown>>(
    parkId: string | null,
    sql: string,
    params: unknown[] = [],
  ) {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.park_id', $1, true)`, [parkId ?? '']);
      return (await app.query(sql, params)) as pg.QueryResult<T & pg.QueryResultRow>;
    } finally {
      await app.query('ROLLBACK');
    }
  }

  /** Runs `sql` as the application role on the office read path of `userId`. */
  async function asOffice<T = Record<string, unknown>>(
    userId: string,
    districtId: string,
    sql: string,
    params: unknown[] = [],
  ) {
    await app.query('BEGIN');
    try {
      await app.query(
        `SELECT set_config('app.scope', 'office', true), set_config('app.user_id', $1, true),
                set_config('app.district_id', $2, true)`,
        [userId, districtId],
      );
      return (await app.query(sql, params)) as pg.QueryResult<T & pg.QueryResultRow>;
    } finally {
      await app.query('ROLLBACK');
    }
  }

  beforeAll(async () => {
    api = await startTestApi();
    // Park A is the seeded Zhengyang park; park B is onboarded through the API like any other.
    parkA = (await api.owner.query(`SELECT id FROM parks WHERE code = 'zhengyang'`)).rows[0].id;
    const { parkId, adminToken: adminB } = await secondPark(api);
    parkB = parkId;
    await api.gql(
      `mutation { createDepartment(input: { code: "OFFICE", name: "综合办公室", kind: PARK }) { id } }`,
      {},
      adminB,
    );
    // The same kind of rows in park A, written through the API as well.
    const adminA = await api.login('zy.admin');
    await api.gql(
      `mutation { createDepartment(input: { code: "AUDIT_A", name: "审计室", kind: PARK }) { id } }`,
      {},
      adminA,
    );

    // Case tables: one enterprise, counter, case, event and document per park, written as the owner.
    for (const park of [parkA, parkB]) {
      const [{ id: enterpriseId }] = (
        await api.owner.query(
          `INSERT INTO enterprises (park_id, credit_code, name) VALUES ($1, $2, '测试企业') RETURNING id`,
          [park, park === parkA ? '91500114MA5U3XKL2T' : '91110108MA01AAAA1Q'],
        )
      ).rows;
      await api.owner.query(
        `INSERT INTO number_counters (park_id, kind, scope, last_value) VALUES ($1, 'REGISTRATION', '2026', 1)`,
        [park],
      );
      const [{ id: caseId }] = (
        await api.owner.query(
          `INSERT INTO cases (park_id, registration_no, registration_year, registration_seq, rules_version, status,
             enterprise_id, enterprise_name, reported_at, category_code, channel_code, report_form_code, contact_name,
             contact_phone, title, description, state)
           VALUES ($1, 'N1', 2026, 1, 1, 'REGISTERED', $2, '测试企业', now(), 'OTHER', 'HOTLINE', 'PHONE', '联系人',
             '023-1', '标题', '描述内容', '{}') RETURNING id`,
          [park, enterpriseId],
        )
      ).rows;
      await api.owner.query(
        `INSERT INTO case_events (park_id, case_id, case_version, type, status_after) VALUES ($1, $2, 1, 'CaseRegistered', 'REGISTERED')`,
        [park, caseId],
      );
      await api.owner.query(
        `INSERT INTO case_documents (park_id, case_id, kind, number, issued_on) VALUES ($1, $2, 'ASSIGNMENT_SHEET', 'A1', now())`,
        [park, caseId],
      );
      // Dashboard rows of the case, as its refresh job writes them.
      await api.owner.query(
        `INSERT INTO dashboard_cases (case_id, park_id, district_id, registration_no, title, enterprise_name, status,
           category_code, channel_code, registered_on, contact_name_masked, contact_phone_masked)
         SELECT $2, $1, district_id, 'N1', '标题', '测试企业', 'REGISTERED', 'OTHER', 'HOTLINE', '2026-01-05', '联**', '****-1'
           FROM parks WHERE id = $1`,
        [park, caseId],
      );
      for (const table of ['dashboard_contributions', 'dashboard_rollups'])
        await api.owner.query(
          `INSERT INTO ${table} (park_id, district_id, ${table === 'dashboard_rollups' ? '' : 'case_id, '}metric, on_date,
             category_code, channel_code, n)
           SELECT $1, district_id, ${table === 'dashboard_rollups' ? '' : '$2, '}'received', '2026-01-01', 'OTHER', 'HOTLINE', 1
             FROM parks WHERE id = $1`,
          table === 'dashboard_rollups' ? [park] : [park, caseId],
        );
      await api.owner.query(
        `INSERT INTO dashboard_park_figures (park_id, district_id, slice, metric, on_date, n)
         SELECT $1, district_id, 'code', 'received', '2026-01-01', 1 FROM parks WHERE id = $1`,
        [park],
      );
      await api.owner.query(
        `INSERT INTO dashboard_departments (park_id, district_id, department_id, name)
         SELECT $1, p.district_id, d.id, d.name FROM parks p JOIN departments d ON d.park_id = p.id
          WHERE p.id = $1 LIMIT 1`,
        [park],
      );
      const [{ id: noticeId }] = (
        await api.owner.query(
          `INSERT INTO circular_notices (park_id, department_id, grounds, content)
           SELECT $1, id, '{DELAY}', '通报' FROM departments WHERE park_id = $1 LIMIT 1 RETURNING id`,
          [park],
        )
      ).rows;
      await api.owner.query(
        `INSERT INTO circular_notice_cases (park_id, notice_id, case_id, position) VALUES ($1, $2, $3, 1)`,
        [park, noticeId, caseId],
      );
      await api.owner.query(
        `INSERT INTO case_attachments (park_id, case_id, file_name, content_type, size_bytes, sha256, storage_key)
         VALUES ($1, $2, '附页.pdf', 'application/pdf', 8, $3, $4)`,
        [park, caseId, 'a'.repeat(64), `${park}/${caseId}/attachment`],
      );
      const [{ id: templateId }] = (
        await api.owner.query(
          `INSERT INTO document_templates (park_id, kind, version, file_name, size_bytes, sha256, storage_key)
           VALUES ($1, 'ASSIGNMENT_SHEET', 1, '交办单.docx', 8, $2, $3) RETURNING id`,
          [park, 'b'.repeat(64), `${park}/template`],
        )
      ).rows;
      await api.owner.query(
        `INSERT INTO document_template_activations (park_id, kind, template_id) VALUES ($1, 'ASSIGNMENT_SHEET', $2)`,
        [park, templateId],
      );
      const [{ id: issuedId }] = (
        await api.owner.query(
          `INSERT INTO issued_documents (park_id, case_id, kind, number, template_id, template_version, file_name,
             content_type, size_bytes, sha256, storage_key)
           VALUES ($1, $2, 'REGISTRATION_FORM', 'N1', $3, 1, '登记表.docx', 'application/octet-stream', 8, $4, $5)
           RETURNING id`,
          [park, caseId, templateId, 'c'.repeat(64), `${park}/${caseId}/issued`],
        )
      ).rows;
      await api.owner.query(
        `INSERT INTO issued_document_pdfs (park_id, issued_document_id, status, storage_key, size_bytes, sha256)
         VALUES ($1, $2, 'READY', $3, 8, $4)`,
        [park, issuedId, `${park}/${caseId}/issued-pdf`, 'd'.repeat(64)],
      );
      const [{ id: batchId }] = (
        await api.owner.query(
          `INSERT INTO document_batches (park_id, requested_by, kinds, total)
           SELECT $1, id, '{REGISTRATION_FORM}', 1 FROM users WHERE home_park_id = $1 LIMIT 1 RETURNING id`,
          [park],
        )
      ).rows;
      await api.owner.query(
        `INSERT INTO document_batch_items (park_id, batch_id, position, case_id, kind, issued_document_id)
         VALUES ($1, $2, 1, $3, 'REGISTRATION_FORM', $4)`,
        [park, batchId, caseId, issuedId],
      );
      await api.owner.query(`INSERT INTO outbox (park_id, job_name, job_key) VALUES ($1, 'test', $2)`, [
        park,
        `test:${caseId}`,
      ]);
      const [{ id: notificationId }] = (
        await api.owner.query(
          `INSERT INTO notifications (park_id, user_id, kind, case_id, dedupe_key, title, body)
           SELECT $1, id, 'DEADLINE_REMINDER', $2, 'test', '提醒', '正文' FROM users WHERE home_park_id = $1 LIMIT 1
           RETURNING id`,
          [park, caseId],
        )
      ).rows;
      await api.owner.query(
        `INSERT INTO notification_deliveries (park_id, notification_id, channel, recipient) VALUES ($1, $2, 'EMAIL', 'a@b.cn')`,
        [park, notificationId],
      );
      // Both parks copied the same outside office on a supervision letter of their case.
      await api.owner.query(
        `INSERT INTO office_cases (park_id, case_id, office_code, occasion) VALUES ($1, $2, 'CITY_SUPERVISION_OFFICE', 'SUPERVISION_LETTER')`,
        [park, caseId],
      );
    }

    tenantTables = (
      await api.owner.query(`
        SELECT c.table_name FROM information_schema.columns c
          JOIN information_schema.tables t USING (table_schema, table_name)
         WHERE c.table_schema = 'public' AND c.column_name = 'park_id' AND c.is_nullable = 'NO'
           AND t.table_type = 'BASE TABLE'
         ORDER BY 1`)
    ).rows.map((row) => row.table_name as string);

    const url = new URL(api.ownerUrl);
    url.username = APP_ROLE;
    url.password = 'qifu_app_test_pw';
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
  });

  afterAll(async () => {
    await app.end();
    await api.close();
  });

  it('finds the tenant tables', () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining(['audit_events', 'departments', 'park_rules_versions', 'role_assignments']),
    );
  });

  it('every tenant table has row-level security enabled, forced and bound to app.park_id', async () => {
    for (const table of tenantTables) {
      // The job runner's cross-park policies count only in its own scope, which no park's
      // transaction sets (they are checked below by name and condition).
      const { rows } = await api.owner.query(
        `SELECT c.relrowsecurity, c.relforcerowsecurity,
                (SELECT array_agg(pg_get_expr(p.polqual, p.polrelid)) FROM pg_policy p
                  WHERE p.polrelid = c.oid AND p.polname NOT LIKE 'jobs\\_%' AND p.polname NOT LIKE '%\\_reads'
                    AND p.polname NOT LIKE 'office\\_%') AS quals,
                (SELECT array_agg(pg_get_expr(p.polwithcheck, p.polrelid)) FROM pg_policy p
                  WHERE p.polrelid = c.oid AND p.polname NOT LIKE 'jobs\\_%' AND p.polname NOT LIKE '%\\_reads'
                    AND p.polname NOT LIKE 'office\\_%') AS checks,
                (SELECT array_agg(pg_get_expr(p.polqual, p.polrelid)) FROM pg_policy p
                  WHERE p.polrelid = c.oid AND p.polname LIKE 'office\\_%') AS office_quals,
                (SELECT array_agg(p.polname || ' ' || p.polcmd::text || ' ' || pg_get_expr(p.polqual, p.polrelid)) FROM pg_policy p
                  WHERE p.polrelid = c.oid AND p.polname LIKE '%\\_reads') AS read_quals,
                (SELECT array_agg(pg_get_expr(p.polqual, p.polrelid)) FROM pg_policy p
                  WHERE p.polrelid = c.oid AND p.polname LIKE 'jobs\\_%') AS jobs_quals
           FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace`,
        [table],
      );
      // Dashboards: read-only policies for the district read path and the platform (the rollups),
      // and the parks' published rules for both, the platform's only in its dashboard read.
      // The office read path: only in its own scope, whatever else a policy asks.
      for (const qual of rows[0].office_quals ?? [])
        expect({ table, qual }).toEqual({
          table,
          qual: expect.stringMatching(
            /^\(\(current_setting\('app\.scope'::text, true\) = 'office'::text\) AND /,
          ),
        });
      for (const qual of (rows[0].read_quals ?? []).filter((q: string) => !q.startsWith('office_reads ')))
        expect({ table, qual }).toEqual({
          table,
          qual: expect.stringMatching(
            table === 'park_rules_versions'
              ? /^district_reads r \(\(\(current_setting\('app\.scope'::text, true\) = 'platform'::text\) AND \(current_setting\('app\.dashboard_read'::text, true\) = 'on'::text\)\) OR \(\(current_setting\('app\.scope'::text, true\) = 'district'::text\) AND \(park_id IN \( SELECT parks\.id\s+FROM parks\s+WHERE \(parks\.district_id = .*current_setting\('app\.district_id'/
              : /^(district_reads r .*current_setting\('app\.scope'::text, true\) = 'district'::text\) AND \(district_id = .*current_setting\('app\.district_id'|platform_reads r \(current_setting\('app\.scope'::text, true\) = 'platform'::text\)$)/,
          ),
        });
      for (const qual of rows[0].jobs_quals ?? [])
        expect({ table, qual }).toEqual({
          table,
          qual: "(current_setting('app.scope'::text, true) = 'jobs'::text)",
        });
      expect({ table, enabled: rows[0].relrowsecurity, forced: rows[0].relforcerowsecurity }).toEqual({
        table,
        enabled: true,
        forced: true,
      });
      expect(rows[0].quals).toHaveLength(1);
      expect(rows[0].quals[0]).toContain("current_setting('app.park_id'");
      expect(rows[0].checks[0]).toContain("current_setting('app.park_id'");
    }
  });

  it('every table has row-level security enabled and forced, tenant or shared (none can forget it)', async () => {
    const { rows } = await api.owner.query(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
          AND c.relname <> ALL($1) ORDER BY 1`,
      [['typeorm_migrations', ...WITHOUT_ROW_SECURITY]],
    );
    expect(rows.length).toBeGreaterThan(tenantTables.length);
    for (const row of rows) expect(row).toEqual({ table: row.table, enabled: true, forced: true });
  });

  it('the national calendar is read by every park and written by the platform only', async () => {
    const read = await asPark<{ n: number }>(parkB, `SELECT count(*)::int AS n FROM national_calendar_years`);
    const all = await api.owner.query(`SELECT count(*)::int AS n FROM national_calendar_years`);
    expect(all.rows[0].n).toBeGreaterThan(0);
    expect(read.rows[0].n).toBe(all.rows[0].n);
    await expect(
      asPark(parkB, `INSERT INTO national_calendar_years (year, version, holidays) VALUES (2027, 1, '[]')`),
    ).rejects.toThrow(/row-level security/);
    const { rows: policies } = await api.owner.query(
      `SELECT polname, polcmd::text AS cmd, pg_get_expr(polqual, polrelid) AS qual,
              pg_get_expr(polwithcheck, polrelid) AS check
         FROM pg_policy WHERE polrelid = 'national_calendar_years'::regclass ORDER BY polname`,
    );
    expect(policies).toEqual([
      {
        polname: 'national_calendar_insert',
        cmd: 'a',
        qual: null,
        check: "(current_setting('app.scope'::text, true) = 'platform'::text)",
      },
      { polname: 'national_calendar_read', cmd: 'r', qual: 'true', check: null },
    ]);
  });

  it('the application role owns no table and cannot bypass row-level security', async () => {
    // Nor make a role that could (the scope it runs under is only as good as the SQL it runs).
    const role = await api.owner.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`,
      [APP_ROLE],
    );
    expect(role.rows[0]).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
    const owned = await api.owner.query(
      `SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
      [APP_ROLE],
    );
    expect(owned.rows).toEqual([]);
  });

  it('each tenant table holds rows of both parks (so the checks below test something)', async () => {
    for (const table of tenantTables) {
      const { rows } = await api.owner.query(
        `SELECT count(*) FILTER (WHERE park_id = $1)::int AS a, count(*) FILTER (WHERE park_id = $2)::int AS b FROM ${table}`,
        [parkA, parkB],
      );
      expect({ table, a: rows[0].a > 0, b: rows[0].b > 0 }).toEqual({ table, a: true, b: true });
    }
  });

  it('with no park set, tenant tables return zero rows', async () => {
    for (const table of tenantTables) {
      const { rows } = await asPark<{ n: number }>(null, `SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, rows: rows[0].n }).toEqual({ table, rows: 0 });
    }
  });

  it("with park B set, park A's rows can be neither read, changed nor deleted", async () => {
    for (const table of tenantTables) {
      const read = await asPark<{ n: number }>(
        parkB,
        `SELECT count(*)::int AS n FROM ${table} WHERE park_id = $1`,
        [parkA],
      );
      expect({ table, read: read.rows[0].n }).toEqual({ table, read: 0 });
      const own = await asPark<{ n: number }>(parkB, `SELECT count(*)::int AS n FROM ${table}`);
      expect(own.rows[0].n).toBeGreaterThan(0);
      const { rows: privileges } = await api.owner.query(
        `SELECT has_table_privilege($1, $2, 'UPDATE') AS can_update, has_table_privilege($1, $2, 'DELETE') AS can_delete`,
        [APP_ROLE, table],
      );
      if (!privileges[0].can_update && !privileges[0].can_delete) {
        // Append-only tables (audit trail, published rules): no UPDATE or DELETE for anyone.
        await expect(asPark(parkB, `DELETE FROM ${table} WHERE park_id = $1`, [parkA])).rejects.toThrow(
          /permission denied/,
        );
        continue;
      }
      const updated = await asPark(parkB, `UPDATE ${table} SET park_id = park_id WHERE park_id = $1`, [
        parkA,
      ]);
      expect({ table, updated: updated.rowCount }).toEqual({ table, updated: 0 });
      const deleted = await asPark(parkB, `DELETE FROM ${table} WHERE park_id = $1`, [parkA]);
      expect({ table, deleted: deleted.rowCount }).toEqual({ table, deleted: 0 });
    }
  });

  it('with park B set, rows cannot be written into park A or moved there', async () => {
    await expect(
      asPark(parkB, `INSERT INTO departments (park_id, code, name, kind) VALUES ($1, 'X', 'X', 'PARK')`, [
        parkA,
      ]),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asPark(parkB, `INSERT INTO audit_events (park_id, action, subject_type) VALUES ($1, 'x', 'x')`, [
        parkA,
      ]),
    ).rejects.toThrow(/row-level security/);
    await expect(asPark(parkB, `UPDATE departments SET park_id = $1`, [parkA])).rejects.toThrow(
      /row-level security/,
    );
    // Without an explicit park the row lands in the transaction's park.
    const inserted = await asPark<{ park_id: string }>(
      parkB,
      `INSERT INTO departments (code, name, kind) VALUES ('Y', 'Y', 'PARK') RETURNING park_id`,
    );
    expect(inserted.rows[0].park_id).toBe(parkB);
  });

  it("with park B set, its enterprises and cases link to its own departments and people, never park A's", async () => {
    const first = async (sql: string, park: string) =>
      (await api.owner.query(sql, [park])).rows[0].id as string;
    const department = (park: string) =>
      first(`SELECT id FROM departments WHERE park_id = $1 AND kind = 'PARK' ORDER BY code LIMIT 1`, park);
    const person = (park: string) =>
      first(`SELECT id FROM users WHERE home_park_id = $1 ORDER BY username LIMIT 1`, park);
    const [departmentA, personA, departmentB, personB] = [
      await department(parkA),
      await person(parkA),
      await department(parkB),
      await person(parkB),
    ];
    const own = await asPark(
      parkB,
      `UPDATE enterprises SET linked_department_id = $1, linked_cadre_user_id = $2, linked_cadre_phone = '023-1'`,
      [departmentB, personB],
    );
    expect(own.rowCount).toBe(1);
    const followed = await asPark(
      parkB,
      `UPDATE cases SET follow_up_department_id = $1, follow_up_user_id = $2`,
      [departmentB, personB],
    );
    expect(followed.rowCount).toBe(1);
    // Park A's ids are refused by the same-park foreign keys, whatever the statement.
    for (const [table, column, id, constraint] of [
      ['enterprises', 'linked_department_id', departmentA, 'enterprises_linked_department_same_park'],
      ['enterprises', 'linked_cadre_user_id', personA, 'enterprises_linked_cadre_same_park'],
      ['cases', 'follow_up_department_id', departmentA, 'cases_follow_up_department_same_park'],
      ['cases', 'follow_up_user_id', personA, 'cases_follow_up_user_same_park'],
    ])
      await expect(asPark(parkB, `UPDATE ${table} SET ${column} = $1`, [id])).rejects.toThrow(
        new RegExp(`violates foreign key constraint "${constraint}"`),
      );
    await expect(
      asPark(
        parkB,
        `INSERT INTO enterprises (credit_code, name, linked_department_id) VALUES ('91500114MA5U3XKL9T', '外园企业', $1)`,
        [departmentA],
      ),
    ).rejects.toThrow(/enterprises_linked_department_same_park/);
  });

  it('the audit trail is append-only for the application role', async () => {
    await expect(asPark(parkA, `UPDATE audit_events SET action = 'tampered'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(asPark(parkA, `DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
  });

  it('a park sees only itself and its district in the directory; users of other parks are hidden', async () => {
    const parks = await asPark<{ code: string }>(parkB, `SELECT code FROM parks`);
    expect(parks.rows.map((row) => row.code)).toEqual(['wulingshan']);
    const users = await asPark<{ username: string }>(parkB, `SELECT username FROM users ORDER BY 1`);
    expect(users.rows.map((row) => row.username)).toEqual(['wl.admin']);
  });

  describe('the office read path', () => {
    let districtId: string;
    const viewer: Record<'parkA' | 'district' | 'otherOffice', string> = {
      parkA: '',
      district: '',
      otherOffice: '',
    };

    beforeAll(async () => {
      districtId = (await api.owner.query(`SELECT district_id FROM parks WHERE id = $1`, [parkA])).rows[0]
        .district_id;
      const accounts: [keyof typeof viewer, string, string | null, string | null][] = [
        ['parkA', 'CITY_SUPERVISION_OFFICE', parkA, null],
        ['district', 'CITY_SUPERVISION_OFFICE', null, districtId],
        ['otherOffice', 'EFFICIENCY_OFFICE', parkA, null],
      ];
      for (const [key, office, park, district] of accounts) {
        const [{ id }] = (
          await api.owner.query(
            `INSERT INTO users (username, display_name, password_hash, platform_role)
             VALUES ($1, '督查室', 'x', 'OFFICE_VIEWER') RETURNING id`,
            [`office.${key}`],
          )
        ).rows;
        await api.owner.query(
          `INSERT INTO office_accounts (user_id, office_code, office_name, park_id, district_id)
           VALUES ($1, $2, '督查室', $3, $4)`,
          [id, office, park, district],
        );
        viewer[key] = id;
      }
    });

    it("reads the cases linked to its own office in its own park, never another park's", async () => {
      const cases = await asOffice<{ park_id: string }>(
        viewer.parkA,
        districtId,
        `SELECT park_id FROM cases`,
      );
      expect(cases.rows.map((r) => r.park_id)).toEqual([parkA]);
      const byId = await asOffice(
        viewer.parkA,
        districtId,
        `SELECT c.id FROM cases c WHERE c.park_id = $1
         UNION ALL SELECT d.id FROM case_documents d WHERE d.park_id = $1
         UNION ALL SELECT e.case_id FROM case_events e WHERE e.park_id = $1`,
        [parkB],
      );
      expect(byId.rowCount).toBe(0);
      for (const table of ['case_documents', 'case_events', 'departments', 'park_rules_versions'])
        expect({
          table,
          parks: (
            await asOffice<{ park_id: string }>(
              viewer.parkA,
              districtId,
              `SELECT DISTINCT park_id FROM ${table}`,
            )
          ).rows.map((r) => r.park_id),
        }).toEqual({ table, parks: [parkA] });
    });

    it('a district office reads both parks of its district; another office and another scope read none', async () => {
      const district = await asOffice<{ n: number }>(
        viewer.district,
        districtId,
        `SELECT count(DISTINCT park_id)::int AS n FROM cases`,
      );
      expect(district.rows[0].n).toBe(2);
      const other = await asOffice<{ n: number }>(
        viewer.otherOffice,
        districtId,
        `SELECT count(*)::int AS n FROM cases`,
      );
      expect(other.rows[0].n).toBe(0);
      // The same user without the office scope (a forged park-less transaction) reads nothing.
      await app.query('BEGIN');
      try {
        await app.query(`SELECT set_config('app.user_id', $1, true)`, [viewer.parkA]);
        expect((await app.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n).toBe(0);
      } finally {
        await app.query('ROLLBACK');
      }
    });

    it('reads nothing else of a park: no enterprise, attachment, issued file, audit record or user', async () => {
      for (const table of tenantTables.filter(
        (t) =>
          ![
            'cases',
            'case_documents',
            'case_events',
            'departments',
            'park_rules_versions',
            'office_cases',
            'notifications',
          ].includes(t),
      )) {
        const { rows } = await asOffice<{ n: number }>(
          viewer.district,
          districtId,
          `SELECT count(*)::int AS n FROM ${table}`,
        );
        expect({ table, rows: rows[0].n }).toEqual({ table, rows: 0 });
      }
      const users = await asOffice<{ id: string }>(viewer.parkA, districtId, `SELECT id FROM users`);
      expect(users.rows.map((r) => r.id)).toEqual([viewer.parkA]);
      const notifications = await asOffice<{ n: number }>(
        viewer.parkA,
        districtId,
        `SELECT count(*)::int AS n FROM notifications`,
      );
      expect(notifications.rows[0].n).toBe(0);
    });

    it('cannot write what it reads, nor link itself to another office', async () => {
      const updated = await asOffice(viewer.parkA, districtId, `UPDATE cases SET title = 'x'`);
      expect(updated.rowCount).toBe(0);
      await expect(
        asOffice(viewer.parkA, districtId, `UPDATE office_accounts SET office_code = 'EFFICIENCY_OFFICE'`),
      ).resolves.toMatchObject({ rowCount: 0 });
      await expect(
        asOffice(
          viewer.parkA,
          districtId,
          `INSERT INTO office_cases (park_id, case_id, office_code, occasion) SELECT park_id, id, 'X', 'RESULT_REPORT' FROM cases`,
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('a park links office viewers to itself only', async () => {
      await expect(
        asPark(
          parkB,
          `INSERT INTO office_accounts (user_id, office_code, office_name, park_id) VALUES ($1, 'X', 'X', $2)`,
          [viewer.otherOffice, parkA],
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        asPark(
          parkB,
          `INSERT INTO office_accounts (user_id, office_code, office_name, district_id) VALUES ($1, 'X', 'X', $2)`,
          [viewer.otherOffice, districtId],
        ),
      ).rejects.toThrow(/row-level security/);
      // Park B sees the district's viewer (to notify it), not park A's.
      const seen = await asPark<{ user_id: string }>(parkB, `SELECT user_id FROM office_accounts`);
      expect(seen.rows.map((r) => r.user_id)).toEqual([viewer.district]);
      const users = await asPark<{ username: string }>(
        parkB,
        `SELECT username FROM users WHERE platform_role = 'OFFICE_VIEWER'`,
      );
      expect(users.rows.map((r) => r.username)).toEqual(['office.district']);
    });
  });
});
