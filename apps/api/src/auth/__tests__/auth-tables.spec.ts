import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { APP_ROLE } from '../../database/tenant-table.js';

/**
 * Sessions and sign-in counters under row-level security, attacked with raw SQL as the application
 * role: a statement in someone else's scope can neither read, end nor mint a session.
 */
describe('row-level security of sessions and sign-in failures', () => {
  let api: TestApi;
  let app: pg.Client;
  let parkA: string;
  let staffId: string;
  let platformId: string;
  let staffRefresh: string;

  /** Runs `sql` as the application role with these settings, in a transaction rolled back after. */
  async function as<T extends pg.QueryResultRow = Record<string, unknown>>(
    settings: Record<string, string>,
    sql: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult<T>> {
    await app.query('BEGIN');
    try {
      for (const [name, value] of Object.entries(settings))
        await app.query(`SELECT set_config($1, $2, true)`, [name, value]);
      return await app.query<T>(sql, params);
    } finally {
      await app.query('ROLLBACK');
    }
  }

  const hash = (token: string) => createHash('sha256').update(token).digest('hex');

  beforeAll(async () => {
    api = await startTestApi();
    const login = async (username: string) =>
      (
        await api.gql(
          `mutation { signIn(input: { username: "${username}", password: "Zhengyang@2022" }) { refreshToken } }`,
        )
      ).data!.signIn.refreshToken as string;
    staffRefresh = await login('zy.staff');
    await login('platform');
    await login('zy.admin');
    parkA = (await api.owner.query(`SELECT id FROM parks WHERE code = 'zhengyang'`)).rows[0].id;
    staffId = (await api.owner.query(`SELECT id FROM users WHERE username = 'zy.staff'`)).rows[0].id;
    platformId = (await api.owner.query(`SELECT id FROM users WHERE username = 'platform'`)).rows[0].id;
    const url = new URL(api.ownerUrl);
    url.username = APP_ROLE;
    url.password = 'qifu_app_test_pw';
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await api?.close();
  });

  it('a park’s scope sees no session, ends none and mints none', async () => {
    const park = { 'app.park_id': parkA };
    expect((await as(park, `SELECT * FROM refresh_tokens`)).rowCount).toBe(0);
    expect((await as(park, `UPDATE refresh_tokens SET revoked_at = now()`)).rowCount).toBe(0);
    expect((await as(park, `DELETE FROM refresh_tokens`)).rowCount).toBe(0);
    await expect(
      as(
        park,
        `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
         VALUES ($1, gen_random_uuid(), $2, now() + interval '1 day')`,
        [platformId, hash('minted')],
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('a user’s scope sees and writes its own sessions only', async () => {
    const own = { 'app.user_id': staffId };
    const { rows } = await as<{ user_id: string }>(own, `SELECT user_id FROM refresh_tokens`);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.user_id))).toEqual(new Set([staffId]));
    await expect(
      as(
        own,
        `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
         VALUES ($1, gen_random_uuid(), $2, now() + interval '1 day')`,
        [platformId, hash('minted')],
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('presenting a token shows that one row and nothing else', async () => {
    const presented = { 'app.refresh_token': hash(staffRefresh) };
    const { rows } = await as<{ user_id: string }>(presented, `SELECT user_id FROM refresh_tokens`);
    expect(rows).toEqual([{ user_id: staffId }]);
    expect((await as(presented, `UPDATE refresh_tokens SET revoked_at = now()`)).rowCount).toBe(1);
    await expect(
      as(
        presented,
        `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
         VALUES ($1, gen_random_uuid(), $2, now() + interval '1 day')`,
        [platformId, hash(staffRefresh)],
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('sign-in failures exist only for a sign-in transaction', async () => {
    await api.gql(
      `mutation { signIn(input: { username: "zy.staff", password: "Wrong-password-1" }) { accessToken } }`,
    );
    expect((await api.owner.query(`SELECT 1 FROM sign_in_failures`)).rowCount).toBeGreaterThan(0);
    const scopes: Record<string, string>[] = [
      { 'app.park_id': parkA },
      { 'app.user_id': staffId },
      { 'app.scope': 'platform' },
    ];
    for (const settings of scopes) {
      expect((await as(settings, `SELECT * FROM sign_in_failures`)).rowCount).toBe(0);
      expect((await as(settings, `DELETE FROM sign_in_failures`)).rowCount).toBe(0);
    }
    expect(
      (await as({ 'app.login': 'zy.staff' }, `SELECT * FROM sign_in_failures`)).rowCount,
    ).toBeGreaterThan(0);
  });

  it('no scope but the platform’s changes who a person is, their own included', async () => {
    await expect(
      as({ 'app.user_id': staffId }, `UPDATE users SET platform_role = 'PLATFORM_ADMIN' WHERE id = $1`, [
        staffId,
      ]),
    ).rejects.toThrow(/only the platform/);
    await expect(
      as({ 'app.login': 'zy.staff' }, `UPDATE users SET home_park_id = NULL WHERE id = $1`, [staffId]),
    ).rejects.toThrow(/only the platform/);
    await expect(
      as({ 'app.park_id': parkA }, `UPDATE users SET district_id = gen_random_uuid() WHERE id = $1`, [
        staffId,
      ]),
    ).rejects.toThrow(/only the platform/);
  });

  it('whatever ends what a token stands for raises the session version', async () => {
    const version = async () =>
      (await api.owner.query(`SELECT session_version FROM users WHERE id = $1`, [staffId])).rows[0]
        .session_version as number;
    const start = await version();
    await api.owner.query(`UPDATE users SET email = 'a@b.cn', failed_attempts = 3 WHERE id = $1`, [staffId]);
    expect(await version()).toBe(start);
    await api.owner.query(`UPDATE users SET password_hash = password_hash || 'x' WHERE id = $1`, [staffId]);
    expect(await version()).toBe(start + 1);
    await api.owner.query(`UPDATE users SET active = false WHERE id = $1`, [staffId]);
    expect(await version()).toBe(start + 2);
    const { rows } = await api.owner.query(
      `SELECT sessions_revoked_at > now() - interval '1 minute' AS recent FROM users WHERE id = $1`,
      [staffId],
    );
    expect(rows[0].recent).toBe(true);
  });
});
