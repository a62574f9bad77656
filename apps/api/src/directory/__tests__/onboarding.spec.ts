import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';

const CREATE_DISTRICT = `mutation($input: CreateDistrictInput!) { createDistrict(input: $input) { id code name } }`;
const CREATE_PARK = `mutation($input: CreateParkInput!) { createPark(input: $input) { id code name district { code } } }`;
const DIRECTORY = `{ districts { code name parks { code } } parks { code name district { name } } }`;

describe('onboarding districts and parks', () => {
  let api: TestApi;
  let platform: string;
  beforeAll(async () => {
    api = await startTestApi();
    platform = await api.login('platform');
  });
  afterAll(() => api.close());

  const count = async (table: string) =>
    Number((await api.owner.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

  it('the platform admin creates a district, a park and its first park admin, who can sign in', async () => {
    const district = await api.gql(CREATE_DISTRICT, { input: { code: 'youyang', name: '酉阳县' } }, platform);
    expect(district.data!.createDistrict).toMatchObject({ code: 'youyang', name: '酉阳县' });
    const park = await api.gql(
      CREATE_PARK,
      {
        input: {
          districtId: district.data!.createDistrict.id,
          code: 'youyang-ind',
          name: '酉阳工业园区',
          adminUsername: 'yy.admin',
          adminDisplayName: '酉阳园区管理员',
          adminPassword: 'Youyang@2024',
        },
      },
      platform,
    );
    expect(park.data!.createPark).toMatchObject({ code: 'youyang-ind', district: { code: 'youyang' } });

    const admin = await api.login('yy.admin', 'Youyang@2024');
    // The new park starts with the reference rules as version 1, ready for its admin to adapt.
    const rules = await api.gql(`{ parkRules { version note rules } }`, {}, admin);
    expect(rules.data!.parkRules.version).toBe(1);
    expect(rules.data!.parkRules.note).toMatch(/Starter rules/);
    const me = await api.gql(`{ me { park { name } roles { role } } }`, {}, admin);
    expect(me.data!.me).toEqual({ park: { name: '酉阳工业园区' }, roles: [{ role: 'PARK_ADMIN' }] });
    const trail = await api.owner.query(
      `SELECT action FROM platform_audit_events WHERE actor_user_id IS NOT NULL ORDER BY id`,
    );
    expect(trail.rows.map((r) => r.action)).toEqual(['district.created', 'park.created']);
  });

  it('refuses duplicates, unknown districts and weak passwords, and changes nothing', async () => {
    const before = {
      districts: await count('districts'),
      parks: await count('parks'),
      users: await count('users'),
    };
    const dup = await api.gql(CREATE_DISTRICT, { input: { code: 'qianjiang', name: '另一个' } }, platform);
    expect(errorCode(dup)).toBe('CONFLICT');
    expect(errorFields(dup)).toEqual(['code']);

    const districtId = (await api.owner.query(`SELECT id FROM districts WHERE code = 'qianjiang'`)).rows[0]
      .id;
    const base = {
      districtId,
      code: 'new-park',
      name: '新园区',
      adminUsername: 'np.admin',
      adminDisplayName: '管理员',
      adminPassword: 'Newpark@2024',
    };
    const dupName = await api.gql(CREATE_PARK, { input: { ...base, name: '重庆市正阳工业园区' } }, platform);
    expect([errorCode(dupName), errorFields(dupName)]).toEqual(['CONFLICT', ['name']]);
    const dupAdmin = await api.gql(CREATE_PARK, { input: { ...base, adminUsername: 'ZY.ADMIN' } }, platform);
    expect([errorCode(dupAdmin), errorFields(dupAdmin)]).toEqual(['CONFLICT', ['adminUsername']]);
    const weak = await api.gql(CREATE_PARK, { input: { ...base, adminPassword: 'password' } }, platform);
    expect([errorCode(weak), errorFields(weak)]).toEqual([
      'BAD_USER_INPUT',
      ['adminPassword', 'adminPassword'],
    ]);
    const unknown = await api.gql(
      CREATE_PARK,
      { input: { ...base, districtId: '00000000-0000-4000-8000-000000000000' } },
      platform,
    );
    expect([errorCode(unknown), errorFields(unknown)]).toEqual(['BAD_USER_INPUT', ['districtId']]);
    // An id that is not a UUID is refused before the input's own rules are checked.
    const badId = await api.gql(
      CREATE_PARK,
      { input: { ...base, code: '正阳', districtId: 'nope' } },
      platform,
    );
    expect([errorCode(badId), errorFields(badId)]).toEqual(['BAD_USER_INPUT', ['districtId']]);
    const badCode = await api.gql(CREATE_PARK, { input: { ...base, code: '正阳' } }, platform);
    expect([errorCode(badCode), errorFields(badCode)]).toEqual(['BAD_USER_INPUT', ['code']]);
    // ZhengYang and zhengyang would both sign with QIFU_WEBHOOK_SECRET_ZHENGYANG.
    for (const code of ['ZhengYang', 'zhengyang--east']) {
      const sharing = await api.gql(CREATE_PARK, { input: { ...base, code } }, platform);
      expect({ code, answer: [errorCode(sharing), errorFields(sharing)] }).toEqual({
        code,
        answer: ['BAD_USER_INPUT', ['code']],
      });
      expect(sharing.errors![0].message).toContain('QIFU_WEBHOOK_SECRET_');
    }

    expect({
      districts: await count('districts'),
      parks: await count('parks'),
      users: await count('users'),
    }).toEqual(before);
  });

  it('only the platform admin onboards', async () => {
    const parkAdmin = await api.login('zy.admin');
    const result = await api.gql(CREATE_DISTRICT, { input: { code: 'x1', name: '某区' } }, parkAdmin);
    expect(errorCode(result)).toBe('FORBIDDEN');
    const viewer = await api.login('qianjiang');
    expect(errorCode(await api.gql(CREATE_DISTRICT, { input: { code: 'x2', name: '某区二' } }, viewer))).toBe(
      'FORBIDDEN',
    );
  });

  it('each role sees the part of the directory it belongs to', async () => {
    const staff = await api.gql(DIRECTORY, {}, await api.login('zy.staff'));
    expect(staff.data!.parks.map((p: { code: string }) => p.code)).toEqual(['zhengyang']);
    expect(staff.data!.districts.map((d: { code: string }) => d.code)).toEqual(['qianjiang']);

    const viewer = await api.gql(DIRECTORY, {}, await api.login('qianjiang'));
    expect(viewer.data!.districts.map((d: { code: string }) => d.code)).toEqual(['qianjiang']);
    expect(viewer.data!.parks.map((p: { code: string }) => p.code)).not.toContain('youyang-ind');

    const all = await api.gql(DIRECTORY, {}, platform);
    expect(all.data!.districts.map((d: { code: string }) => d.code)).toEqual(
      expect.arrayContaining(['qianjiang', 'youyang']),
    );
  });
});
