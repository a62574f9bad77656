import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { startTestApi, type TestApi } from '../../__tests__/support/test-api.js';
import { parksSharingSecretNames, warnOfSharedSecretNames } from '../webhook-secret-scope.js';

/**
 * Onboarding refuses a park code whose webhook secret names would coincide with another park's;
 * parks created before that check may already share them, and the operator is told.
 */
describe('parks already sharing webhook secret names', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  /** A park written straight into the table, as before onboarding checked codes. */
  async function oldPark(code: string, name: string): Promise<void> {
    await api.owner.query(
      `INSERT INTO parks (district_id, code, name) SELECT district_id, $1, $2 FROM parks WHERE code = 'zhengyang'`,
      [code, name],
    );
  }

  async function warnings(): Promise<{ parks: string[]; msg: string }[]> {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    await warnOfSharedSecretNames(api.db, logger);
    return lines.map((line) => JSON.parse(line) as { parks: string[]; msg: string });
  }

  it('finds none among parks whose codes are apart, and says nothing at start', async () => {
    await oldPark('songlin', '松林工业园区');
    expect(await parksSharingSecretNames(api.db)).toEqual([]);
    expect(await warnings()).toEqual([]);
  });

  it('names both parks of every pair, with the variable they share, at start', async () => {
    await oldPark('ZhengYang', '正阳东区');
    await oldPark('songlin--2', '松林二期');
    const shared = await parksSharingSecretNames(api.db);
    const pairs = shared.map((pair) => pair.parks.map((park) => park.code).sort());
    expect(pairs.sort()).toEqual([
      ['ZhengYang', 'zhengyang'],
      ['songlin', 'songlin--2'],
    ]);

    const logged = await warnings();
    expect(logged.map((entry) => [...entry.parks].sort()).sort()).toEqual(pairs.sort());
    const zhengyang = logged.find((entry) => entry.parks.includes('ZhengYang'))!.msg;
    expect(zhengyang).toContain('重庆市正阳工业园区');
    expect(zhengyang).toContain('正阳东区');
    expect(zhengyang).toContain('QIFU_WEBHOOK_SECRET_ZHENGYANG');
    const songlin = logged.find((entry) => entry.parks.includes('songlin'))!.msg;
    expect(songlin).toContain('QIFU_WEBHOOK_SECRET_SONGLIN / QIFU_WEBHOOK_SECRET_SONGLIN__2');
  });
});
