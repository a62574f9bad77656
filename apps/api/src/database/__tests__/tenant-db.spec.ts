import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { Scope } from '../tenant-db.js';

describe('tenant transactions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('applies the scope as given, quotes and backslashes included, for that transaction only', async () => {
    const login = `o'brien\\"; DROP TABLE users; --`;
    const seen = await api.db.run(Scope.signIn(login), async (em) => {
      const [row] = (await em.query(`SELECT current_setting('app.login') AS login`)) as { login: string }[];
      return row.login;
    });
    expect(seen).toBe(login);
    const [after] = (await api.dataSource.query(
      `SELECT coalesce(current_setting('app.login', true), '') AS login`,
    )) as { login: string }[];
    expect(after.login).toBe('');
  });

  it('rolls back everything when the work fails, and the connection is usable afterwards', async () => {
    const parkId = (await api.owner.query(`SELECT id FROM parks ORDER BY code LIMIT 1`)).rows[0].id as string;
    const scope = Scope.park(parkId);
    await expect(
      api.db.run(scope, async (em) => {
        await em.query(
          `INSERT INTO number_counters (kind, scope, last_value) VALUES ('TEST', 'rollback', 1)`,
        );
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    const { rows } = await api.owner.query(`SELECT 1 FROM number_counters WHERE kind = 'TEST'`);
    expect(rows).toEqual([]);
    // Every pooled connection still answers outside any transaction.
    const states = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.db.run(scope, async (em) => ((await em.query(`SELECT 1 AS ok`)) as { ok: number }[])[0].ok),
      ),
    );
    expect(states).toEqual(Array(8).fill(1));
  });
});
