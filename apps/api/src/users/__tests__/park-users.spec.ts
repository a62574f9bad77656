import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, errorFields, startTestApi, type TestApi } from '../../__tests__/support/test-api.js';

const CREATE_USER = `mutation($input: CreateUserInput!) {
  createUser(input: $input) { id username displayName active roles { role department { name } } }
}`;
const SET_ROLES = `mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { roles { role departmentId } } }`;
const SET_ACTIVE = `mutation($id: ID!, $active: Boolean!) { setUserActive(input: { userId: $id, active: $active }) { active } }`;

describe('park users and roles', () => {
  let api: TestApi;
  let admin: string;
  let financeId: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.login('zy.admin');
    financeId = (await api.owner.query(`SELECT id FROM departments WHERE code = 'FINANCE'`)).rows[0].id;
  });
  afterAll(() => api.close());

  const userCount = async () => Number((await api.owner.query(`SELECT count(*) FROM users`)).rows[0].count);

  it('the park admin lists the park’s people with their roles', async () => {
    const result = await api.gql(`{ users { username roles { role department { name } } } }`, {}, admin);
    const usernames = result.data!.users.map((u: { username: string }) => u.username);
    expect(usernames).toEqual(['zy.admin', 'zy.deputy', 'zy.handler', 'zy.head', 'zy.leader', 'zy.staff']);
    expect(result.data!.users.find((u: { username: string }) => u.username === 'zy.head').roles).toEqual([
      { role: 'DEPARTMENT_HEAD', department: { name: '经济发展部' } },
    ]);
  });

  it('creates a department handler who signs in with those roles; the change is audited', async () => {
    const created = await api.gql(
      CREATE_USER,
      {
        input: {
          username: 'zy.finance',
          displayName: '财金部 赵磊',
          email: 'zhaolei@zhengyang.example',
          password: 'Finance@2024',
          roles: [{ role: 'DEPARTMENT_HANDLER', departmentId: financeId }],
        },
      },
      admin,
    );
    expect(created.data!.createUser).toMatchObject({
      username: 'zy.finance',
      active: true,
      roles: [{ role: 'DEPARTMENT_HANDLER', department: { name: '财政金融部' } }],
    });
    const token = await api.login('zy.finance', 'Finance@2024');
    const me = await api.gql(`{ me { roles { role } } }`, {}, token);
    expect(me.data!.me.roles).toEqual([{ role: 'DEPARTMENT_HANDLER' }]);
    const audit = await api.owner.query(`SELECT action, after FROM audit_events WHERE subject_id = $1`, [
      created.data!.createUser.id,
    ]);
    expect(audit.rows).toEqual([
      {
        action: 'user.created',
        after: {
          username: 'zy.finance',
          displayName: '财金部 赵磊',
          email: 'zhaolei@zhengyang.example',
          active: true,
          roles: [{ role: 'DEPARTMENT_HANDLER', departmentId: financeId }],
        },
      },
    ]);
  });

  it('refuses bad input with the field named, and creates nobody', async () => {
    const before = await userCount();
    const valid = {
      username: 'zy.new',
      displayName: '新人',
      password: 'Newcomer@2024',
      roles: [] as object[],
    };
    const weak = await api.gql(CREATE_USER, { input: { ...valid, password: 'short' } }, admin);
    expect([errorCode(weak), errorFields(weak)[0]]).toEqual(['BAD_USER_INPUT', 'password']);
    const duplicate = await api.gql(CREATE_USER, { input: { ...valid, username: 'ZY.STAFF' } }, admin);
    expect([errorCode(duplicate), errorFields(duplicate)]).toEqual(['CONFLICT', ['username']]);
    const noDepartment = await api.gql(
      CREATE_USER,
      { input: { ...valid, roles: [{ role: 'DEPARTMENT_HEAD' }] } },
      admin,
    );
    expect([errorCode(noDepartment), errorFields(noDepartment)]).toEqual([
      'BAD_USER_INPUT',
      ['roles.0.departmentId'],
    ]);
    const unknownDepartment = await api.gql(
      CREATE_USER,
      {
        input: {
          ...valid,
          roles: [
            { role: 'SERVICE_CENTER_STAFF' },
            { role: 'DEPARTMENT_HEAD', departmentId: '00000000-0000-4000-8000-000000000000' },
          ],
        },
      },
      admin,
    );
    expect(errorFields(unknownDepartment)).toEqual(['roles.1.departmentId']);
    const platformRole = await api.gql(
      CREATE_USER,
      { input: { ...valid, roles: [{ role: 'PLATFORM_ADMIN' }] } },
      admin,
    );
    expect([errorCode(platformRole), errorFields(platformRole)]).toEqual([
      'BAD_USER_INPUT',
      ['roles.0.role'],
    ]);
    const badUsername = await api.gql(CREATE_USER, { input: { ...valid, username: 'a b' } }, admin);
    expect(errorFields(badUsername)).toEqual(['username']);
    expect(await userCount()).toBe(before);
  });

  it('changes roles, and keeps the admin from removing their own admin role', async () => {
    const staffId = (await api.owner.query(`SELECT id FROM users WHERE username = 'zy.staff'`)).rows[0].id;
    const changed = await api.gql(
      SET_ROLES,
      { input: { userId: staffId, roles: [{ role: 'SERVICE_CENTER_STAFF' }, { role: 'LEADER_IN_CHARGE' }] } },
      admin,
    );
    expect(changed.data!.setUserRoles.roles.map((r: { role: string }) => r.role)).toEqual([
      'LEADER_IN_CHARGE',
      'SERVICE_CENTER_STAFF',
    ]);
    const adminId = (await api.owner.query(`SELECT id FROM users WHERE username = 'zy.admin'`)).rows[0].id;
    const selfDemotion = await api.gql(SET_ROLES, { input: { userId: adminId, roles: [] } }, admin);
    expect([errorCode(selfDemotion), errorFields(selfDemotion)]).toEqual(['BAD_USER_INPUT', ['roles']]);
  });

  it('a deactivated user can no longer sign in or refresh', async () => {
    const session = await api.gql(
      `mutation { signIn(input: { username: "zy.handler", password: "Zhengyang@2022" }) { refreshToken } }`,
    );
    const handlerId = (await api.owner.query(`SELECT id FROM users WHERE username = 'zy.handler'`)).rows[0]
      .id;
    expect(
      (await api.gql(SET_ACTIVE, { id: handlerId, active: false }, admin)).data!.setUserActive.active,
    ).toBe(false);
    expect(
      errorCode(
        await api.gql(
          `mutation { signIn(input: { username: "zy.handler", password: "Zhengyang@2022" }) { accessToken } }`,
        ),
      ),
    ).toBe('UNAUTHENTICATED');
    const refresh = await api.gql(
      `mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken } }`,
      {
        t: session.data!.signIn.refreshToken,
      },
    );
    expect(errorCode(refresh)).toBe('UNAUTHENTICATED');
    await api.gql(SET_ACTIVE, { id: handlerId, active: true }, admin);
    expect(await api.login('zy.handler')).toBeTruthy();
  });

  it('only the park admin manages people; nobody reaches another park’s people', async () => {
    const staff = await api.login('zy.staff');
    const attempt = await api.gql(
      CREATE_USER,
      { input: { username: 'zy.sneaky', displayName: 'x', password: 'Sneaky@20245', roles: [] } },
      staff,
    );
    expect(errorCode(attempt)).toBe('FORBIDDEN');
    const handler = await api.login('zy.head');
    expect(errorCode(await api.gql(`{ users { id } }`, {}, handler))).toBe('FORBIDDEN');

    const platform = await api.login('platform');
    const districtId = (await api.owner.query(`SELECT id FROM districts LIMIT 1`)).rows[0].id;
    await api.gql(
      `mutation($input: CreateParkInput!) { createPark(input: $input) { id } }`,
      {
        input: {
          districtId,
          code: 'other',
          name: '另一园区',
          adminUsername: 'ot.admin',
          adminDisplayName: '管理员',
          adminPassword: 'Otherpark@2024',
        },
      },
      platform,
    );
    const otherAdmin = await api.login('ot.admin', 'Otherpark@2024');
    const seen = await api.gql(`{ users { username } }`, {}, otherAdmin);
    expect(seen.data!.users.map((u: { username: string }) => u.username)).toEqual(['ot.admin']);
    const staffId = (await api.owner.query(`SELECT id FROM users WHERE username = 'zy.staff'`)).rows[0].id;
    expect(errorCode(await api.gql(SET_ACTIVE, { id: staffId, active: false }, otherAdmin))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await api.gql(SET_ROLES, { input: { userId: staffId, roles: [] } }, otherAdmin))).toBe(
      'NOT_FOUND',
    );
  });
});
