import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase } from '../../__tests__/support/test-api.js';
import { ConfigError, loadConfig } from '../../config/config.js';
import { prepareDatabase } from '../data-sources.js';
import { APP_ROLE } from '../tenant-table.js';

// The password every spec's API connects with (see test-api.ts): set again here, never changed.
const RUNNING_API_PASSWORD = 'qifu_app_test_pw';

describe('the application role beside a running API', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let superuser: pg.Client;

  const config = (env: Record<string, string>) =>
    loadConfig({ DATABASE_URL: database.url, JWT_SECRET: 'x'.repeat(32), ...env });
  const storedPassword = async (): Promise<string> =>
    (await superuser.query(`SELECT rolpassword FROM pg_authid WHERE rolname = $1`, [APP_ROLE])).rows[0]
      .rolpassword;

  beforeAll(async () => {
    database = await createTestDatabase();
    superuser = new pg.Client({ connectionString: database.url });
    await superuser.connect();
  });
  afterAll(async () => {
    await superuser.end();
    await database.drop();
  });

  it('a command run beside the API (park import, worker) never changes the role’s password', async () => {
    // The API sets the password it serves with.
    await prepareDatabase(config({ APP_DATABASE_PASSWORD: RUNNING_API_PASSWORD }));
    const before = await storedPassword();
    expect(before).toMatch(/^SCRAM-SHA-256\$/);

    // `npm run park -- import` once rotated it to a random one here, locking the API's new connections out.
    const { appUrl } = await prepareDatabase(config({ APP_DATABASE_PASSWORD: 'another-password' }), {
      appRolePassword: 'keep',
    });
    expect(await storedPassword()).toBe(before);
    expect(new URL(appUrl).username).toBe(APP_ROLE);
  });

  it('refuses to run without the API’s password rather than invent one', async () => {
    const before = await storedPassword();
    await expect(prepareDatabase(config({}), { appRolePassword: 'keep' })).rejects.toThrow(ConfigError);
    await expect(prepareDatabase(config({}), { appRolePassword: 'keep' })).rejects.toThrow(
      /APP_DATABASE_PASSWORD/,
    );
    expect(await storedPassword()).toBe(before);
  });
});
