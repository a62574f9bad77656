import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_PARK, enableTenantIsolation } from '../tenant-table.js';

const PLATFORM = `current_setting('app.scope', true) = 'platform'`;
const CURRENT_USER = `NULLIF(current_setting('app.user_id', true), '')::uuid`;
const CURRENT_DISTRICT = `NULLIF(current_setting('app.district_id', true), '')::uuid`;
const LOGIN = `NULLIF(current_setting('app.login', true), '')`;

/** Districts, parks, users, roles, departments, audit trail and refresh tokens. */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    // Directory: districts and their parks. Not tenant data, but still scoped: a park sees
    // itself and its district, a district viewer its district, the platform everything.
    await q.query(`
      CREATE TABLE districts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT districts_code_key UNIQUE (code),
        CONSTRAINT districts_name_key UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE parks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES districts (id),
        code text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT parks_code_key UNIQUE (code),
        CONSTRAINT parks_name_key UNIQUE (name)
      )`);
    await q.query(`CREATE INDEX parks_district_idx ON parks (district_id)`);
    for (const table of ['districts', 'parks']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY platform_writes ON ${table} USING (${PLATFORM}) WITH CHECK (${PLATFORM})`);
    }
    await q.query(`
      CREATE POLICY directory_reads ON parks FOR SELECT
      USING (id = ${CURRENT_PARK} OR district_id = ${CURRENT_DISTRICT})`);
    await q.query(`
      CREATE POLICY directory_reads ON districts FOR SELECT
      USING (id = ${CURRENT_DISTRICT} OR id IN (SELECT district_id FROM parks WHERE id = ${CURRENT_PARK}))`);

    // Users are identities; what they may do in a park is in role_assignments (a tenant table).
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        home_park_id uuid REFERENCES parks (id),
        platform_role text CHECK (platform_role IN ('PLATFORM_ADMIN', 'DISTRICT_VIEWER')),
        district_id uuid REFERENCES districts (id),
        active boolean NOT NULL DEFAULT true,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_district_viewer_has_district
          CHECK ((platform_role = 'DISTRICT_VIEWER') = (district_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`CREATE INDEX users_home_park_idx ON users (home_park_id)`);

    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        code text NOT NULL,
        name text NOT NULL,
        name_en text,
        kind text NOT NULL CHECK (kind IN ('PARK', 'DISTRICT')),
        active boolean NOT NULL DEFAULT true,
        head_user_id uuid REFERENCES users (id),
        -- Order in which forms and lists show them (the park's own order, not the alphabet).
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT departments_park_code_key UNIQUE (park_id, code),
        CONSTRAINT departments_park_name_key UNIQUE (park_id, name),
        CONSTRAINT departments_park_id_key UNIQUE (park_id, id)
      )`);
    await enableTenantIsolation(q, 'departments');

    await q.query(`
      CREATE TABLE role_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks (id),
        user_id uuid NOT NULL REFERENCES users (id),
        role text NOT NULL CHECK (role IN ('PARK_ADMIN', 'SERVICE_CENTER_STAFF', 'LEADER_IN_CHARGE',
          'EXECUTIVE_DEPUTY_DIRECTOR', 'DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER')),
        department_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- A department role names a department of the same park; other roles name none.
        CONSTRAINT role_assignments_department_same_park
          FOREIGN KEY (park_id, department_id) REFERENCES departments (park_id, id),
        CONSTRAINT role_assignments_department_roles
          CHECK ((role IN ('DEPARTMENT_HEAD', 'DEPARTMENT_HANDLER')) = (department_id IS NOT NULL)),
        CONSTRAINT role_assignments_unique UNIQUE NULLS NOT DISTINCT (park_id, user_id, role, department_id)
      )`);
    await q.query(`CREATE INDEX role_assignments_user_idx ON role_assignments (user_id)`);
    await enableTenantIsolation(q, 'role_assignments');

    // Users: visible to the platform, to themselves, to the login lookup, and to a park they
    // belong to or hold a role in (the EXISTS is itself filtered to the current park by RLS).
    const userInPark = `(home_park_id = ${CURRENT_PARK}
      OR EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = users.id))`;
    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY users_read ON users FOR SELECT
      USING (${PLATFORM} OR id = ${CURRENT_USER} OR lower(username) = ${LOGIN} OR ${userInPark})`);
    await q.query(`
      CREATE POLICY users_insert ON users FOR INSERT
      WITH CHECK (${PLATFORM} OR (home_park_id = ${CURRENT_PARK} AND platform_role IS NULL))`);
    await q.query(`
      CREATE POLICY users_update ON users FOR UPDATE
      USING (${PLATFORM} OR id = ${CURRENT_USER} OR lower(username) = ${LOGIN} OR home_park_id = ${CURRENT_PARK})
      WITH CHECK (${PLATFORM} OR platform_role IS NULL)`);

    // Append-only trail of every change in a park; the app role gets no UPDATE or DELETE on it.
    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        park_id uuid NOT NULL REFERENCES parks (id),
        actor_user_id uuid REFERENCES users (id),
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        before jsonb,
        after jsonb,
        request_id text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX audit_events_subject_idx ON audit_events (park_id, subject_type, subject_id)`,
    );
    await enableTenantIsolation(q, 'audit_events');

    // Changes to the directory itself (districts, parks) made by the platform.
    await q.query(`
      CREATE TABLE platform_audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_user_id uuid REFERENCES users (id),
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        after jsonb,
        request_id text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE platform_audit_events ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE platform_audit_events FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY platform_only ON platform_audit_events USING (${PLATFORM}) WITH CHECK (${PLATFORM})`,
    );

    // Refresh tokens are stored as SHA-256 hashes; a family is one sign-in and all its rotations.
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refresh_tokens_hash_key UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'refresh_tokens',
      'platform_audit_events',
      'audit_events',
      'role_assignments',
      'departments',
      'users',
      'parks',
      'districts',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
