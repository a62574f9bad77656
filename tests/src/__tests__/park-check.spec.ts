// `park check` of the built CLI: parks that share webhook secret names are listed and it exits 1.
import { cliOutcome, scratchDatabase } from '../support/server.js';
import pg from 'pg';

describe('node apps/api/dist/cli.js park check', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;

  beforeAll(async () => {
    database = await scratchDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function owner(sql: string, params: unknown[] = []): Promise<void> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(sql, params);
    } finally {
      await client.end();
    }
  }

  it('exits 0 when no two parks share secret names, and 1 listing both parks of each pair', async () => {
    // The CLI migrates the empty database first, as every command does.
    const clean = await cliOutcome(['park', 'check'], database.url);
    expect(clean).toMatchObject({ exitCode: 0, stdout: 'no two parks share webhook secret names\n' });

    // Parks written straight into the table, as before onboarding compared codes.
    await owner(`INSERT INTO districts (code, name) VALUES ('qianjiang', '黔江区')`);
    for (const [code, name] of [
      ['zhengyang', '重庆市正阳工业园区'],
      ['ZhengYang', '正阳东区'],
      ['wulingshan', '武陵山工业园区'],
    ]) {
      await owner(
        `INSERT INTO parks (district_id, code, name) SELECT id, $1, $2 FROM districts WHERE code = 'qianjiang'`,
        [code, name],
      );
    }
    const shared = await cliOutcome(['park', 'check'], database.url);
    expect(shared.exitCode).toBe(1);
    const lines = shared.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/zhengyang/);
    expect(lines[0]).toMatch(/ZhengYang/);
    expect(lines[0]).toContain('正阳东区');
    expect(lines[0]).toContain('QIFU_WEBHOOK_SECRET_ZHENGYANG');
    expect(lines[0]).not.toContain('wulingshan');
    expect(shared.stderr).toContain('1 pair(s) of parks share webhook secret names');
  });
});
