import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_USER = `NULLIF(current_setting('app.user_id', true), '')::uuid`;
const LOGIN = `NULLIF(current_setting('app.login', true), '')`;
const PRESENTED_TOKEN = `NULLIF(current_setting('app.refresh_token', true), '')`;

/**
 * Revocation at once and sign-in throttling instead of account locks.
 *
 * - `users.session_version` is written into every access token and checked on each request; a trigger
 *   raises it whenever what a token stands for changes (active, password, platform role, park,
 *   district) or all sessions are ended, so no code path can forget it. `sessions_revoked_at` ends
 *   every refresh token issued before it (set by the trigger on deactivation and password change).
 * - The lock (`locked_until`) goes: anyone could lock anyone out. `sign_in_failures` counts failures
 *   per account, per address and per address and account, keyed by a hash, for growing delays.
 * - `refresh_tokens` gets row-level security: a row is seen by whoever presents its token and by its
 *   own user, so a statement in another scope can neither read, revoke nor mint anyone's session.
 */
export class SessionRevocation1766081000000 implements MigrationInterface {
  name = 'SessionRevocation1766081000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN session_version integer NOT NULL DEFAULT 1,
        ADD COLUMN sessions_revoked_at timestamptz,
        ADD COLUMN last_failed_sign_in_at timestamptz,
        DROP COLUMN locked_until`);
    await q.query(`
      CREATE FUNCTION users_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Who a person is (platform role, park, district) is the platform's to change.
        IF (NEW.platform_role, NEW.home_park_id, NEW.district_id)
             IS DISTINCT FROM (OLD.platform_role, OLD.home_park_id, OLD.district_id)
           AND current_setting('app.scope', true) IS DISTINCT FROM 'platform' THEN
          RAISE EXCEPTION 'only the platform changes a user''s platform role, park or district'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR (OLD.active AND NOT NEW.active) THEN
          NEW.sessions_revoked_at := now();
        END IF;
        IF (NEW.active, NEW.password_hash, NEW.platform_role, NEW.home_park_id, NEW.district_id,
            NEW.sessions_revoked_at)
             IS DISTINCT FROM (OLD.active, OLD.password_hash, OLD.platform_role, OLD.home_park_id,
                               OLD.district_id, OLD.sessions_revoked_at) THEN
          NEW.session_version := greatest(NEW.session_version, OLD.session_version + 1);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER users_sessions BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_sessions()`,
    );
    // The sign-in path records its failures on the row it signs into, whatever kind of user it is,
    // and a person changes their own password (the trigger above keeps who they are fixed).
    await q.query(`
      CREATE POLICY users_own_update ON users FOR UPDATE
      USING (id = ${CURRENT_USER} OR lower(username) = ${LOGIN})
      WITH CHECK (id = ${CURRENT_USER} OR lower(username) = ${LOGIN})`);

    await q.query(`
      CREATE TABLE sign_in_failures (
        subject text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        window_started_at timestamptz NOT NULL DEFAULT now(),
        last_failed_at timestamptz,
        busy_until timestamptz
      )`);
    await q.query(`CREATE INDEX sign_in_failures_window_idx ON sign_in_failures (window_started_at)`);
    await q.query(`ALTER TABLE sign_in_failures ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE sign_in_failures FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY sign_in_only ON sign_in_failures
      USING (${LOGIN} IS NOT NULL) WITH CHECK (${LOGIN} IS NOT NULL)`);

    await q.query(`ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY presented_reads ON refresh_tokens FOR SELECT USING (token_hash = ${PRESENTED_TOKEN})`);
    await q.query(`
      CREATE POLICY presented_updates ON refresh_tokens FOR UPDATE USING (token_hash = ${PRESENTED_TOKEN})`);
    await q.query(`
      CREATE POLICY own_sessions ON refresh_tokens
      USING (user_id = ${CURRENT_USER}) WITH CHECK (user_id = ${CURRENT_USER})`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const policy of ['own_sessions', 'presented_updates', 'presented_reads'])
      await q.query(`DROP POLICY ${policy} ON refresh_tokens`);
    await q.query(`ALTER TABLE refresh_tokens NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE refresh_tokens DISABLE ROW LEVEL SECURITY`);
    await q.query(`DROP TABLE sign_in_failures`);
    await q.query(`DROP POLICY users_own_update ON users`);
    await q.query(`DROP TRIGGER users_sessions ON users`);
    await q.query(`DROP FUNCTION users_sessions()`);
    await q.query(`
      ALTER TABLE users
        ADD COLUMN locked_until timestamptz,
        DROP COLUMN last_failed_sign_in_at,
        DROP COLUMN sessions_revoked_at,
        DROP COLUMN session_version`);
  }
}
